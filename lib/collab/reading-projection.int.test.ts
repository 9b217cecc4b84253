// The reading projection against a real Postgres: keyed by reading and entry, incremental (unchanged
// rows are not rewritten: their xmin, the transaction that wrote them, stays), tolerant of entries it
// cannot store, and rebuilt at start when a crash left it behind.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { seedDemoClass } from "../testing/demo-class.ts";
import { readingDocumentName } from "./document-name.ts";
import { createComment, deleteComment, editComment, readingMaps, toggleReaction } from "./reading-doc.ts";
import { rebuildReadingProjection } from "./reading-projection.ts";
import { startTestCollabServer } from "./testing/support.ts";

let test: TestDatabase;
let readings: string[];
let alice: { id: string; handle: string };
let bob: { id: string; handle: string };

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemoClass(test.db);
  readings = (await test.db.reading.findMany({ orderBy: { position: "asc" }, select: { id: true } })).map((reading) => reading.id);
  const users = await test.db.user.findMany({ where: { email: { in: ["alice@demo.test", "bob@demo.test"] } } });
  const byEmail = (email: string) => users.find((user) => user.email === email)!;
  alice = { id: byEmail("alice@demo.test").id, handle: byEmail("alice@demo.test").handle! };
  bob = { id: byEmail("bob@demo.test").id, handle: byEmail("bob@demo.test").handle! };
});
afterAll(async () => {
  await test.drop();
});

/** A comment entry written straight into the map, as a (malicious or buggy) client could. */
function putComment(doc: Y.Doc, key: string, fields: Record<string, unknown>): void {
  const entry = new Y.Map<unknown>();
  const values = { id: key, highlightId: null, parentId: null, authorId: alice.id, body: "hello", createdAt: 1_700_000_000_000, editedAt: null, resolvedAt: null, resolvedBy: null, deleted: false, ...fields };
  doc.transact(() => {
    readingMaps(doc).comments.set(key, entry);
    for (const [name, value] of Object.entries(values)) entry.set(name, value);
  });
}

const state = (doc: Y.Doc) => Y.encodeStateAsUpdate(doc);
const rowVersions = async (readingId: string) =>
  new Map((await test.db.$queryRaw<Array<{ id: string; xmin: string }>>`SELECT id, xmin::text AS xmin FROM "CommentRow" WHERE "readingId" = ${readingId}`).map((row) => [row.id, row.xmin]));

describe("reading projection", () => {
  it("projects an entry id reused in another reading in both readings", async () => {
    const [first, second] = [readings[0]!, readings[1]!];
    const shared = "sharedentry0001";
    const one = new Y.Doc();
    putComment(one, shared, { body: `first reading, hi @${bob.handle}` });
    const two = new Y.Doc();
    putComment(two, shared, { body: `second reading, hi @${bob.handle}`, authorId: alice.id });

    await rebuildReadingProjection(test.db, first, state(one));
    await rebuildReadingProjection(test.db, second, state(two));
    // Again, in the other order: neither rebuild disturbs the other reading's row.
    await rebuildReadingProjection(test.db, second, state(two));
    await rebuildReadingProjection(test.db, first, state(one));

    const rows = await test.db.commentRow.findMany({ where: { id: shared }, orderBy: { body: "asc" } });
    expect(rows.map((row) => [row.readingId, row.body])).toEqual([
      [first, `first reading, hi @${bob.handle}`],
      [second, `second reading, hi @${bob.handle}`],
    ]);
    // Times are stored as the instant the document holds (UTC), whatever the server's time zone.
    expect(rows.map((row) => row.createdAt.getTime())).toEqual([1_700_000_000_000, 1_700_000_000_000]);
    const mentions = await test.db.mentionRow.findMany({ where: { commentId: shared } });
    expect(mentions.map((mention) => mention.readingId).sort()).toEqual([first, second].sort());
    expect(mentions.every((mention) => mention.mentionedUserId === bob.id)).toBe(true);
  });

  it("writes only the rows whose content changed", async () => {
    const readingId = readings[2]!;
    const doc = new Y.Doc();
    const ids: string[] = [];
    for (let index = 0; index < 300; index++) ids.push(createComment(doc, { authorId: alice.id, highlightId: null, parentId: null, body: `comment ${index}` }));
    await rebuildReadingProjection(test.db, readingId, state(doc));
    expect(await test.db.commentRow.count({ where: { readingId } })).toBe(300);
    const before = await rowVersions(readingId);

    const added = createComment(doc, { authorId: bob.id, highlightId: null, parentId: null, body: `a new one for @${alice.handle}` });
    editComment(doc, ids[10]!, "comment 10, edited");
    deleteComment(doc, ids[20]!);
    toggleReaction(doc, ids[30]!, bob.id);
    await rebuildReadingProjection(test.db, readingId, state(doc));

    const after = await rowVersions(readingId);
    expect(after.size).toBe(301);
    const rewritten = [...after].filter(([id, xmin]) => before.get(id) !== xmin).map(([id]) => id);
    expect(rewritten.sort()).toEqual([added, ids[10]!, ids[20]!, ids[30]!].sort());
    const rows = await test.db.commentRow.findMany({ where: { readingId, id: { in: [ids[10]!, ids[20]!, ids[30]!] } } });
    const row = (id: string) => rows.find((candidate) => candidate.id === id)!;
    expect([row(ids[10]!).body, row(ids[10]!).deleted, row(ids[20]!).deleted, row(ids[30]!).reactionCount]).toEqual(["comment 10, edited", false, true, 1]);
    expect(await test.db.mentionRow.count({ where: { readingId, commentId: added, mentionedUserId: alice.id } })).toBe(1);

    // Nothing changed: nothing is written.
    await rebuildReadingProjection(test.db, readingId, state(doc));
    expect(await rowVersions(readingId)).toEqual(after);

    // The mention goes when its comment is deleted.
    deleteComment(doc, added);
    await rebuildReadingProjection(test.db, readingId, state(doc));
    expect(await test.db.mentionRow.count({ where: { readingId, commentId: added } })).toBe(0);
  });

  it("skips entries it cannot store instead of failing forever", async () => {
    const readingId = readings[3]!;
    const doc = new Y.Doc();
    const tricky = 'fine: "quoted", back\\slash, {braces}, NULL, commas, é, 🙂\nnew line';
    putComment(doc, "goodentry00001", { body: tricky });
    putComment(doc, "nulentry000001", { body: "a NUL \u0000 byte" });
    putComment(doc, "farfuture00001", { createdAt: Number.MAX_SAFE_INTEGER });
    putComment(doc, "wrongshape0001", { body: 42 });
    readingMaps(doc).comments.set("notamap0000001", "just a string" as never);
    await rebuildReadingProjection(test.db, readingId, state(doc));
    expect((await test.db.commentRow.findMany({ where: { readingId } })).map((row) => [row.id, row.body])).toEqual([["goodentry00001", tricky]]);
  });
});

describe("start-up recovery", () => {
  it("rebuilds a projection a crash left behind, and folds a log a crash left unfolded", async () => {
    const readingId = readings[4]!;
    const name = readingDocumentName(readingId);
    const doc = new Y.Doc();
    const stored = createComment(doc, { authorId: alice.id, highlightId: null, parentId: null, body: "in the state" });
    // Compacted (version 3) but only version 2 projected: the process died between the two.
    await test.db.liveDocument.create({ data: { name, state: Buffer.from(state(doc)), version: 3, projectedVersion: 2 } });
    const vector = Y.encodeStateVector(doc);
    const logged = createComment(doc, { authorId: bob.id, highlightId: null, parentId: null, body: "only in the log" });
    await test.db.documentUpdate.create({ data: { documentName: name, update: Buffer.from(Y.encodeStateAsUpdate(doc, vector)), userId: bob.id } });

    const server = await startTestCollabServer(test.db);
    try {
      await vi.waitFor(async () => {
        const live = await test.db.liveDocument.findUniqueOrThrow({ where: { name } });
        expect(live.projectedVersion).toBe(live.version);
      });
      expect(await test.db.documentUpdate.count({ where: { documentName: name } })).toBe(0);
      expect((await test.db.commentRow.findMany({ where: { readingId }, orderBy: { createdAt: "asc" } })).map((row) => row.id).sort()).toEqual([stored, logged].sort());
      expect((await test.db.liveDocument.findUniqueOrThrow({ where: { name } })).version).toBe(4);
    } finally {
      await server.close();
    }
  });
});
