// When a writer is told "saved", and when everyone else sees the change: against a real Postgres whose
// log table is locked or made to refuse inserts on purpose, so the commit can be held back at will.
import pg from "pg";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { seedDemoClass } from "../testing/demo-class.ts";
import { readingDocumentName } from "./document-name.ts";
import { loadDocument } from "./document-store.ts";
import { createComment, readComments } from "./reading-doc.ts";
import { sessionCookie, startTestCollabServer, type TestCollabServer } from "./testing/support.ts";
import { RawClient } from "./testing/raw-client.ts";

let test: TestDatabase;
let server: TestCollabServer;
let admin: pg.Client;
const logged: string[] = [];
const users: Record<string, { id: string; cookie: string }> = {};
let documentName: string;

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemoClass(test.db);
  for (const email of ["alice", "bob"]) {
    const user = await test.db.user.findUniqueOrThrow({ where: { email: `${email}@demo.test` } });
    users[email] = { id: user.id, cookie: await sessionCookie(user) };
  }
  const reading = await test.db.reading.findFirstOrThrow({ where: { title: { startsWith: "QLoRA" } } });
  documentName = readingDocumentName(reading.id);
  server = await startTestCollabServer(test.db, { log: (line) => logged.push(line) });
  admin = new pg.Client({ connectionString: test.url });
  await admin.connect();
});
afterAll(async () => {
  await admin.end();
  await server.close();
  await test.drop();
});

async function rawClient(user: keyof typeof users): Promise<RawClient> {
  const client = new RawClient(server.url, documentName, users[user]!.cookie);
  await client.open();
  await client.join();
  return client;
}

/** The comment ids Postgres holds for the reading (state plus log), read without waiting for compaction. */
async function storedCommentIds(): Promise<string[]> {
  const doc = new Y.Doc();
  const stored = await loadDocument(test.db, documentName);
  if (stored.update) Y.applyUpdate(doc, stored.update);
  return readComments(doc).map((comment) => comment.id);
}

/** Sends one new comment of `writer`'s without waiting for its acknowledgement; returns its id. */
function postComment(writer: RawClient, userId: string, body: string): string {
  let id = "";
  const update = captureUpdate(writer, () => {
    id = createComment(writer.doc, { authorId: userId, highlightId: null, parentId: null, body });
  });
  writer.sendUpdateNoWait(update);
  return id;
}

function captureUpdate(client: RawClient, change: () => void): Uint8Array {
  let captured: Uint8Array | null = null;
  const listen = (update: Uint8Array, origin: unknown) => {
    if (origin !== "server") captured = update;
  };
  client.doc.on("update", listen);
  change();
  client.doc.off("update", listen);
  if (!captured) throw new Error("the change made no update");
  return captured;
}

describe("acknowledgements wait for the log; readers do not", () => {
  it("shows a comment to other readers at once, and tells its writer it is saved, in order, only once its rows have committed", async () => {
    const alice = await rawClient("alice");
    const bob = await rawClient("bob");

    // Inserts into the log wait behind this lock; reads do not.
    await admin.query("BEGIN");
    await admin.query('LOCK TABLE "DocumentUpdate" IN EXCLUSIVE MODE');
    let locked = true;
    try {
      const first = postComment(alice, users.alice!.id, "Seen before it is saved");
      const second = postComment(alice, users.alice!.id, "And this one too");
      await vi.waitFor(() => expect(readComments(bob.doc).map((comment) => comment.id)).toEqual(expect.arrayContaining([first, second])));
      // Bob has both; Alice has been told nothing, and the log holds neither.
      expect(alice.acks).toEqual([]);
      expect(await storedCommentIds()).not.toContain(first);
      expect(await storedCommentIds()).not.toContain(second);
      await admin.query("COMMIT");
      locked = false;
      await vi.waitFor(() => expect(alice.acks).toEqual([true, true]));
      expect(await storedCommentIds()).toEqual(expect.arrayContaining([first, second]));
    } finally {
      if (locked) await admin.query("ROLLBACK");
      alice.close();
      bob.close();
    }
  });

  it("retries an append the database refused until it commits, and only then acknowledges it", async () => {
    const alice = await rawClient("alice");
    const bob = await rawClient("bob");
    // Every insert into the log now fails (a real error from Postgres), until the constraint is dropped.
    await admin.query('ALTER TABLE "DocumentUpdate" ADD CONSTRAINT refuse_everything CHECK (false) NOT VALID');
    let refusing = true;
    try {
      const id = postComment(alice, users.alice!.id, "Written while the log refused");
      await vi.waitFor(() => expect(readComments(bob.doc).map((comment) => comment.id)).toContain(id));
      // At least two attempts failed, and the writer still has no acknowledgement.
      await vi.waitFor(() => expect(logged.filter((line) => line.startsWith(`collab: append of ${documentName} failed`)).length).toBeGreaterThanOrEqual(2));
      expect(alice.acks).toEqual([]);
      expect(await storedCommentIds()).not.toContain(id);
      await admin.query('ALTER TABLE "DocumentUpdate" DROP CONSTRAINT refuse_everything');
      refusing = false;
      await vi.waitFor(() => expect(alice.acks).toEqual([true]), { timeout: 10_000 });
      expect(await storedCommentIds()).toContain(id);
    } finally {
      if (refusing) await admin.query('ALTER TABLE "DocumentUpdate" DROP CONSTRAINT refuse_everything');
      alice.close();
      bob.close();
    }
  });
});
