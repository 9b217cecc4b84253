// Nothing acknowledged is lost: a server process is killed with SIGKILL in the middle of a burst of
// writes from several clients (comments on a reading, co-editing a draft), several times over; after
// each restart every write acknowledged in any cycle so far is there exactly once, and is what Postgres
// holds. Restarts also run the start-up recovery (unfolded logs, stale projections) under fire.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { seedDemoClass } from "../testing/demo-class.ts";
import { findFreePort } from "../server/ports.ts";
import { draftDocumentName, readingDocumentName } from "./document-name.ts";
import { ensureSessionDrafts } from "../drafts/drafts.ts";
import { DRAFT_FRAGMENT } from "../drafts/editor-schema.ts";
import { createComment, readComments } from "./reading-doc.ts";
import { loadDocument } from "./document-store.ts";
import { RawClient } from "./testing/raw-client.ts";
import { sessionCookie } from "./testing/support.ts";

let test: TestDatabase;
let documentName: string;
let port: number;
const cookies: Array<{ id: string; cookie: string }> = [];

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemoClass(test.db);
  for (const user of await test.db.user.findMany({ where: { email: { in: ["alice@demo.test", "bob@demo.test", "lead@demo.test", "blog@demo.test"] } } })) {
    cookies.push({ id: user.id, cookie: await sessionCookie(user) });
  }
  documentName = readingDocumentName((await test.db.reading.findFirstOrThrow({ where: { title: { startsWith: "LoRA" } } })).id);
  port = await findFreePort();
});
afterAll(async () => {
  await test.drop();
});

function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "testing/serve.mts")], {
    // MODE explicitly: vitest sets MODE=test in the environment the child inherits.
    env: { ...process.env, DATABASE_URL: test.url, PORT: String(port), MODE: "real" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve(child));
    child.once("exit", (code) => reject(new Error(`server exited early (${code})`)));
  });
}

interface Writer {
  id: string;
  cookie: string;
}

const CYCLES = 3;
const PER_CLIENT = 60;

/**
 * CYCLES times: writers fire changes without waiting; the server is killed once enough were
 * acknowledged. After each restart every change acknowledged so far must be there exactly once, and be
 * what Postgres holds.
 */
async function burstAndKill(name: string, writers: Writer[], write: (doc: Y.Doc, writerId: string, index: number) => string, read: (doc: Y.Doc) => string[]) {
  const url = `ws://127.0.0.1:${port}/collab`;
  const acknowledged: string[] = [];

  const verify = async () => {
    const reader = new RawClient(url, name, writers[0]!.cookie);
    await reader.open();
    await reader.join();
    const seen = read(reader.doc);
    for (const key of acknowledged) expect(seen.filter((candidate) => candidate === key)).toHaveLength(1);
    expect(new Set(seen).size).toBe(seen.length);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await loadDocument(test.db, name)).update!);
    expect(read(stored).sort()).toEqual([...seen].sort());
    reader.close();
  };

  let server = await startServer();
  try {
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      if (cycle > 0) await verify();
      const clients = await Promise.all(
        writers.map(async ({ id, cookie }) => {
          const client = new RawClient(url, name, cookie);
          await client.open();
          await client.join();
          return { id, client, sent: [] as string[] };
        }),
      );
      for (let i = 0; i < PER_CLIENT; i++) {
        for (const entry of clients) {
          const before = Y.encodeStateVector(entry.client.doc);
          entry.sent.push(write(entry.client.doc, entry.id, cycle * PER_CLIENT + i));
          entry.client.sendUpdateNoWait(Y.encodeStateAsUpdate(entry.client.doc, before));
        }
        if (i === 20) {
          await waitFor(() => clients.reduce((sum, entry) => sum + entry.client.acks.length, 0) >= 30);
          server.kill("SIGKILL");
        }
      }
      await new Promise((resolve) => server.once("exit", resolve));
      const acknowledgedNow = clients.flatMap((entry) => entry.sent.filter((_, index) => entry.client.acks[index] === true));
      const unacknowledged = clients.reduce((sum, entry) => sum + entry.sent.length, 0) - acknowledgedNow.length;
      expect(acknowledgedNow.length).toBeGreaterThanOrEqual(30);
      expect(unacknowledged).toBeGreaterThan(0); // the kill really came mid-burst
      acknowledged.push(...acknowledgedNow);
      for (const entry of clients) entry.client.close();
      server = await startServer();
    }
    await verify();
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
}

/** Polls a condition on the event loop (the clients' acknowledgements arrive meanwhile). */
async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  await vi.waitFor(() => expect(condition()).toBe(true), { timeout: timeoutMs, interval: 2 });
}

it("keeps every acknowledged comment across repeated SIGKILLs, exactly once", async () => {
  await burstAndKill(
    documentName,
    cookies,
    (doc, authorId, index) => createComment(doc, { authorId, highlightId: null, parentId: null, body: `burst ${authorId} #${index}` }),
    (doc) => readComments(doc).map((comment) => comment.id),
  );
}, 240_000);

it("keeps every acknowledged draft edit across repeated SIGKILLs, exactly once", async () => {
  const lead = await test.db.user.findUniqueOrThrow({ where: { email: "lead@demo.test" } });
  const instructor = await test.db.user.findUniqueOrThrow({ where: { email: "instructor@demo.test" } });
  const session = await test.db.classSession.findFirstOrThrow();
  const [draft] = await ensureSessionDrafts(test.db, session.id);
  const writers = [
    { id: lead.id, cookie: await sessionCookie(lead) },
    { id: instructor.id, cookie: await sessionCookie(instructor) },
  ];
  await burstAndKill(
    draftDocumentName(draft!.id),
    writers,
    (doc, writerId, index) => {
      const text = `line ${writerId.slice(-6)} ${index}`;
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(text)]);
      const fragment = doc.getXmlFragment(DRAFT_FRAGMENT);
      fragment.insert(fragment.length, [paragraph]);
      return text;
    },
    (doc) => doc.getXmlFragment(DRAFT_FRAGMENT).toArray().map((node) => (node as Y.XmlElement).toArray().map((child) => (child as Y.XmlText).toString()).join("")),
  );
}, 240_000);
