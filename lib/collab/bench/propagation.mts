// Benchmark (not a test): how long a change takes to reach another client through the whole stack
// (session-cookie authentication, write policy, durable append to Postgres, broadcast), with 2 and with
// 50 clients on one reading, side by side with a plain Yjs websocket server; and how many writes per
// second the durable log sustains. Run: npm run bench   (numbers go to stdout; the README keeps a copy).
import { openDemoClassDatabase } from "../../testing/demo-class.ts";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { setupWSConnection } from "@y/websocket-server/utils";
import { WebsocketProvider } from "y-websocket";
import WebSocket, { WebSocketServer } from "ws";
import * as Y from "yjs";
import { appendUpdate } from "../document-store.ts";
import { readingDocumentName } from "../document-name.ts";
import { createComment, readingMaps } from "../reading-doc.ts";
import { connectClient, sessionCookie, startTestCollabServer, type TestClient } from "../testing/support.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const format = (values: number[]) => `p50 ${percentile(values, 50).toFixed(2)} ms, p99 ${percentile(values, 99).toFixed(2)} ms`;

/** Writer changes its doc; the time until the observer's doc has the change, ROUNDS times, one at a time. */
async function measure(writer: Y.Doc, observer: Y.Doc, change: (round: number) => void): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const seen = new Promise<void>((resolve) => {
      const handler = () => {
        observer.off("update", handler);
        resolve();
      };
      observer.on("update", handler);
    });
    const started = performance.now();
    change(round);
    await seen;
    samples.push(performance.now() - started);
  }
  return samples;
}

const { db, close } = await openDemoClassDatabase();
const reading = await db.reading.findFirstOrThrow({ where: { title: { startsWith: "QLoRA" } } });
const name = readingDocumentName(reading.id);
const users = await db.user.findMany({ where: { email: { endsWith: "@demo.test" } } });
const results: string[] = [];

// Marginalia: the real collaboration server.
const marginalia = await startTestCollabServer(db);
for (const count of [2, 50]) {
  const clients: TestClient[] = [];
  for (let i = 0; i < count; i++) clients.push(await connectClient(marginalia.url, name, await sessionCookie(users[i % users.length]!)));
  const writer = clients[0]!;
  const writerId = users[0]!.id;
  const samples = await measure(writer.doc, clients[count - 1]!.doc, (round) => {
    createComment(writer.doc, { authorId: writerId, highlightId: null, parentId: null, body: `bench ${count} ${round}` });
  });
  results.push(`Marginalia (auth + write policy + durable log), ${count} clients: ${format(samples)}`);
  for (const client of clients) client.destroy();
}
await marginalia.close();

// Reference: a plain Yjs websocket server, no auth, no checks, no persistence.
const server = http.createServer();
const sockets = new WebSocketServer({ server });
sockets.on("connection", (socket, request) => setupWSConnection(socket, request));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const plainUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
for (const count of [2, 50]) {
  const providers: WebsocketProvider[] = [];
  for (let i = 0; i < count; i++) {
    const provider = new WebsocketProvider(plainUrl, name, new Y.Doc(), { WebSocketPolyfill: WebSocket as never });
    await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
    providers.push(provider);
  }
  const writer = providers[0]!.doc;
  const samples = await measure(writer, providers[count - 1]!.doc, (round) => {
    readingMaps(writer).comments.set(`bench-${count}-${round}`, new Y.Map());
  });
  results.push(`Plain Yjs websocket server (reference), ${count} clients: ${format(samples)}`);
  for (const provider of providers) provider.destroy();
}
sockets.close();
server.close();

// The durable log: appends per second with 8 concurrent writers (as 8 busy documents would).
const doc = new Y.Doc();
const update = (() => {
  const before = Y.encodeStateVector(doc);
  createComment(doc, { authorId: users[0]!.id, highlightId: null, parentId: null, body: "a typical comment of some sixty characters, give or take" });
  return Y.encodeStateAsUpdate(doc, before);
})();
const WRITES = Number(process.env.BENCH_WRITES ?? 4000);
const started = performance.now();
await Promise.all(
  Array.from({ length: 8 }, async (_, writer) => {
    for (let i = writer; i < WRITES; i += 8) await appendUpdate(db, { name: `reading:benchlog${writer}000000000000000`, update, userId: null });
  }),
);
const seconds = (performance.now() - started) / 1000;
results.push(`Durable log: ${WRITES} appends of ${update.byteLength} B in ${seconds.toFixed(2)} s = ${Math.round(WRITES / seconds)} writes/s (8 concurrent writers)`);

await close();
console.log(`\nRounds per measurement: ${ROUNDS}; machine: ${(await import("node:os")).cpus().length} cores, Node ${process.version}`);
for (const line of results) console.log(line);
process.exit(0);
