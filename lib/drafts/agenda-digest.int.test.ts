import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { seedDemoClass } from "../testing/demo-class.ts";
import { loadActor } from "../auth/current-actor.ts";
import { draftDocumentName } from "../collab/document-name.ts";
import { loadDocument } from "../collab/document-store.ts";
import { draftKind } from "../collab/kinds/draft.ts";
import { connectClient, sessionCookie, startTestCollabServer, waitUntilSaved, type TestClient, type TestCollabServer } from "../collab/testing/support.ts";
import type { Actor } from "../policies/index.ts";
import { DRAFT_FRAGMENT, draftSchema } from "./editor-schema.ts";
import { ensureSessionDrafts } from "./drafts.ts";
import { insertAgenda } from "./insert-agenda.ts";
import { insertDigest } from "./insert-digest.ts";
import { undoInsertion } from "./undo-insertion.ts";
import { findUndoableInsertion } from "./find-undoable-insertion.ts";

let test: TestDatabase;
let server: TestCollabServer;
const users: Record<string, { actor: Actor; cookie: string }> = {};
const drafts = { presentation: "", blogPost: "" };
const readings = { current: "", archived: "" };
const facts = { session: { leadTeamId: "", blogTeamId: "" } as { leadTeamId: string | null; blogTeamId: string | null } };
const clients: TestClient[] = [];

const jsonOf = (doc: Y.Doc) => JSON.stringify(yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DRAFT_FRAGMENT)));
const paragraphs = (...texts: string[]) => ({ type: "doc", content: texts.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) });

async function storedDoc(draftId: string): Promise<Y.Doc> {
  await server.collab.persistence.flush();
  const doc = new Y.Doc();
  const stored = await loadDocument(test.db, draftDocumentName(draftId));
  if (stored.update) Y.applyUpdate(doc, stored.update);
  return doc;
}

/** Logged changes by this user to this draft: counted by the log's trigger, so compaction does not hide them. */
async function loggedEdits(draftId: string, userId: string): Promise<number> {
  const rows = await test.db.draftEditHour.findMany({ where: { draftId, userId }, select: { edits: true } });
  return rows.reduce((sum, row) => sum + row.edits, 0);
}

/** Runs `change` and returns what it added to the stored draft, as one update, with the draft kind's guard's verdict on it. */
async function judged(draftId: string, change: () => Promise<unknown>) {
  const before = await storedDoc(draftId);
  const guard = draftKind.createGuard(before);
  await change();
  const after = await storedDoc(draftId);
  const update = Y.encodeStateAsUpdate(after, Y.encodeStateVector(before));
  const verdict = guard.check(update, users.instructor!.actor, facts);
  guard.destroy();
  return { verdict, after };
}

async function connect(user: string, draftId: string): Promise<TestClient> {
  const client = await connectClient(server.url, draftDocumentName(draftId), users[user]!.cookie);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemoClass(test.db);
  for (const name of ["alice", "bob", "lead", "blog", "instructor"]) {
    const user = await test.db.user.findUniqueOrThrow({ where: { email: `${name}@demo.test` } });
    users[name] = { actor: (await loadActor({ userId: user.id, sessionVersion: 0, db: test.db }))!, cookie: await sessionCookie(user) };
  }
  const session = await test.db.classSession.findUniqueOrThrow({ where: { slug: "llm-fine-tuning" }, select: { id: true, leadTeamId: true, blogTeamId: true } });
  facts.session = { leadTeamId: session.leadTeamId, blogTeamId: session.blogTeamId };
  const both = await ensureSessionDrafts(test.db, session.id);
  drafts.presentation = both.find((draft) => draft.kind === "PRESENTATION")!.id;
  drafts.blogPost = both.find((draft) => draft.kind === "BLOG_POST")!.id;
  const [current, archived] = await test.db.reading.findMany({ where: { sessionId: session.id }, orderBy: { position: "asc" }, take: 2, select: { id: true } });
  readings.current = current!.id;
  readings.archived = archived!.id;
  await test.db.reading.update({ where: { id: readings.archived }, data: { archivedAt: new Date() } });

  // The reading projections the agenda and digest read: what every member's reading page shows, and
  // what it does not (a deleted comment, an archived reading, a draft's own threads).
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 30, 12, minutes));
  const highlight = (readingId: string, id: string, kind: string, exact: string, authorId: string, documentKind = "reading") =>
    ({ readingId, documentKind, id, authorId, kind, exact, prefix: "", suffix: "", start: 0, end: exact.length, createdAt: at(1) });
  const comment = (readingId: string, id: string, body: string, authorId: string, reactionCount: number, extra: { deleted?: boolean; highlightId?: string; documentKind?: string } = {}) =>
    ({ readingId, documentKind: extra.documentKind ?? "reading", id, highlightId: extra.highlightId ?? null, parentId: null, authorId, body, createdAt: at(2), deleted: extra.deleted ?? false, reactionCount });
  const alice = users.alice!.actor.id;
  const bob = users.bob!.actor.id;
  await test.db.highlightRow.createMany({
    data: [
      highlight(readings.current, "hq1", "question", "the low-rank update matrices", alice),
      highlight(readings.current, "hk1", "key-idea", "freeze the pretrained weights", bob),
      highlight(readings.archived, "hk2", "key-idea", "ARCHIVED key idea", bob),
      highlight(drafts.blogPost, "hk3", "key-idea", "DRAFT THREAD key idea", bob, "draft-threads"),
    ],
  });
  await test.db.commentRow.createMany({
    data: [
      comment(readings.current, "c1", "Why does rank 8 suffice?", bob, 3),
      comment(readings.current, "c2", "DELETED question, is it?", alice, 9, { deleted: true }),
      comment(readings.current, "c3", "A very clear summary.", alice, 2),
      comment(readings.archived, "c4", "ARCHIVED question, is it?", alice, 7),
      comment(drafts.blogPost, "c5", "DRAFT THREAD question?", alice, 8, { documentKind: "draft-threads" }),
    ],
  });
  server = await startTestCollabServer(test.db);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
  await test.drop();
});

describe("insert agenda", () => {
  it("refuses the blog team and classmates, and an agenda aimed at the blog post, writing nothing", async () => {
    await expect(insertAgenda({ actor: users.blog!.actor, draftId: drafts.presentation, db: test.db })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(insertAgenda({ actor: users.alice!.actor, draftId: drafts.presentation, db: test.db })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(insertAgenda({ actor: null, draftId: drafts.presentation, db: test.db })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(insertAgenda({ actor: users.lead!.actor, draftId: drafts.blogPost, db: test.db })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("presentation") });
    await expect(insertAgenda({ actor: users.lead!.actor, draftId: "c0000000000000000000000000", db: test.db })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await test.db.documentUpdate.count({ where: { documentName: { in: [draftDocumentName(drafts.presentation), draftDocumentName(drafts.blogPost)] } } })).toBe(0);
    expect(await test.db.draftInsertion.count()).toBe(0);
  });

  it("lands as one logged, schema-valid change that a connected co-editor sees, built from the open questions only", async () => {
    const coEditor = await connect("instructor", drafts.presentation);
    prosemirrorJSONToYXmlFragment(draftSchema(), paragraphs("Our plan"), coEditor.doc.getXmlFragment(DRAFT_FRAGMENT));
    await waitUntilSaved(coEditor);
    const lead = users.lead!.actor.id;
    const editsBefore = await loggedEdits(drafts.presentation, lead);

    let insertion: Awaited<ReturnType<typeof insertAgenda>> | undefined;
    const { verdict, after } = await judged(drafts.presentation, async () => (insertion = await insertAgenda({ actor: users.lead!.actor, draftId: drafts.presentation, db: test.db })));
    expect(verdict).toEqual({ ok: true, changed: true });
    expect(await loggedEdits(drafts.presentation, lead)).toBe(editsBefore + 1);
    expect(insertion).toMatchObject({ kind: "agenda", createdByName: "Lena Park" });

    const json = jsonOf(after);
    expect(json.indexOf("Our plan")).toBeLessThan(json.indexOf("Agenda"));
    expect(json).toContain(`"href":"/readings/${readings.current}#comment-c1"`);
    expect(json).toContain("Why does rank 8 suffice?");
    expect(json).toContain(`"href":"/readings/${readings.current}#highlight-hq1"`);
    expect(json).toContain("the low-rank update matrices");
    for (const hidden of ["DELETED", "ARCHIVED", "DRAFT THREAD", "A very clear summary"]) expect(json).not.toContain(hidden);
    // One section per current reading, and the archived one is not among them.
    const current = await test.db.reading.count({ where: { sessionId: (await test.db.draft.findUniqueOrThrow({ where: { id: drafts.presentation } })).sessionId, archivedAt: null } });
    expect(after.getXmlFragment(DRAFT_FRAGMENT).toArray().filter((node) => node instanceof Y.XmlElement && node.nodeName === "heading" && (node.getAttribute("level") as unknown) === 3)).toHaveLength(current);
    expect(insertion!.blocks).toBe(after.getXmlFragment(DRAFT_FRAGMENT).length - 1);

    await vi.waitFor(() => expect(jsonOf(coEditor.doc)).toContain("Why does rank 8 suffice?"), { timeout: 10_000 });
    expect(await findUndoableInsertion({ actor: users.instructor!.actor, draftId: drafts.presentation, kind: "agenda", db: test.db })).toMatchObject({ id: insertion!.id, kind: "agenda" });
    await expect(findUndoableInsertion({ actor: users.blog!.actor, draftId: drafts.presentation, kind: "agenda", db: test.db })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("is undone as a whole by another co-editor, removing exactly its blocks and keeping what was written around it", async () => {
    const insertion = await findUndoableInsertion({ actor: users.lead!.actor, draftId: drafts.presentation, kind: "agenda", db: test.db });
    const coEditor = await connect("lead", drafts.presentation);
    await vi.waitFor(() => expect(jsonOf(coEditor.doc)).toContain("Agenda"), { timeout: 10_000 });
    // Written after the agenda: stays when the agenda goes.
    coEditor.doc.getXmlFragment(DRAFT_FRAGMENT).push([paragraphNode("Afterword")]);
    await waitUntilSaved(coEditor);

    const instructor = users.instructor!.actor.id;
    const editsBefore = await loggedEdits(drafts.presentation, instructor);
    await expect(undoInsertion({ actor: users.blog!.actor, draftId: drafts.presentation, kind: "agenda", insertionId: insertion!.id, db: test.db })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { verdict, after } = await judged(drafts.presentation, async () =>
      expect(await undoInsertion({ actor: users.instructor!.actor, draftId: drafts.presentation, kind: "agenda", insertionId: insertion!.id, db: test.db })).toEqual({ removed: insertion!.blocks }),
    );
    expect(verdict).toEqual({ ok: true, changed: true });
    expect(await loggedEdits(drafts.presentation, instructor)).toBe(editsBefore + 1);
    expect(jsonOf(after)).toBe(JSON.stringify(paragraphs("Our plan", "Afterword")));
    await vi.waitFor(() => expect(jsonOf(coEditor.doc)).toBe(JSON.stringify(paragraphs("Our plan", "Afterword"))), { timeout: 10_000 });

    await expect(undoInsertion({ actor: users.lead!.actor, draftId: drafts.presentation, kind: "agenda", insertionId: insertion!.id, db: test.db })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(undoInsertion({ actor: users.lead!.actor, draftId: drafts.presentation, kind: "digest", insertionId: insertion!.id, db: test.db })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(undoInsertion({ actor: users.instructor!.actor, draftId: drafts.presentation, kind: "digest", insertionId: insertion!.id, db: test.db })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await findUndoableInsertion({ actor: users.lead!.actor, draftId: drafts.presentation, kind: "agenda", db: test.db })).toBeNull();
  });

  it("says so when every block of the agenda was already deleted by hand, and offers no Undo for it any more", async () => {
    const insertion = await insertAgenda({ actor: users.lead!.actor, draftId: drafts.presentation, db: test.db });
    const coEditor = await connect("lead", drafts.presentation);
    await vi.waitFor(() => expect(jsonOf(coEditor.doc)).toContain("Agenda"), { timeout: 10_000 });
    const fragment = coEditor.doc.getXmlFragment(DRAFT_FRAGMENT);
    fragment.delete(2, fragment.length - 2);
    await waitUntilSaved(coEditor);
    await expect(undoInsertion({ actor: users.lead!.actor, draftId: drafts.presentation, kind: "agenda", insertionId: insertion.id, db: test.db })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("already"),
    });
    expect(jsonOf(await storedDoc(drafts.presentation))).toBe(JSON.stringify(paragraphs("Our plan", "Afterword")));
    expect(await findUndoableInsertion({ actor: users.lead!.actor, draftId: drafts.presentation, kind: "agenda", db: test.db })).toBeNull();
  });
});

describe("insert digest", () => {
  it("refuses the lead team and a digest aimed at the presentation", async () => {
    await expect(insertDigest({ actor: users.lead!.actor, draftId: drafts.blogPost, db: test.db })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(insertDigest({ actor: users.blog!.actor, draftId: drafts.presentation, db: test.db })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("blog post") });
    expect(await test.db.draftInsertion.count({ where: { kind: "digest" } })).toBe(0);
  });

  it("replaces an empty draft with the key ideas and most +1'd comments, with their authors, as one valid logged change", async () => {
    const blog = users.blog!.actor.id;
    const { verdict, after } = await judged(drafts.blogPost, () => insertDigest({ actor: users.blog!.actor, draftId: drafts.blogPost, db: test.db }));
    expect(verdict).toEqual({ ok: true, changed: true });
    expect(await loggedEdits(drafts.blogPost, blog)).toBe(1);
    const json = jsonOf(after);
    expect(JSON.parse(json).content[0]).toMatchObject({ type: "heading", content: [{ text: "Digest" }] });
    expect(json).toContain(`"href":"/readings/${readings.current}#highlight-hk1"`);
    expect(json).toContain("freeze the pretrained weights");
    expect(json).toContain(`"href":"/readings/${readings.current}#comment-c1"`);
    expect(json).toContain(" — Bob Tanaka, 3 +1");
    expect(json).toContain(" — Alice Moreau, 2 +1");
    expect(json.indexOf("Why does rank 8 suffice?")).toBeLessThan(json.indexOf("A very clear summary."));
    for (const hidden of ["DELETED", "ARCHIVED", "DRAFT THREAD", "the low-rank update matrices"]) expect(json).not.toContain(hidden);
  });
});

function paragraphNode(value: string): Y.XmlElement {
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText();
  text.insert(0, value);
  paragraph.insert(0, [text]);
  return paragraph;
}
