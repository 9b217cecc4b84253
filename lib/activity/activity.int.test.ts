// The Activity feed against a real Postgres, fed by the real thread projection (replies, mentions,
// resolve and reopen), quotes, and the draft edit tally kept by the log's trigger.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { loadActor } from "../auth/current-actor.ts";
import { editComment, readingMaps, setThreadResolved } from "../collab/reading-doc.ts";
import { rebuildReadingProjection } from "../collab/reading-projection.ts";
import { markSeen } from "../last-seen/mark-seen.ts";
import type { Actor } from "../policies/index.ts";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { seedDemoClass } from "../testing/demo-class.ts";
import { countUnreadActivity } from "./count-unread-activity.ts";
import { listActivity } from "./list-activity.ts";
import { recordQuote } from "./record-quote.ts";

let test: TestDatabase;
let sessionId: string;
let readings: string[];
let alice: Actor;
let bob: Actor;
let lead: Actor;
let instructor: Actor;
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
  [alice, bob, lead, instructor] = await Promise.all([actorFor("alice@demo.test"), actorFor("bob@demo.test"), actorFor("lead@demo.test"), actorFor("instructor@demo.test")]);
});
afterAll(async () => {
  await test.drop();
});

function putComment(doc: Y.Doc, fields: { id: string } & Record<string, unknown>): void {
  const entry = new Y.Map<unknown>();
  const values = { highlightId: null, parentId: null, body: "text", editedAt: null, resolvedAt: null, resolvedBy: null, deleted: false, ...fields };
  doc.transact(() => {
    readingMaps(doc).comments.set(fields.id, entry);
    for (const [name, value] of Object.entries(values)) entry.set(name, value);
  });
}
const project = (readingId: string, doc: Y.Doc) => rebuildReadingProjection(test.db, readingId, Y.encodeStateAsUpdate(doc));
const activityOf = (actor: Actor) => listActivity({ actor, db: test.db });

describe("activity", () => {
  it("a reply to your thread, with a link to the comment, new until you open the reading", async () => {
    const readingId = readings[0]!;
    const doc = new Y.Doc();
    putComment(doc, { id: "alice-root", authorId: alice.id, body: "What is LoRA's rank?", createdAt: base });
    putComment(doc, { id: "bob-reply", parentId: "alice-root", authorId: bob.id, body: "Usually 8.", createdAt: base + 1000 });
    await project(readingId, doc);

    const items = (await activityOf(alice)).filter((item) => item.kind === "reply");
    expect(items).toEqual([
      expect.objectContaining({ kind: "reply", actorNames: ["Bob Tanaka"], href: `/readings/${readingId}#comment-bob-reply`, excerpt: "Usually 8.", detail: { ownThread: true }, isNew: true }),
    ]);
    // Bob's own reply is no news to Bob.
    expect((await activityOf(bob)).some((item) => item.key === items[0]!.key)).toBe(false);
    const unread = await countUnreadActivity({ actor: alice, db: test.db });
    expect(unread).toBeGreaterThan(0);

    await markSeen({ actor: alice, place: { documentKind: "reading", documentId: readingId }, db: test.db });
    expect((await activityOf(alice)).find((item) => item.key === items[0]!.key)?.isNew).toBe(false);
    expect(await countUnreadActivity({ actor: alice, db: test.db })).toBe(unread - 1);
  });

  it("a reply in a thread you took part in (after you did), and a mention once, not twice", async () => {
    const readingId = readings[1]!;
    const doc = new Y.Doc();
    putComment(doc, { id: "bob-root-1", authorId: bob.id, createdAt: base });
    putComment(doc, { id: "lead-early", parentId: "bob-root-1", authorId: lead.id, body: "before Alice came", createdAt: base + 1000 });
    putComment(doc, { id: "alice-in-1", parentId: "bob-root-1", authorId: alice.id, createdAt: base + 2000 });
    putComment(doc, { id: "lead-later", parentId: "bob-root-1", authorId: lead.id, body: "after Alice", createdAt: base + 3000 });
    const handle = (await test.db.user.findUniqueOrThrow({ where: { id: alice.id } })).handle!;
    putComment(doc, { id: "bob-mention", parentId: "bob-root-1", authorId: bob.id, body: `@${handle} see above`, createdAt: base + 4000 });
    await project(readingId, doc);

    const mine = (await activityOf(alice)).filter((item) => item.href.startsWith(`/readings/${readingId}#`));
    expect(mine.map((item) => [item.kind, item.href.split("#")[1]])).toEqual([
      ["mention", "comment-bob-mention"],
      ["reply", "comment-lead-later"],
    ]);
    expect(mine[1]!.detail.ownThread).toBe(false);
  });

  it("your thread resolved by someone else, then reopened, seen by the projection", async () => {
    const readingId = readings[2]!;
    const doc = new Y.Doc();
    putComment(doc, { id: "alice-root-2", authorId: alice.id, createdAt: base });
    await project(readingId, doc);
    setThreadResolved(doc, "alice-root-2", lead.id, true);
    await project(readingId, doc);
    // The resolved root rewritten for another reason (an edit) is not resolved again.
    editComment(doc, "alice-root-2", "edited while resolved");
    await project(readingId, doc);
    setThreadResolved(doc, "alice-root-2", lead.id, false);
    await project(readingId, doc);

    const items = (await activityOf(alice)).filter((item) => item.href === `/readings/${readingId}#comment-alice-root-2`);
    expect(items.map((item) => [item.kind, item.actorNames])).toEqual([
      ["reopened", []],
      ["resolved", ["Lena Park"]],
    ]);
  });

  it("resolving your own thread, or projecting a thread resolved all along, is no news", async () => {
    const readingId = readings[3]!;
    const doc = new Y.Doc();
    putComment(doc, { id: "bob-root-3", authorId: bob.id, createdAt: base, resolvedAt: base + 10, resolvedBy: lead.id });
    putComment(doc, { id: "alice-root-3", authorId: alice.id, createdAt: base });
    await project(readingId, doc);
    setThreadResolved(doc, "alice-root-3", alice.id, true);
    await project(readingId, doc);
    setThreadResolved(doc, "alice-root-3", alice.id, false);
    await project(readingId, doc);
    expect(await test.db.activityEvent.count({ where: { documentId: readingId } })).toBe(0);
  });

  it("your highlight quoted into a draft links to the draft", async () => {
    const draft = await test.db.draft.upsert({ where: { sessionId_kind: { sessionId, kind: "BLOG_POST" } }, create: { sessionId, kind: "BLOG_POST" }, update: {}, select: { id: true } });
    await recordQuote({ db: test.db, readingId: readings[0]!, highlightId: "alice-highlight", highlightAuthorId: alice.id, quotedBy: instructor.id, draftId: draft.id });
    await recordQuote({ db: test.db, readingId: readings[0]!, highlightId: "own-highlight", highlightAuthorId: instructor.id, quotedBy: instructor.id, draftId: draft.id });
    const quoted = (await activityOf(alice)).filter((item) => item.kind === "quoted");
    expect(quoted).toEqual([expect.objectContaining({ actorNames: ["Prof. Ines Rivera"], href: "/sessions/llm-fine-tuning/drafts/blog-post", placeTitle: "Blog post (LLM fine tuning)" })]);
    expect((await activityOf(instructor)).some((item) => item.kind === "quoted")).toBe(false);
  });

  it("new threads in your sessions: the lead team's, not a classmate's from another team", async () => {
    const readingId = readings[4]!;
    const doc = new Y.Doc();
    putComment(doc, { id: "bob-new-thread", authorId: bob.id, body: "A new question", createdAt: base });
    await project(readingId, doc);
    const key = `new-thread:reading:${readingId}:bob-new-thread`;
    expect((await activityOf(lead)).find((item) => item.key === key)).toMatchObject({ href: `/readings/${readingId}#comment-bob-new-thread`, isNew: true });
    expect((await activityOf(instructor)).some((item) => item.key === key)).toBe(true);
    expect((await activityOf(alice)).some((item) => item.key === key)).toBe(false);
  });

  it("draft edits, per draft and hour, for the draft's other writers, from the log as it is appended", async () => {
    const draft = await test.db.draft.upsert({ where: { sessionId_kind: { sessionId, kind: "PRESENTATION" } }, create: { sessionId, kind: "PRESENTATION" }, update: {}, select: { id: true } });
    const update = Buffer.from([0, 0]);
    await test.db.documentUpdate.createMany({ data: [1, 2, 3].map(() => ({ documentName: `draft:${draft.id}`, update, userId: instructor.id })) });
    await test.db.documentUpdate.create({ data: { documentName: `draft:${draft.id}`, update, userId: lead.id } });
    // Another kind of document with the same prefix is not a draft edit.
    await test.db.documentUpdate.create({ data: { documentName: `draft-threads:${draft.id}`, update, userId: instructor.id } });

    const forLead = (await activityOf(lead)).filter((item) => item.kind === "draft-edits");
    expect(forLead).toEqual([expect.objectContaining({ actorNames: ["Prof. Ines Rivera"], href: "/sessions/llm-fine-tuning/drafts/presentation", isNew: true })]);
    expect(forLead[0]!.detail.edits).toBe(3);
    expect((await activityOf(instructor)).find((item) => item.kind === "draft-edits")?.detail.edits).toBe(1);
    // Alice does not write the presentation.
    expect((await activityOf(alice)).some((item) => item.kind === "draft-edits")).toBe(false);

    await markSeen({ actor: lead, place: { documentKind: "draft-threads", documentId: draft.id }, db: test.db });
    expect((await activityOf(lead)).find((item) => item.kind === "draft-edits")?.isNew).toBe(false);
  });

  it("opening the Activity page reads everything in it", async () => {
    expect(await countUnreadActivity({ actor: lead, db: test.db })).toBeGreaterThan(0);
    await markSeen({ actor: lead, place: { documentKind: "activity", documentId: "" }, db: test.db });
    expect(await countUnreadActivity({ actor: lead, db: test.db })).toBe(0);
    await expect(listActivity({ actor: null, db: test.db })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
