// Threads on a draft, live: a real collaboration server on port 0, real providers, a real Postgres.
// Classmates who may only read the draft comment on its passages, reply and +1; resolving follows the
// draft's rule; an @mention in a draft comment reaches the mentioned user's Mentions; and the old
// DraftComment rows move into the live threads once.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { seedDemoClass } from "../testing/demo-class.ts";
import { ensureSessionDrafts } from "../drafts/drafts.ts";
import { migrateDraftComments } from "../drafts/migrate-draft-comments.ts";
import { listMentions } from "../notifications/mentions.ts";
import { loadActor } from "../auth/current-actor.ts";
import type { Actor } from "../policies/index.ts";
import { draftDocumentName, draftThreadsDocumentName } from "./document-name.ts";
import { loadDocument } from "./document-store.ts";
import { createDraftPassage, readDraftHighlights } from "./draft-threads-doc.ts";
import { createComment, readComments, readReactions, setThreadResolved, toggleReaction } from "./reading-doc.ts";
import { RawClient } from "./testing/raw-client.ts";
import { connectClient, sessionCookie, startTestCollabServer, waitUntilSaved, type TestCollabServer } from "./testing/support.ts";

let test: TestDatabase;
let server: TestCollabServer;
let blogDraftId: string;
let presentationId: string;
const users: Record<string, { id: string; handle: string; cookie: string; actor: Actor }> = {};
// A passage of the draft as the browser's encodeAnchor writes it (base64 Yjs relative positions).
const target = { exact: "adapters", from: "AQIDBA==", to: "BQYHCA==" };

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemoClass(test.db);
  for (const email of ["alice", "bob", "blog", "instructor"]) {
    const user = await test.db.user.findUniqueOrThrow({ where: { email: `${email}@demo.test` } });
    const actor = (await loadActor({ userId: user.id, sessionVersion: user.sessionVersion, db: test.db }))!;
    users[email] = { id: user.id, handle: user.handle!, cookie: await sessionCookie(user), actor };
  }
  const session = await test.db.classSession.findFirstOrThrow();
  const drafts = await ensureSessionDrafts(test.db, session.id);
  blogDraftId = drafts.find((draft) => draft.kind === "BLOG_POST")!.id;
  presentationId = drafts.find((draft) => draft.kind === "PRESENTATION")!.id;
  server = await startTestCollabServer(test.db);
});
afterAll(async () => {
  await server?.close();
  await test.drop();
});

const refusals = (client: { stateless: string[] }) =>
  client.stateless.map((payload) => JSON.parse(payload) as { type: string; reason?: string }).filter((message) => message.type === "refused").map((message) => message.reason);

async function rawClient(user: string, name: string): Promise<RawClient> {
  const client = new RawClient(server.url, name, users[user]!.cookie);
  await client.open();
  await client.join();
  return client;
}

describe("threads on a draft", () => {
  it("classmates who only read the draft comment, reply, +1 and mention; the draft's team resolves; the mention reaches its reader", async () => {
    const name = draftThreadsDocumentName(blogDraftId);
    const alice = await connectClient(server.url, name, users.alice!.cookie);
    const bob = await connectClient(server.url, name, users.bob!.cookie);
    const blog = await connectClient(server.url, name, users.blog!.cookie);
    // Alice and Bob only read the blog post itself; its threads they write.
    const draftReader = await rawClient("alice", draftDocumentName(blogDraftId));
    expect(draftReader.authenticated).toBe("read-only");
    draftReader.close();
    const threadsWriter = await rawClient("alice", name);
    expect(threadsWriter.authenticated).toBe("read-write");
    threadsWriter.close();

    const { highlightId, commentId } = createDraftPassage(alice.doc, { authorId: users.alice!.id, target, firstComment: `Is this right, @${users.bob!.handle}?` });
    await vi.waitFor(() => expect(readDraftHighlights(bob.doc).map((highlight) => highlight.id)).toEqual([highlightId]));
    const reply = createComment(bob.doc, { authorId: users.bob!.id, highlightId, parentId: commentId, body: "Yes, rank 8." });
    toggleReaction(bob.doc, commentId!, users.bob!.id);
    await vi.waitFor(() => expect(readComments(alice.doc).map((comment) => comment.id)).toContain(reply));
    await vi.waitFor(() => expect(readReactions(alice.doc).get(commentId!)).toEqual([users.bob!.id]));

    // Bob may not resolve Alice's thread; the blog team may, on its own blog post.
    const bobRaw = await rawClient("bob", name);
    expect(await bobRaw.change((doc) => setThreadResolved(doc, commentId!, users.bob!.id, true))).toBe("closed");
    expect(refusals(bobRaw)).toContain("You may not resolve this thread.");
    setThreadResolved(blog.doc, commentId!, users.blog!.id, true);
    await waitUntilSaved(blog);
    await vi.waitFor(() => expect(readComments(alice.doc).find((comment) => comment.id === commentId)?.resolvedBy).toBe(users.blog!.id));
    expect(refusals(blog)).toEqual([]);

    // Projected into the shared rows, as this document's kind, and the mention reaches Bob.
    await server.collab.persistence.flush();
    await vi.waitFor(async () => {
      const rows = await test.db.commentRow.findMany({ where: { readingId: blogDraftId, documentKind: "draft-threads" }, orderBy: { createdAt: "asc" } });
      expect(rows.map((row) => [row.id, row.reactionCount, row.resolvedBy])).toEqual([
        [commentId, 1, users.blog!.id],
        [reply, 0, null],
      ]);
    });
    expect(await test.db.highlightRow.findMany({ where: { readingId: blogDraftId }, select: { id: true, documentKind: true, exact: true } })).toEqual([
      { id: highlightId, documentKind: "draft-threads", exact: "adapters" },
    ]);
    const mentions = await listMentions({ actor: users.bob!.actor, db: test.db });
    expect(mentions).toEqual([
      expect.objectContaining({ commentId, documentKind: "draft-threads", readingTitle: expect.stringContaining("Blog post"), href: expect.stringMatching(new RegExp(`/drafts/blog-post#comment-${commentId}$`)) }),
    ]);
    expect(await listMentions({ actor: users.alice!.actor, db: test.db })).toEqual([]);
    for (const client of [alice, bob, blog]) client.destroy();
  });

  it("refuses a reading's text target, and a passage in someone else's name", async () => {
    const name = draftThreadsDocumentName(blogDraftId);
    const textTarget = { exact: "x", prefix: "", suffix: "", start: 0, end: 1 } as never;
    const first = await rawClient("alice", name);
    expect(await first.change((doc) => createDraftPassage(doc, { authorId: users.alice!.id, target: textTarget }))).toBe("closed");
    expect(refusals(first).join("\n")).toMatch(/target/);
    const second = await rawClient("alice", name);
    expect(await second.change((doc) => createDraftPassage(doc, { authorId: users.bob!.id, target }))).toBe("closed");
    expect(refusals(second)).toContain("A highlight must be made in your own name.");
    const honest = await rawClient("alice", name);
    expect(await honest.change((doc) => createDraftPassage(doc, { authorId: users.alice!.id, target }))).toBe("saved");
    honest.close();
  });
});

describe("moving the old draft comments", () => {
  it("turns DraftComment rows into live threads once: passages, replies, resolutions; a second run changes nothing", async () => {
    const [alice, bob, blog] = [users.alice!, users.bob!, users.blog!];
    const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1, 10, minutes));
    const root = await test.db.draftComment.create({ data: { draftId: presentationId, authorId: alice.id, body: `On this passage, @${bob.handle}`, anchorFrom: "AQIDBA==", anchorTo: "BQYHCA==", quote: "low-rank", createdAt: at(0) } });
    const reply = await test.db.draftComment.create({ data: { draftId: presentationId, authorId: bob.id, body: "A reply", parentId: root.id, createdAt: at(1) } });
    const whole = await test.db.draftComment.create({ data: { draftId: presentationId, authorId: blog.id, body: "On the whole draft", createdAt: at(2), resolvedAt: at(3), resolvedBy: blog.id } });

    expect(await migrateDraftComments({ db: test.db })).toBe(1);
    const name = draftThreadsDocumentName(presentationId);
    const read = async () => {
      const doc = new Y.Doc();
      const stored = await loadDocument(test.db, name);
      if (stored.update) Y.applyUpdate(doc, stored.update);
      return { highlights: readDraftHighlights(doc), comments: readComments(doc), update: stored.update };
    };
    const first = await read();
    expect(first.highlights).toEqual([{ id: `p${root.id}`, authorId: alice.id, kind: "note", target: { exact: "low-rank", from: "AQIDBA==", to: "BQYHCA==" }, createdAt: at(0).getTime() }]);
    expect(first.comments.map((comment) => [comment.id, comment.highlightId, comment.parentId, comment.authorId, comment.body, comment.resolvedBy, comment.createdAt])).toEqual([
      [root.id, `p${root.id}`, null, alice.id, root.body, null, at(0).getTime()],
      [reply.id, `p${root.id}`, root.id, bob.id, "A reply", null, at(1).getTime()],
      [whole.id, null, null, blog.id, "On the whole draft", blog.id, at(2).getTime()],
    ]);

    // Again (another start, before or after compaction): nothing is added.
    const logged = await test.db.documentUpdate.count({ where: { documentName: name } });
    expect(await migrateDraftComments({ db: test.db })).toBe(0);
    expect(await test.db.documentUpdate.count({ where: { documentName: name } })).toBe(logged);
    await server.collab.persistence.recover();
    expect(await migrateDraftComments({ db: test.db })).toBe(0);
    const again = await read();
    expect({ highlights: again.highlights, comments: again.comments }).toEqual({ highlights: first.highlights, comments: first.comments });

    // Projected like any live thread: the old mention now reaches Bob.
    await vi.waitFor(async () => expect(await test.db.commentRow.count({ where: { readingId: presentationId, documentKind: "draft-threads" } })).toBe(3));
    const mentions = await listMentions({ actor: bob.actor, db: test.db });
    expect(mentions.map((mention) => [mention.commentId, mention.href])).toContainEqual([root.id, expect.stringMatching(new RegExp(`/drafts/presentation#comment-${root.id}$`))]);
  });
});
