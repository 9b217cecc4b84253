// Annotation search against a real Postgres, on rows written by the real projection: stemming, phrases,
// passages, session and visibility scoping, deleted comments, hostile and over-long queries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { loadActor } from "../auth/current-actor.ts";
import { readingMaps } from "../collab/reading-doc.ts";
import { rebuildReadingProjection, rebuildThreadProjection } from "../collab/reading-projection.ts";
import type { Actor } from "../policies/index.ts";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { seedDemoClass } from "../testing/demo-class.ts";
import { MAX_QUERY_LENGTH, searchAnnotations, type AnnotationHit, type MarkedText } from "./search-annotations.ts";

let test: TestDatabase;
let sessionId: string;
let sessionSlug: string;
let readingId: string;
let archivedReadingId: string;
let spareReadingId: string;
let otherSessionId: string;
let draftId: string;
let alice: Actor;
let bob: Actor;
const base = Date.UTC(2026, 10, 1, 12);

async function actorFor(email: string): Promise<Actor> {
  const user = await test.db.user.findUniqueOrThrow({ where: { email } });
  return (await loadActor({ userId: user.id, sessionVersion: user.sessionVersion, db: test.db }))!;
}

function put(doc: Y.Doc, root: "highlights" | "comments", fields: Record<string, unknown>): void {
  const entry = new Y.Map<unknown>();
  doc.transact(() => {
    readingMaps(doc)[root].set(fields.id as string, entry);
    for (const [name, value] of Object.entries(fields)) entry.set(name, value);
  });
}
const comment = (fields: Record<string, unknown>) => ({ highlightId: null, parentId: null, editedAt: null, resolvedAt: null, resolvedBy: null, deleted: false, createdAt: base, ...fields });
const highlight = (exact: string, fields: Record<string, unknown>) => ({ kind: "note", target: { exact, prefix: "", suffix: "", start: 0, end: exact.length }, createdAt: base, ...fields });

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemoClass(test.db);
  const session = await test.db.classSession.findFirstOrThrow({ select: { id: true, slug: true, readings: { orderBy: { position: "asc" }, select: { id: true } } } });
  sessionId = session.id;
  sessionSlug = session.slug;
  readingId = session.readings[0]!.id;
  archivedReadingId = session.readings[1]!.id;
  spareReadingId = session.readings[2]!.id;
  await test.db.reading.update({ where: { id: archivedReadingId }, data: { archivedAt: new Date() } });
  [alice, bob] = await Promise.all([actorFor("alice@demo.test"), actorFor("bob@demo.test")]);

  const doc = new Y.Doc();
  put(doc, "highlights", highlight("Parameter-efficient methods adapt a frozen backbone", { id: "hl-frozen", authorId: alice.id, kind: "key-idea" }));
  put(doc, "highlights", highlight("we report accuracy on held-out tasks", { id: "hl-accuracy", authorId: bob.id, kind: "question" }));
  put(doc, "comments", comment({ id: "comment-tuned", highlightId: "hl-accuracy", authorId: alice.id, body: "The model was tuned on synthetic instructions before evaluation." }));
  put(doc, "comments", comment({ id: "comment-phrase", authorId: bob.id, body: "Low rank adaptation keeps the base weights untouched.", createdAt: base + 1000 }));
  put(doc, "comments", comment({ id: "comment-scattered", authorId: bob.id, body: "The rank of the update matters; low memory is a bonus of this adaptation.", createdAt: base + 2000 }));
  put(doc, "comments", comment({ id: "comment-deleted", authorId: bob.id, body: "Secret zeppelin remark, later withdrawn.", deleted: true, createdAt: base + 3000 }));
  put(doc, "comments", comment({ id: "comment-symbols", authorId: alice.id, body: "Does C++ code & SQL ('quoted') survive? 100% of it!", createdAt: base + 4000 }));
  await rebuildReadingProjection(test.db, readingId, Y.encodeStateAsUpdate(doc));

  const archived = new Y.Doc();
  put(archived, "comments", comment({ id: "comment-archived", authorId: alice.id, body: "Zeppelin notes on a reading no longer listed." }));
  await rebuildReadingProjection(test.db, archivedReadingId, Y.encodeStateAsUpdate(archived));

  const other = await test.db.classSession.create({
    data: { slug: "other-session", title: "Other session", position: 99, readings: { create: { section: "REQUIRED", title: "Elsewhere", abstract: "Elsewhere.", authors: [], position: 0 } } },
    select: { id: true, readings: { select: { id: true } } },
  });
  otherSessionId = other.id;
  const elsewhere = new Y.Doc();
  put(elsewhere, "highlights", highlight("a frozen lake in another session", { id: "hl-elsewhere", authorId: bob.id }));
  put(elsewhere, "comments", comment({ id: "comment-elsewhere", authorId: bob.id, body: "Tuning hyperparameters, in another session." }));
  await rebuildReadingProjection(test.db, other.readings[0]!.id, Y.encodeStateAsUpdate(elsewhere));

  draftId = (await test.db.draft.create({ data: { sessionId, kind: "BLOG_POST" }, select: { id: true } })).id;
  const draftThreads = new Y.Doc();
  put(draftThreads, "comments", comment({ id: "comment-draft", authorId: bob.id, body: "The blog post should explain distillation plainly." }));
  await rebuildThreadProjection({ db: test.db, documentKind: "draft-threads", documentId: draftId, state: Y.encodeStateAsUpdate(draftThreads) });
});
afterAll(async () => {
  await test.drop();
});

const search = (query: string, extra: { actor?: Actor | null; sessionId?: string; limit?: number } = {}) =>
  searchAnnotations({ actor: alice, sessionId, query, db: test.db, ...extra });
const ids = (hits: AnnotationHit[]) => hits.map((hit) => hit.id).sort();
const marked = (text: MarkedText | null) => (text ?? []).filter((run) => run.match).map((run) => run.text.toLowerCase());
const plain = (text: MarkedText | null) => (text ?? []).map((run) => run.text).join("");

describe("searchAnnotations", () => {
  it("stems: 'tuning' finds 'tuned', shows the passage the comment is on and links to the comment", async () => {
    const { hits, more, searchable } = await search("tuning");
    expect(searchable).toBe(true);
    expect(more).toBe(false);
    expect(ids(hits)).toEqual(["comment-tuned"]);
    const [hit] = hits;
    expect(hit).toMatchObject({ type: "comment", highlightKind: "question", authorName: "Alice Moreau", place: { kind: "reading", href: `/readings/${readingId}#comment-comment-tuned` } });
    expect(plain(hit!.passage)).toBe("we report accuracy on held-out tasks");
    expect(marked(hit!.snippet)).toEqual(["tuned"]);
    expect(plain(hit!.snippet)).toBe("The model was tuned on synthetic instructions before evaluation.");
  });

  it("finds a term in a highlighted passage, with the match marked and a link to the highlight", async () => {
    const { hits } = await search("backbone");
    expect(ids(hits)).toEqual(["hl-frozen"]);
    expect(hits[0]).toMatchObject({ type: "highlight", highlightKind: "key-idea", snippet: null, place: { href: `/readings/${readingId}#highlight-hl-frozen` } });
    expect(plain(hits[0]!.passage)).toBe("Parameter-efficient methods adapt a frozen backbone");
    expect(marked(hits[0]!.passage)).toEqual(["backbone"]);
  });

  it("a quoted phrase needs its words together; several words need them all, anywhere", async () => {
    expect(ids((await search('"low rank adaptation"')).hits)).toEqual(["comment-phrase"]);
    expect(ids((await search("low rank adaptation")).hits)).toEqual(["comment-phrase", "comment-scattered"]);
    expect(ids((await search("rank -memory")).hits)).toEqual(["comment-phrase"]);
    expect(ids((await search("rank OR distillation")).hits)).toEqual(["comment-draft", "comment-phrase", "comment-scattered"]);
  });

  it("finds only this session's current readings and drafts", async () => {
    // "frozen" and "tuning" are also in another session; "zeppelin" also on an archived reading.
    expect(ids((await search("frozen")).hits)).toEqual(["hl-frozen"]);
    expect(ids((await search("zeppelin")).hits)).toEqual([]);
    const other = await search("tuning", { sessionId: otherSessionId });
    expect(ids(other.hits)).toEqual(["comment-elsewhere"]);
    expect(other.hits[0]!.place.href).toMatch(/^\/readings\/[^#]+#comment-comment-elsewhere$/);
  });

  it("finds draft threads, linked to the draft's page", async () => {
    const { hits } = await search("distillation");
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ id: "comment-draft", passage: null, place: { kind: "draft", title: "Blog post", href: `/sessions/${sessionSlug}/drafts/blog-post#comment-comment-draft` } });
  });

  it("never finds a deleted comment", async () => {
    // Its words are still in the projection (a deleted comment with replies keeps its row): the query must skip it.
    expect(await test.db.commentRow.findFirstOrThrow({ where: { id: "comment-deleted" }, select: { deleted: true, body: true } })).toEqual({ deleted: true, body: expect.stringContaining("zeppelin") });
    expect((await search("withdrawn")).hits).toEqual([]);
    expect((await search("secret zeppelin")).hits).toEqual([]);
  });

  it("only members search, and only sessions that exist", async () => {
    await expect(search("tuning", { actor: null })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(search("tuning", { actor: { ...bob, role: null } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(search("tuning", { sessionId: "c0000000000000000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it.each([
    "C++ & SQL",
    "'); DROP TABLE \"CommentRow\"; --",
    "((( unbalanced",
    "a:* | !b <-> c",
    '"unterminated phrase',
    "\\ \u0000 \uE000 emoji 🙂",
    "100%",
  ])("a query of special characters never breaks it: %j", async (query) => {
    const result = await search(query);
    expect(Array.isArray(result.hits)).toBe(true);
    expect(await test.db.commentRow.count()).toBeGreaterThan(0);
  });

  it("special characters still find their words", async () => {
    expect(ids((await search("C++ & SQL")).hits)).toEqual(["comment-symbols"]);
  });

  it("says when a query has only words too common to search for, or only excluded ones", async () => {
    expect(await search("the and of")).toEqual({ hits: [], more: false, searchable: false });
    expect(await search("the -rank")).toEqual({ hits: [], more: false, searchable: false });
    expect((await search("rank -memory")).searchable).toBe(true);
  });

  it("bounds queries and limits: too long or empty is refused with what to do, the limit caps hits", async () => {
    await expect(search("a".repeat(MAX_QUERY_LENGTH + 1))).rejects.toMatchObject({ code: "INVALID_INPUT", message: `Search for at most ${MAX_QUERY_LENGTH} characters.` });
    await expect(search("   ")).rejects.toMatchObject({ code: "INVALID_INPUT", message: "Type a word or phrase to search for." });
    await expect(search("rank", { limit: 500 })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const capped = await search("rank", { limit: 1 });
    expect(capped.hits).toHaveLength(1);
    expect(capped.more).toBe(true);
    expect((await search(`${"word ".repeat(30)}tuning`)).hits).toEqual([]);
  });

  it("shows a long comment as the words around its matches", async () => {
    const long = new Y.Doc();
    const filler = "Background sentence about other things entirely. ".repeat(30);
    put(long, "comments", comment({ id: "comment-long", authorId: bob.id, body: `${filler}The xylophone result matters. ${filler}` }));
    await rebuildReadingProjection(test.db, spareReadingId, Y.encodeStateAsUpdate(long));
    const [hit] = (await search("xylophone")).hits;
    expect(marked(hit!.snippet)).toEqual(["xylophone"]);
    expect(plain(hit!.snippet).length).toBeLessThan(400);
  });

  it("ranks the more focused match first (matches over the length of the text)", async () => {
    const { hits } = await search("low rank adaptation");
    expect(hits.map((hit) => hit.id)).toEqual(["comment-phrase", "comment-scattered"]);
  });
});
