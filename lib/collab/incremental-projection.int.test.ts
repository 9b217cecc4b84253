// The worker's compaction job against a real Postgres: between folds it projects only what the new log
// rows changed, from its copy of the document, and the rows it leaves are exactly what a projection from
// scratch writes; the log is folded once it has grown, or when asked; a copy made stale by another
// instance's fold is read again whole.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { seedDemoClass } from "../testing/demo-class.ts";
import { compactDocument } from "./compact-document.ts";
import { compactAndProject, FOLD_AFTER_ROWS, FOLD_AT_LEAST_BYTES } from "./compaction-job.ts";
import { readingDocumentName } from "./document-name.ts";
import { appendUpdate } from "./document-store.ts";
import {
  createComment,
  createHighlight,
  deleteComment,
  deleteHighlight,
  editComment,
  readingMaps,
  setHighlightKind,
  setThreadResolved,
  toggleReaction,
} from "./reading-doc.ts";
import { rebuildReadingProjection } from "./reading-projection.ts";
import { stopYjsWorker } from "./yjs-worker-pool.ts";

let test: TestDatabase;
let readings: string[];
let users: Array<{ id: string; handle: string }>;

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemoClass(test.db);
  readings = (await test.db.reading.findMany({ orderBy: { position: "asc" }, select: { id: true } })).map((reading) => reading.id);
  users = (await test.db.user.findMany({ where: { email: { in: ["alice@demo.test", "bob@demo.test", "lead@demo.test"] } }, orderBy: { email: "asc" } })).map((user) => ({
    id: user.id,
    handle: user.handle!,
  }));
});
afterAll(async () => {
  await stopYjsWorker();
  await test.drop();
});

/** A writer whose every transaction is appended to the log, as the server does with accepted updates. */
function loggedWriter(name: string) {
  const doc = new Y.Doc();
  const pending: Promise<void>[] = [];
  doc.on("update", (update: Uint8Array) => pending.push(appendUpdate(test.db, { name, update, userId: null })));
  return {
    doc,
    logged: async () => {
      await Promise.all(pending.splice(0));
    },
  };
}

const job = (name: string, fold = false) => compactAndProject({ databaseUrl: test.url, name, unloaded: false, fold });

/** A reading of `count` comments (`body(index)`), logged in one update and folded, and its writer. */
async function seededReading(index: number, count: number, body: (index: number) => string) {
  const readingId = readings[index]!;
  const name = readingDocumentName(readingId);
  const writer = loggedWriter(name);
  writer.doc.transact(() => {
    for (let comment = 0; comment < count; comment++) createComment(writer.doc, { authorId: users[comment % 3]!.id, highlightId: null, parentId: null, body: body(comment) });
  });
  await writer.logged();
  const first = await job(name, true);
  return { readingId, name, writer, first };
}

/** Everything the projection stores for one reading, in a comparable form. */
async function projection(readingId: string) {
  const [highlights, comments, mentions] = await Promise.all([
    test.db.highlightRow.findMany({ where: { readingId }, orderBy: { id: "asc" } }),
    test.db.commentRow.findMany({ where: { readingId }, orderBy: { id: "asc" } }),
    test.db.mentionRow.findMany({ where: { readingId }, orderBy: [{ commentId: "asc" }, { mentionedUserId: "asc" }] }),
  ]);
  return { highlights, comments, mentions };
}

/** What a projection from scratch of the stored document writes, for comparison. */
async function projectionFromScratch(readingId: string, doc: Y.Doc) {
  await test.db.$transaction([
    test.db.highlightRow.deleteMany({ where: { readingId } }),
    test.db.commentRow.deleteMany({ where: { readingId } }),
    test.db.mentionRow.deleteMany({ where: { readingId } }),
  ]);
  await rebuildReadingProjection(test.db, readingId, Y.encodeStateAsUpdate(doc));
  return projection(readingId);
}

const target = { exact: "fine-tuning", prefix: "", suffix: " of large models", start: 0, end: 11 };

/** A seeded mix of every kind of change a reading sees, one transaction (one log row) each. */
function randomChanges(doc: Y.Doc, count: number, seed: number): void {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const pick = <T,>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  for (let step = 0; step < count; step++) {
    const maps = readingMaps(doc);
    const comments = [...maps.comments.keys()];
    const highlights = [...maps.highlights.keys()];
    const who = pick(users);
    const roll = random();
    if (roll < 0.25 || comments.length === 0) {
      const mention = random() < 0.4 ? ` @${pick(users).handle}` : "";
      createComment(doc, { authorId: who.id, highlightId: highlights.length > 0 && random() < 0.5 ? pick(highlights) : null, parentId: null, body: `note ${step}${mention}` });
    } else if (roll < 0.35) createHighlight(doc, { authorId: who.id, kind: "note", target, firstComment: `on the passage ${step}` });
    else if (roll < 0.45) editComment(doc, pick(comments), `edited ${step} @${pick(users).handle}`);
    else if (roll < 0.55) deleteComment(doc, pick(comments));
    else if (roll < 0.65) setThreadResolved(doc, pick(comments), who.id, random() < 0.7);
    else if (roll < 0.85) toggleReaction(doc, pick(comments), who.id);
    else if (roll < 0.92 && highlights.length > 0) setHighlightKind(doc, pick(highlights), pick(["question", "note", "critique"] as const));
    else if (highlights.length > 0) deleteHighlight(doc, pick(highlights));
    else doc.transact(() => maps.comments.delete(pick(comments)));
  }
}

describe("the compaction job between folds", () => {
  it("projects only the new rows' changes without folding, and stores what a projection from scratch stores", async () => {
    // A reading of 300 comments, folded and projected whole: the log then stays well under a quarter of it.
    const { readingId, name, writer } = await seededReading(0, 300, (index) => `seeded ${index}`);
    const version = (await test.db.liveDocument.findUniqueOrThrow({ where: { name } })).version;

    for (const seed of [11, 12, 13, 14, 15]) {
      randomChanges(writer.doc, 6, seed);
      await writer.logged();
      const outcome = await job(name);
      expect(outcome.folded).toBe(0);
    }
    const live = await test.db.liveDocument.findUniqueOrThrow({ where: { name } });
    expect(live.version).toBe(version);
    expect(await test.db.documentUpdate.count({ where: { documentName: name } })).toBe(30);

    const incremental = await projection(readingId);
    expect(incremental.comments.length).toBeGreaterThanOrEqual(300);
    expect(incremental).toEqual(await projectionFromScratch(readingId, writer.doc));
  });

  it("folds once the log holds a quarter of the state's bytes (and at least 64 KiB), and when asked", async () => {
    const { readingId, name, writer, first } = await seededReading(1, 1200, (index) => `seeded ${index}`);
    expect(first.folded).toBe(1);
    const stateBytes = (await test.db.liveDocument.findUniqueOrThrow({ where: { name } })).state.byteLength;
    expect(stateBytes / 4).toBeGreaterThan(FOLD_AT_LEAST_BYTES);

    // Comments with long bodies, one at a time: each job projects it; the one that brings the log to a
    // quarter of the state folds.
    let logBytes = 0;
    let rows = 0;
    for (;;) {
      const before = Y.encodeStateVector(writer.doc);
      const id = createComment(writer.doc, { authorId: users[1]!.id, highlightId: null, parentId: null, body: "one more, and at length. ".repeat(200) });
      logBytes += Y.encodeStateAsUpdate(writer.doc, before).byteLength;
      rows++;
      await writer.logged();
      const outcome = await job(name);
      expect(await test.db.commentRow.count({ where: { readingId, id } })).toBe(1);
      if (logBytes * 4 < stateBytes) {
        expect(outcome).toMatchObject({ folded: 0, pending: rows });
        continue;
      }
      expect(outcome).toMatchObject({ folded: rows, pending: 0 });
      break;
    }
    expect(await test.db.documentUpdate.count({ where: { documentName: name } })).toBe(0);

    // A small document's log waits for 64 KiB, however small its state.
    const small = loggedWriter(readingDocumentName(readings[4]!));
    createComment(small.doc, { authorId: users[0]!.id, highlightId: null, parentId: null, body: "first" });
    await small.logged();
    expect(await job(readingDocumentName(readings[4]!))).toMatchObject({ folded: 0, pending: 1 });

    // Asked to fold (unload, shutdown): the log is folded whatever its size.
    createComment(writer.doc, { authorId: users[2]!.id, highlightId: null, parentId: null, body: "last" });
    await writer.logged();
    expect(await job(name, true)).toMatchObject({ folded: 1, pending: 0 });
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await test.db.liveDocument.findUniqueOrThrow({ where: { name } })).state);
    expect(readingMaps(stored).comments.size).toBe(readingMaps(writer.doc).comments.size);
  });

  it(`folds after ${FOLD_AFTER_ROWS} log rows whatever their size`, async () => {
    // A big state (long comments), then many tiny changes: +1s toggled on and off.
    const { readingId, name, writer } = await seededReading(2, 200, () => "x".repeat(2000));
    const comment = createComment(writer.doc, { authorId: users[0]!.id, highlightId: null, parentId: null, body: "liked" });
    await writer.logged();
    await job(name, true);
    for (let index = 0; index < FOLD_AFTER_ROWS - 1; index++) toggleReaction(writer.doc, comment, users[1]!.id);
    await writer.logged();
    expect(await job(name)).toMatchObject({ folded: 0, pending: FOLD_AFTER_ROWS - 1 });
    toggleReaction(writer.doc, comment, users[1]!.id);
    await writer.logged();
    expect(await job(name)).toMatchObject({ folded: FOLD_AFTER_ROWS, pending: 0 });
    // An even number of toggles: no +1 left.
    expect((await test.db.commentRow.findFirstOrThrow({ where: { readingId, id: comment } })).reactionCount).toBe(0);
  });

  it("reads the document again whole when another instance folded it meanwhile", async () => {
    const { readingId, name, writer } = await seededReading(3, 100, (index) => `seeded ${index}`);
    const mine = createComment(writer.doc, { authorId: users[1]!.id, highlightId: null, parentId: null, body: `hi @${users[2]!.handle}` });
    await writer.logged();
    expect(await job(name)).toMatchObject({ folded: 0, pending: 1 });

    // Another instance logs a change and folds the log (its own worker, not this copy).
    const theirs = createComment(writer.doc, { authorId: users[2]!.id, highlightId: null, parentId: null, body: "from elsewhere" });
    await writer.logged();
    const elsewhere = await compactDocument(test.db, name);
    expect(elsewhere.folded).toBe(2);
    const resolved = writer.doc;
    setThreadResolved(resolved, mine, users[0]!.id, true);
    await writer.logged();

    const outcome = await job(name);
    expect(outcome.version).toBe(elsewhere.version);
    const rows = await test.db.commentRow.findMany({ where: { readingId, id: { in: [mine, theirs] } }, orderBy: { body: "asc" } });
    expect(rows.map((row) => [row.body, row.resolvedBy])).toEqual([
      ["from elsewhere", null],
      [`hi @${users[2]!.handle}`, users[0]!.id],
    ]);
    expect(await test.db.mentionRow.count({ where: { readingId, commentId: mine, mentionedUserId: users[2]!.id } })).toBe(1);
    expect(await projection(readingId)).toEqual(await projectionFromScratch(readingId, writer.doc));
  });
});
