// The collaboration server against a real Postgres, on a real port, with real providers and a raw
// y-protocols client that tries everything an honest provider never would.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { seedDemoClass } from "../testing/demo-class.ts";
import { readingDocumentName } from "./document-name.ts";
import { createComment, createHighlight, deleteComment, editComment, readComments, readHighlights, readingMaps, setThreadResolved, toggleReaction } from "./reading-doc.ts";
import { connectClient, sessionCookie, startTestCollabServer, storedDocument, waitUntilSaved, type TestCollabServer } from "./testing/support.ts";
import { RawClient } from "./testing/raw-client.ts";

let test: TestDatabase;
let server: TestCollabServer;
let documentName: string;
const users: Record<string, { id: string; cookie: string }> = {};

const target = { exact: "efficient finetuning approach", prefix: "We present QLoRA, an ", suffix: " that reduces memory", start: 21, end: 50 };

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemoClass(test.db);
  for (const email of ["alice", "bob", "lead", "instructor"]) {
    const user = await test.db.user.findUniqueOrThrow({ where: { email: `${email}@demo.test` } });
    users[email] = { id: user.id, cookie: await sessionCookie(user) };
  }
  const reading = await test.db.reading.findFirstOrThrow({ where: { title: { startsWith: "QLoRA" } } });
  documentName = readingDocumentName(reading.id);
  server = await startTestCollabServer(test.db);
});
afterAll(async () => {
  await server.close();
  await test.drop();
});

async function rawClient(user: keyof typeof users | null, name = documentName): Promise<RawClient> {
  const client = new RawClient(server.url, name, user ? users[user]!.cookie : null);
  await client.open();
  await client.join();
  return client;
}

const storedDoc = () => storedDocument(server, test.db, documentName);

describe("two users on one reading", () => {
  it("converge: alice's highlight and comment reach bob, bob's reply reaches alice, and all of it is stored", async () => {
    const alice = await connectClient(server.url, documentName, users.alice!.cookie);
    const bob = await connectClient(server.url, documentName, users.bob!.cookie);
    const { highlightId, commentId } = createHighlight(alice.doc, { authorId: users.alice!.id, kind: "question", target, firstComment: "Why 4-bit?" });
    await vi.waitFor(() => expect(readHighlights(bob.doc).map((highlight) => highlight.id)).toContain(highlightId));
    const reply = createComment(bob.doc, { authorId: users.bob!.id, highlightId, parentId: commentId, body: "NF4 is **optimal** for normal weights" });
    await vi.waitFor(() => expect(readComments(alice.doc).map((comment) => comment.id)).toContain(reply));
    setThreadResolved(alice.doc, commentId!, users.alice!.id, true);
    toggleReaction(bob.doc, commentId!, users.bob!.id);
    await waitUntilSaved(alice);
    await waitUntilSaved(bob);
    await vi.waitFor(() => expect(readingMaps(alice.doc).reactions.toJSON()).toEqual(readingMaps(bob.doc).reactions.toJSON()));
    expect(readComments(bob.doc).find((comment) => comment.id === commentId)?.resolvedBy).toBe(users.alice!.id);

    const stored = await storedDoc();
    expect(readComments(stored)).toEqual(readComments(alice.doc));
    expect(readHighlights(stored)).toEqual(readHighlights(bob.doc));
    // The projection was rebuilt from the stored state.
    await vi.waitFor(async () => expect(await test.db.commentRow.count({ where: { readingId: documentName.slice("reading:".length), id: { in: [commentId!, reply] } } })).toBe(2));
    expect((await test.db.commentRow.findUniqueOrThrow({ where: { readingId_id: { readingId: documentName.slice("reading:".length), id: commentId! } } })).reactionCount).toBe(1);
    alice.destroy();
    bob.destroy();
  });

  it("server-set presence: a client cannot claim to be someone else", async () => {
    const alice = await connectClient(server.url, documentName, users.alice!.cookie);
    const bob = await connectClient(server.url, documentName, users.bob!.cookie);
    alice.provider.awareness!.setLocalStateField("user", { id: users.instructor!.id, name: "Prof. Impostor" });
    alice.provider.awareness!.setLocalStateField("selection", { start: 1, end: 5 });
    await vi.waitFor(() => {
      const seen = [...bob.provider.awareness!.getStates().values()].find((state) => state.selection?.start === 1);
      expect(seen?.user).toMatchObject({ id: users.alice!.id, name: "Alice Moreau" });
    });
    alice.destroy();
    bob.destroy();
  });
});

describe("the write policy refuses, and the server keeps serving", () => {
  it("refuses a connection without a session", async () => {
    await expect(rawClient(null)).rejects.toThrow("HTTP 401");
    const forged = new RawClient(server.url, documentName, "next-auth.session-token=forged.jwt.value");
    await expect(forged.open()).rejects.toThrow("HTTP 401");
  });

  it("refuses documents that do not exist or are not documents", async () => {
    for (const name of ["reading:doesnotexist0000000000", "notes:abc", "reading:../../etc"]) {
      const client = await rawClient("alice", name);
      expect(client.authenticated).toBe("denied");
      client.close();
    }
  });

  it("refuses a highlight or comment forged in another user's name", async () => {
    const mallory = await rawClient("alice");
    const result = await mallory.change((doc) => {
      createHighlight(doc, { authorId: users.bob!.id, kind: "critique", target, firstComment: "Bob says this is wrong" });
    });
    expect(result).toBe("closed");
    const refusal = mallory.stateless.map((payload) => JSON.parse(payload)).find((message) => message.type === "refused");
    expect(refusal).toMatchObject({ type: "refused", reason: "A highlight must be made in your own name." });
    // The refusal names the refused update's items, so the browser can undo exactly that change.
    expect(refusal.structs.length).toBeGreaterThan(0);
    const stored = await storedDoc();
    expect(readComments(stored).some((comment) => comment.body === "Bob says this is wrong")).toBe(false);
    expect(await test.db.documentUpdate.count({ where: { userId: users.alice!.id, documentName } })).toBe(0);
  });

  it("refuses edits, deletions and resolutions of another user's comment", async () => {
    const bob = await rawClient("bob");
    let commentId = "";
    expect(await bob.change((doc) => (commentId = createComment(doc, { authorId: users.bob!.id, highlightId: null, parentId: null, body: "Bob's own words" })))).toBe("saved");

    const attempts: Array<[string, (doc: Y.Doc) => void, string]> = [
      ["edit", (doc) => editComment(doc, commentId, "Bob agrees with Alice"), "You can only edit or delete your own comments."],
      ["delete", (doc) => deleteComment(doc, commentId), "You can only edit or delete your own comments."],
      ["remove", (doc) => readingMaps(doc).comments.delete(commentId), "Comments are never removed or replaced; delete marks them as deleted."],
      ["resolve", (doc) => setThreadResolved(doc, commentId, users.alice!.id, true), "You may not resolve this thread."],
      ["+1 for bob", (doc) => readingMaps(doc).reactions.set(`${commentId}|${users.bob!.id}`, true), "You can only add or remove your own +1."],
      ["unknown part", (doc) => doc.getMap("secrets").set("x", 1), 'Unknown part "secrets" in a reading document.'],
    ];
    for (const [what, mutate, reason] of attempts) {
      const alice = await rawClient("alice");
      expect(await alice.change(mutate), what).toBe("closed");
      expect(alice.stateless.map((payload) => JSON.parse(payload).reason), what).toContain(reason);
    }
    const stored = await storedDoc();
    expect(readComments(stored).find((comment) => comment.id === commentId)).toMatchObject({ body: "Bob's own words", deleted: false, resolvedAt: null });

    // The lead team may resolve any thread of its session; the policy says so, and so does the server.
    const lead = await rawClient("lead");
    expect(await lead.change((doc) => setThreadResolved(doc, commentId, users.lead!.id, true))).toBe("saved");
  });

  it("refuses an update over 64 KiB and a comment over 10,000 characters", async () => {
    const alice = await rawClient("alice");
    expect(await alice.change((doc) => createComment(doc, { authorId: users.alice!.id, highlightId: null, parentId: null, body: "x".repeat(10_001) }))).toBe("closed");
    expect(alice.stateless.map((payload) => JSON.parse(payload).reason)).toContain("Comments can be at most 10,000 characters.");
    const again = await rawClient("alice");
    const big = new Y.Doc();
    big.getMap("comments").set("padding", "y".repeat(70_000));
    expect(await again.sendUpdate(Y.encodeStateAsUpdate(big))).toBe("closed");
    expect(again.stateless.map((payload) => JSON.parse(payload).reason)).toContain("That change is too large (over 64 KiB).");
  });

  it("survives malformed frames and keeps serving everyone else", async () => {
    const watcher = await connectClient(server.url, documentName, users.bob!.cookie);
    for (const garbage of [new Uint8Array([255, 255, 255, 255, 255]), new Uint8Array([3, 65, 66, 67, 0, 2, 200]), new Uint8Array(0), new TextEncoder().encode("hello")]) {
      const client = await rawClient("alice");
      client.sendRaw(garbage);
      await vi.waitFor(() => expect(client.closed || client.acks.length === 0).toBe(true));
      client.close();
    }
    const honest = await rawClient("alice");
    let id = "";
    expect(await honest.change((doc) => (id = createComment(doc, { authorId: users.alice!.id, highlightId: null, parentId: null, body: "still here" })))).toBe("saved");
    await vi.waitFor(() => expect(readComments(watcher.doc).map((comment) => comment.id)).toContain(id));
    watcher.destroy();
  });

  it("does not let a refused change reach anyone", async () => {
    const watcher = await connectClient(server.url, documentName, users.bob!.cookie);
    const mallory = await rawClient("alice");
    await mallory.change((doc) => createComment(doc, { authorId: users.instructor!.id, highlightId: null, parentId: null, body: "Exam is cancelled" }));
    const honest = await rawClient("alice");
    let id = "";
    await honest.change((doc) => (id = createComment(doc, { authorId: users.alice!.id, highlightId: null, parentId: null, body: "after the forgery" })));
    await vi.waitFor(() => expect(readComments(watcher.doc).map((comment) => comment.id)).toContain(id));
    expect(readComments(watcher.doc).some((comment) => comment.body === "Exam is cancelled")).toBe(false);
    watcher.destroy();
  });
});
