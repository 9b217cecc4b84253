// Last-seen bookkeeping against a real Postgres: only moves forward, refuses what does not exist
// without writing, and drives the session page's counts and "N new" (from the thread projections).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { loadActor } from "../auth/current-actor.ts";
import { readingMaps } from "../collab/reading-doc.ts";
import { rebuildReadingProjection, rebuildThreadProjection } from "../collab/reading-projection.ts";
import type { Actor } from "../policies/index.ts";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { seedDemoClass } from "../testing/demo-class.ts";
import { getLastSeen } from "./get-last-seen.ts";
import { listSessionNews } from "./list-session-news.ts";
import { markSeen } from "./mark-seen.ts";
import { markSeenInputSchema } from "./seen-place.ts";

let test: TestDatabase;
let sessionId: string;
let readings: string[];
let alice: Actor;
let bob: Actor;
const base = Date.now() - 10 * 60_000;

async function actorFor(email: string): Promise<Actor> {
  const user = await test.db.user.findUniqueOrThrow({ where: { email } });
  return (await loadActor({ userId: user.id, sessionVersion: user.sessionVersion, db: test.db }))!;
}

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemoClass(test.db);
  const session = await test.db.classSession.findFirstOrThrow({ select: { id: true, readings: { orderBy: { position: "asc" }, select: { id: true } } } });
  sessionId = session.id;
  readings = session.readings.map((reading) => reading.id);
  [alice, bob] = await Promise.all([actorFor("alice@demo.test"), actorFor("bob@demo.test")]);
});
afterAll(async () => {
  await test.drop();
});

function put(doc: Y.Doc, root: "highlights" | "comments", fields: Record<string, unknown>): void {
  const entry = new Y.Map<unknown>();
  doc.transact(() => {
    readingMaps(doc)[root].set(fields.id as string, entry);
    for (const [name, value] of Object.entries(fields)) entry.set(name, value);
  });
}
const comment = (fields: Record<string, unknown>) => ({ highlightId: null, parentId: null, body: "text", editedAt: null, resolvedAt: null, resolvedBy: null, deleted: false, ...fields });
const highlight = (fields: Record<string, unknown>) => ({
  kind: "note",
  target: { exact: "large", prefix: "", suffix: "", start: 0, end: 5 },
  ...fields,
});

describe("markSeen", () => {
  it("only moves forward, and marking again is harmless", async () => {
    const place = { documentKind: "reading" as const, documentId: readings[0]! };
    const later = new Date(base + 5000);
    expect((await markSeen({ actor: alice, place, at: later, db: test.db })).seenAt).toEqual(later);
    expect((await markSeen({ actor: alice, place, at: new Date(base), db: test.db })).seenAt).toEqual(later);
    expect((await markSeen({ actor: alice, place, at: later, db: test.db })).seenAt).toEqual(later);
    expect(await test.db.lastSeen.count({ where: { userId: alice.id } })).toBe(1);
    expect(await getLastSeen({ actor: alice, place, db: test.db })).toEqual(later);
    expect(await getLastSeen({ actor: bob, place, db: test.db })).toBeNull();
  });

  it("refuses a reading or draft that does not exist, and writes nothing", async () => {
    const before = await test.db.lastSeen.count();
    await expect(markSeen({ actor: bob, place: { documentKind: "reading", documentId: "c0000000000000000000000000" }, db: test.db })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(markSeen({ actor: bob, place: { documentKind: "draft-threads", documentId: "c0000000000000000000000000" }, db: test.db })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "There is no such draft.",
    });
    expect(await test.db.lastSeen.count()).toBe(before);
  });

  it("refuses nobody and accounts outside the course", async () => {
    const place = { documentKind: "activity" as const, documentId: "" as const };
    await expect(markSeen({ actor: null, place, db: test.db })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(markSeen({ actor: { ...bob, role: null }, place, db: test.db })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("takes reading:<id>, draft-threads:<id> or activity, and says what to send otherwise", () => {
    const id = "c1234567890123456789012345";
    expect(markSeenInputSchema.parse({ document: `reading:${id}` }).document).toEqual({ documentKind: "reading", documentId: id });
    expect(markSeenInputSchema.parse({ document: `draft-threads:${id}` }).document).toEqual({ documentKind: "draft-threads", documentId: id });
    expect(markSeenInputSchema.parse({ document: "activity" }).document).toEqual({ documentKind: "activity", documentId: "" });
    for (const document of [`draft:${id}`, "reading:../x", "", 42]) {
      const result = markSeenInputSchema.safeParse({ document });
      expect(result.success).toBe(false);
    }
    expect(markSeenInputSchema.safeParse({ document: `draft:${id}` }).error?.issues[0]?.message).toMatch(/reading:<id>, draft-threads:<draftId> or activity/);
    expect(markSeenInputSchema.safeParse({ document: "activity", extra: 1 }).success).toBe(false);
  });
});

describe("listSessionNews", () => {
  it("counts highlights, comments and open questions, and what is new to each reader since their last visit", async () => {
    const readingId = readings[1]!;
    const doc = new Y.Doc();
    put(doc, "highlights", highlight({ id: "question-open", authorId: alice.id, kind: "question", createdAt: base }));
    put(doc, "highlights", highlight({ id: "question-done", authorId: alice.id, kind: "question", createdAt: base }));
    put(doc, "highlights", highlight({ id: "bare-highlight", authorId: bob.id, createdAt: base + 20_000 }));
    put(doc, "comments", comment({ id: "root-one", highlightId: "question-open", authorId: alice.id, createdAt: base }));
    put(doc, "comments", comment({ id: "root-two", highlightId: "question-done", authorId: alice.id, createdAt: base, resolvedAt: base + 1000, resolvedBy: bob.id }));
    put(doc, "comments", comment({ id: "reply-one", parentId: "root-one", highlightId: "question-open", authorId: bob.id, createdAt: base + 30_000 }));
    put(doc, "comments", comment({ id: "gone-reply", parentId: "root-one", authorId: bob.id, createdAt: base + 40_000, deleted: true }));
    await rebuildReadingProjection(test.db, readingId, Y.encodeStateAsUpdate(doc));

    await markSeen({ actor: alice, place: { documentKind: "reading", documentId: readingId }, at: new Date(base + 10_000), db: test.db });
    const forAlice = (await listSessionNews({ actor: alice, sessionId, db: test.db })).readings[readingId];
    // Bob's reply and his bare highlight are new to Alice; the deleted comment and her own are not.
    expect(forAlice).toEqual({ highlights: 3, comments: 3, openQuestions: 1, newItems: 2 });
    // Bob never opened it: Alice's two threads are new to him (her highlights carry comments, so they count once).
    expect((await listSessionNews({ actor: bob, sessionId, db: test.db })).readings[readingId]?.newItems).toBe(2);

    await markSeen({ actor: alice, place: { documentKind: "reading", documentId: readingId }, at: new Date(base + 50_000), db: test.db });
    expect((await listSessionNews({ actor: alice, sessionId, db: test.db })).readings[readingId]?.newItems).toBe(0);
    // Other readings are untouched.
    expect((await listSessionNews({ actor: alice, sessionId, db: test.db })).readings[readings[2]!]).toEqual({ highlights: 0, comments: 0, openQuestions: 0, newItems: 0 });
  });

  it("counts a draft's threads under its kind", async () => {
    const draft = await test.db.draft.create({ data: { sessionId, kind: "BLOG_POST" }, select: { id: true } });
    const doc = new Y.Doc();
    put(doc, "comments", comment({ id: "draft-comment-1", authorId: bob.id, createdAt: base + 1000 }));
    await rebuildThreadProjection({ db: test.db, documentKind: "draft-threads", documentId: draft.id, state: Y.encodeStateAsUpdate(doc) });
    const news = await listSessionNews({ actor: alice, sessionId, db: test.db });
    expect(news.drafts.BLOG_POST).toEqual({ draftId: draft.id, highlights: 0, comments: 1, openQuestions: 0, newItems: 1 });
    expect(news.drafts.PRESENTATION).toBeUndefined();
    await markSeen({ actor: alice, place: { documentKind: "draft-threads", documentId: draft.id }, db: test.db });
    expect((await listSessionNews({ actor: alice, sessionId, db: test.db })).drafts.BLOG_POST?.newItems).toBe(0);
  });
});
