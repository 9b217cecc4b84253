// What the reading page renders before its live connection: the stored live document, read like the
// browser reads its copy, as plain data; only for class members and current readings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { loadActor } from "../auth/current-actor.ts";
import { readingDocumentName } from "../collab/document-name.ts";
import { appendUpdate } from "../collab/document-store.ts";
import { createComment, createHighlight, readingMaps, readReadingEntries, toggleReaction } from "../collab/reading-doc.ts";
import type { Actor } from "../policies/index.ts";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { seedDemoClass } from "../testing/demo-class.ts";
import { getReadingAnnotations } from "./get-reading-annotations.ts";

let test: TestDatabase;
let readingId: string;
let emptyReadingId: string;
let archivedReadingId: string;
let alice: Actor;
const doc = new Y.Doc();

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemoClass(test.db);
  const readings = await test.db.reading.findMany({ orderBy: { position: "asc" }, select: { id: true, abstract: true } });
  readingId = readings[0]!.id;
  emptyReadingId = readings[1]!.id;
  archivedReadingId = readings[2]!.id;
  const user = await test.db.user.findUniqueOrThrow({ where: { email: "alice@demo.test" } });
  alice = (await loadActor({ userId: user.id, sessionVersion: user.sessionVersion, db: test.db }))!;

  const abstract = readings[0]!.abstract;
  const name = readingDocumentName(readingId);
  const { highlightId, commentId } = createHighlight(doc, {
    authorId: alice.id,
    kind: "question",
    target: { exact: abstract.slice(0, 12), prefix: "", suffix: abstract.slice(12, 44), start: 0, end: 12 },
    firstComment: "Why **this**?",
  });
  // Two logged updates: the reader must see the log as well as the stored state.
  await appendUpdate(test.db, { name, update: Y.encodeStateAsUpdate(doc), userId: alice.id });
  const before = Y.encodeStateVector(doc);
  createComment(doc, { authorId: alice.id, highlightId, parentId: commentId, body: "A reply" });
  toggleReaction(doc, commentId!, alice.id);
  // An entry an older version stored without its body: shown as unreadable, never dropped.
  doc.transact(() => {
    const broken = new Y.Map<unknown>();
    readingMaps(doc).comments.set("broken-comment-1", broken);
    broken.set("id", "broken-comment-1");
  });
  await appendUpdate(test.db, { name, update: Y.encodeStateAsUpdate(doc, before), userId: alice.id });

  await test.db.reading.update({ where: { id: archivedReadingId }, data: { archivedAt: new Date() } });
});

afterAll(async () => {
  await test.drop();
});

describe("getReadingAnnotations", () => {
  it("gives exactly what the browser's readers find in the document, as JSON-safe data", async () => {
    const annotations = await getReadingAnnotations({ actor: alice, readingId, db: test.db });
    const expected = readReadingEntries(doc);
    expect(annotations).toEqual({ ...expected, reactions: [...expected.reactions], readAt: expect.any(Number) });
    expect(annotations!.comments.map((comment) => comment.body)).toEqual(["Why **this**?", "A reply"]);
    expect(annotations!.unreadable).toEqual([{ root: "comments", id: "broken-comment-1", unreadable: true, highlightId: null, parentId: null }]);
    expect(JSON.parse(JSON.stringify(annotations))).toEqual(annotations);
  });

  it("is empty for a reading nobody has annotated, and null for an archived or unknown one", async () => {
    expect(await getReadingAnnotations({ actor: alice, readingId: emptyReadingId, db: test.db })).toMatchObject({ highlights: [], comments: [], reactions: [], unreadable: [] });
    expect(await getReadingAnnotations({ actor: alice, readingId: archivedReadingId, db: test.db })).toBeNull();
    expect(await getReadingAnnotations({ actor: alice, readingId: "c0000000000000000000000000", db: test.db })).toBeNull();
  });

  it("is for class members only, like the live document", async () => {
    await expect(getReadingAnnotations({ actor: null, readingId, db: test.db })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(getReadingAnnotations({ actor: { ...alice, role: null }, readingId, db: test.db })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
