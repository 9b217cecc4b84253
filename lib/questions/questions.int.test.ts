// The question queue against a real Postgres, on rows written by the real projection, and "Answered in
// presentation" written as a server change into the stored reading document and projected back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { loadActor } from "../auth/current-actor.ts";
import { readingDocumentName } from "../collab/document-name.ts";
import { appendUpdate, loadDocument } from "../collab/document-store.ts";
import { readingMaps, readHighlights } from "../collab/reading-doc.ts";
import { rebuildReadingProjection } from "../collab/reading-projection.ts";
import type { Actor } from "../policies/index.ts";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { seedDemoClass } from "../testing/demo-class.ts";
import { listMostHighlighted } from "./list-most-highlighted.ts";
import { listOpenQuestions } from "./list-open-questions.ts";
import { markQuestionAnswered } from "./mark-question-answered.ts";

let test: TestDatabase;
let sessionId: string;
let sessionSlug: string;
let readingId: string;
let otherReadingId: string;
let archivedReadingId: string;
let abstract: string;
let alice: Actor;
let bob: Actor;
let lead: Actor;
let blog: Actor;
let instructor: Actor;
const base = Date.now() - 60_000;

async function actorFor(email: string): Promise<Actor> {
  const user = await test.db.user.findUniqueOrThrow({ where: { email } });
  return (await loadActor({ userId: user.id, sessionVersion: user.sessionVersion, db: test.db }))!;
}

function put(doc: Y.Doc, root: "highlights" | "comments" | "reactions", key: string, value: Record<string, unknown> | true): void {
  doc.transact(() => {
    if (value === true) {
      readingMaps(doc).reactions.set(key, true);
      return;
    }
    const entry = new Y.Map<unknown>();
    readingMaps(doc)[root as "highlights" | "comments"].set(key, entry);
    for (const [name, field] of Object.entries(value)) entry.set(name, field);
  });
}
const comment = (id: string, fields: Record<string, unknown>) => ({ id, highlightId: null, parentId: null, editedAt: null, resolvedAt: null, resolvedBy: null, deleted: false, createdAt: base, ...fields });
const highlightAt = (id: string, start: number, end: number, fields: Record<string, unknown>) => ({
  id,
  kind: "note",
  target: { exact: abstract.slice(start, end), prefix: "", suffix: "", start, end },
  createdAt: base,
  ...fields,
});

/** Stores a document's state as the reading's live document and projects it, as the collaboration server would. */
async function store(id: string, doc: Y.Doc): Promise<void> {
  await appendUpdate(test.db, { name: readingDocumentName(id), update: Y.encodeStateAsUpdate(doc), userId: null });
  await reproject(id);
}
async function reproject(id: string): Promise<void> {
  const stored = await loadDocument(test.db, readingDocumentName(id));
  await rebuildReadingProjection(test.db, id, stored.update!);
}

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemoClass(test.db);
  const session = await test.db.classSession.findFirstOrThrow({ select: { id: true, slug: true, readings: { orderBy: { position: "asc" }, select: { id: true, abstract: true } } } });
  sessionId = session.id;
  sessionSlug = session.slug;
  readingId = session.readings[0]!.id;
  abstract = session.readings[0]!.abstract;
  otherReadingId = session.readings[1]!.id;
  archivedReadingId = session.readings[2]!.id;
  [alice, bob, lead, blog, instructor] = await Promise.all([actorFor("alice@demo.test"), actorFor("bob@demo.test"), actorFor("lead@demo.test"), actorFor("blog@demo.test"), actorFor("instructor@demo.test")]);

  const doc = new Y.Doc();
  put(doc, "highlights", "hl-question", highlightAt("hl-question", 0, 20, { authorId: alice.id, kind: "question", createdAt: base }));
  put(doc, "highlights", "hl-note-1", highlightAt("hl-note-1", 10, 30, { authorId: bob.id, kind: "note" }));
  put(doc, "highlights", "hl-closed", highlightAt("hl-closed", 40, 50, { authorId: bob.id, kind: "question" }));
  put(doc, "comments", "c-on-question", comment("c-on-question", { highlightId: "hl-question", authorId: alice.id, body: "Why this much?" }));
  put(doc, "comments", "c-on-note", comment("c-on-note", { highlightId: "hl-note-1", authorId: bob.id, body: "How is it measured", createdAt: base + 1000 }));
  put(doc, "comments", "c-reply-1", comment("c-reply-1", { highlightId: "hl-note-1", parentId: "c-on-note", authorId: alice.id, body: "Is it not obvious?" }));
  put(doc, "comments", "c-statement", comment("c-statement", { authorId: bob.id, body: "Great paper." }));
  put(doc, "comments", "c-closed", comment("c-closed", { highlightId: "hl-closed", authorId: bob.id, body: "Which one?", resolvedAt: base + 5, resolvedBy: bob.id }));
  put(doc, "comments", "c-paper-1", comment("c-paper-1", { authorId: alice.id, body: "Does this hold for small models?", createdAt: base + 2000 }));
  put(doc, "reactions", `c-on-note|${alice.id}`, true);
  put(doc, "reactions", `c-on-note|${lead.id}`, true);
  put(doc, "reactions", `c-on-question|${bob.id}`, true);
  await store(readingId, doc);

  const other = new Y.Doc();
  put(other, "comments", "c-other-1", comment("c-other-1", { authorId: bob.id, body: "What is the baseline?" }));
  await store(otherReadingId, other);
  const archived = new Y.Doc();
  put(archived, "comments", "c-archived", comment("c-archived", { authorId: bob.id, body: "Why was this dropped?" }));
  await store(archivedReadingId, archived);
  await test.db.reading.update({ where: { id: archivedReadingId }, data: { archivedAt: new Date() } });
});

afterAll(async () => {
  await test.drop();
});

describe("listOpenQuestions", () => {
  it("lists question highlights and threads that ask, ranked by +1 then recency, with passages and deep links", async () => {
    const queue = await listOpenQuestions({ actor: bob, sessionId, db: test.db });
    // +1s first (2, 1), then the newest: c-paper (asked 2 s after c-other).
    expect(queue.questions.map((question) => question.id)).toEqual(["c-on-note", "hl-question", "c-paper-1", "c-other-1"]);
    const byId = new Map(queue.questions.map((question) => [question.id, question]));
    expect(byId.get("c-on-note")).toMatchObject({ type: "thread", votes: 2, passage: abstract.slice(10, 30), authorName: "Bob Tanaka", href: `/readings/${readingId}#comment-c-on-note` });
    expect(byId.get("hl-question")).toMatchObject({ type: "highlight", votes: 1, text: "Why this much?", commentId: "c-on-question", href: `/readings/${readingId}#highlight-hl-question`, answeredIn: null });
    expect(byId.get("c-paper-1")).toMatchObject({ passage: null, votes: 0 });
    expect(byId.has("c-statement") || byId.has("c-reply-1") || byId.has("hl-closed") || byId.has("c-archived")).toBe(false);
    expect(queue.readings.map((reading) => reading.id)).not.toContain(archivedReadingId);
    expect(queue.canAnswer).toBe(false);
  });

  it("filters by reading, and refuses a reading of another session or an archived one", async () => {
    const queue = await listOpenQuestions({ actor: bob, sessionId, readingId: otherReadingId, db: test.db });
    expect(queue.questions.map((question) => question.id)).toEqual(["c-other-1"]);
    await expect(listOpenQuestions({ actor: bob, sessionId, readingId: archivedReadingId, db: test.db })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listOpenQuestions({ actor: bob, sessionId: "c0000000000000000000000000", db: test.db })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("says who may answer: the lead team and the instructor", async () => {
    expect((await listOpenQuestions({ actor: lead, sessionId, db: test.db })).canAnswer).toBe(true);
    expect((await listOpenQuestions({ actor: instructor, sessionId, db: test.db })).canAnswer).toBe(true);
    expect((await listOpenQuestions({ actor: blog, sessionId, db: test.db })).canAnswer).toBe(false);
    await expect(listOpenQuestions({ actor: null, sessionId, db: test.db })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("markQuestionAnswered", () => {
  it("is the lead team's and the instructor's: a classmate and the blog team are refused and nothing is written", async () => {
    const before = await loadDocument(test.db, readingDocumentName(readingId));
    for (const actor of [alice, blog]) {
      await expect(markQuestionAnswered({ actor, readingId, type: "highlight", id: "hl-question", answered: true, db: test.db })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const after = await loadDocument(test.db, readingDocumentName(readingId));
    expect(Buffer.from(after.update!).equals(Buffer.from(before.update!))).toBe(true);
  });

  it("writes answeredIn into the reading document; the projection carries it to the queue; false takes it back", async () => {
    const { answeredIn } = await markQuestionAnswered({ actor: lead, readingId, type: "highlight", id: "hl-question", answered: true, db: test.db });
    const presentation = await test.db.draft.findFirstOrThrow({ where: { sessionId, kind: "PRESENTATION" } });
    expect(answeredIn).toEqual({ draftId: presentation.id, href: `/sessions/${sessionSlug}/drafts/presentation` });

    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await loadDocument(test.db, readingDocumentName(readingId))).update!);
    expect(readHighlights(doc).find((highlight) => highlight.id === "hl-question")?.answeredIn).toEqual(answeredIn);

    await reproject(readingId);
    const queue = await listOpenQuestions({ actor: bob, sessionId, db: test.db });
    expect(queue.questions.find((question) => question.id === "hl-question")?.answeredIn).toEqual(answeredIn);

    await markQuestionAnswered({ actor: instructor, readingId, type: "thread", id: "c-paper-1", answered: true, db: test.db });
    await markQuestionAnswered({ actor: lead, readingId, type: "highlight", id: "hl-question", answered: false, db: test.db });
    await reproject(readingId);
    const again = await listOpenQuestions({ actor: bob, sessionId, db: test.db });
    expect(again.questions.find((question) => question.id === "hl-question")?.answeredIn).toBeNull();
    expect(again.questions.find((question) => question.id === "c-paper-1")?.answeredIn).toEqual(answeredIn);
  });

  it.each([
    ["a highlight that is not a question", "highlight", "hl-note-1", "INVALID_INPUT"],
    ["a reply", "thread", "c-reply-1", "INVALID_INPUT"],
    ["a highlight that does not exist", "highlight", "hl-missing1", "NOT_FOUND"],
    ["a comment that does not exist", "thread", "c-missing01", "NOT_FOUND"],
  ] as const)("refuses %s", async (_name, type, id, code) => {
    await expect(markQuestionAnswered({ actor: lead, readingId, type, id, answered: true, db: test.db })).rejects.toMatchObject({ code });
  });
});

describe("listMostHighlighted", () => {
  it("gives each reading the stretch most highlights cover", async () => {
    const passages = await listMostHighlighted({ actor: bob, sessionId, db: test.db });
    expect(passages[readingId]).toEqual({ start: 10, end: 20, text: abstract.slice(10, 20), count: 2 });
    expect(passages[otherReadingId]).toBeUndefined();
  });
});
