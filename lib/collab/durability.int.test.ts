// Nothing acknowledged is lost: a server process is killed with SIGKILL in the middle of a burst of
// writes from several clients; after a restart every acknowledged write is there exactly once.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as Y from "yjs";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { importSession } from "../readings/import-session.ts";
import { ensureDemoAccounts } from "../members/demo-accounts.ts";
import { SEED_FILE } from "../server/bootstrap.ts";
import { findFreePort } from "../server/ports.ts";
import { readingDocumentName } from "./document-name.ts";
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
  await importSession({ input: fs.readFileSync(SEED_FILE), db: test.db });
  await ensureDemoAccounts({ db: test.db });
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
    env: { ...process.env, DATABASE_URL: test.url, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve(child));
    child.once("exit", (code) => reject(new Error(`server exited early (${code})`)));
  });
}

it("keeps every acknowledged write across a SIGKILL, exactly once", async () => {
  let server = await startServer();
  const url = `ws://127.0.0.1:${port}/collab`;
  const clients = await Promise.all(
    cookies.map(async ({ id, cookie }) => {
      const client = new RawClient(url, documentName, cookie);
      await client.open();
      await client.join();
      return { id, client, sent: [] as string[] };
    }),
  );

  // Every client fires comments without waiting; the server is killed once enough were acknowledged.
  const PER_CLIENT = 60;
  for (let i = 0; i < PER_CLIENT; i++) {
    for (const entry of clients) {
      const before = Y.encodeStateVector(entry.client.doc);
      entry.sent.push(createComment(entry.client.doc, { authorId: entry.id, highlightId: null, parentId: null, body: `burst ${entry.id} #${i}` }));
      entry.client.sendUpdateNoWait(Y.encodeStateAsUpdate(entry.client.doc, before));
    }
    if (i === 20) {
      const deadline = Date.now() + 10_000;
      while (clients.reduce((sum, entry) => sum + entry.client.acks.length, 0) < 40 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
      server.kill("SIGKILL");
    }
  }
  await new Promise((resolve) => server.once("exit", resolve));

  const acknowledged = clients.flatMap((entry) => entry.sent.filter((_, index) => entry.client.acks[index] === true));
  const unacknowledged = clients.reduce((sum, entry) => sum + entry.sent.length, 0) - acknowledged.length;
  expect(acknowledged.length).toBeGreaterThanOrEqual(40);
  expect(unacknowledged).toBeGreaterThan(0); // the kill really came mid-burst

  server = await startServer();
  try {
    const reader = new RawClient(url, documentName, cookies[0]!.cookie);
    await reader.open();
    await reader.join();
    const comments = readComments(reader.doc);
    const ids = comments.map((comment) => comment.id);
    for (const id of acknowledged) expect(ids.filter((candidate) => candidate === id)).toHaveLength(1);
    const bodies = comments.map((comment) => comment.body);
    expect(new Set(bodies).size).toBe(bodies.length);

    // And it is what Postgres holds.
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await loadDocument(test.db, documentName)).update!);
    expect(readComments(stored).map((comment) => comment.id).sort()).toEqual([...ids].sort());
    reader.close();
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
});
