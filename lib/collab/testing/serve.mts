// A collaboration server in a process of its own: for tests that kill it (kill -9) and start it again, and
// for benchmarks, which must not share an event loop with the clients they time.
// Env: DATABASE_URL, PORT (0: any free port), MODE ("real", the default: createCollabServer; "stock": a bare
// in-memory Hocuspocus with no extensions, the benchmarks' reference), COMPACT_AFTER_MS (default 20),
// REDIS_URL (real only). Prints "ready <port>" once listening. Started with an IPC channel, it answers
// {type: "stats", reset?} with {type: "stats", rssBytes, cpuMicros (user and system time of every thread
// since the process started), eventLoop: {maxMs, p99Ms, meanMs}} (since the last reset) and jobs
// (compaction jobs waiting or running), folds a document's log on {type: "fold", name},
// and stops cleanly on {type: "stop"}.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Server } from "@hocuspocus/server";
import { createDb } from "../../db/client.ts";
import { createCollabServer } from "../server.ts";
import { TEST_SECRET } from "./support.ts";

const mode = process.env.MODE ?? "real";
const requestedPort = Number(process.env.PORT ?? 0);
const eventLoop = monitorEventLoopDelay({ resolution: 5 });
eventLoop.enable();

let stop: () => Promise<void>;
let port: number;
let jobs = () => 0;
let fold = (_name: string) => {};
if (mode === "stock") {
  const stock = new Server({ port: requestedPort, address: "127.0.0.1", quiet: true, stopOnSignals: false });
  await stock.listen();
  port = stock.address.port;
  stop = () => stock.destroy();
} else if (mode === "real") {
  const db = createDb(process.env.DATABASE_URL!);
  const collab = createCollabServer({
    db,
    secret: TEST_SECRET,
    compactAfterMs: Number(process.env.COMPACT_AFTER_MS ?? 20),
    redisUrl: process.env.REDIS_URL || undefined,
    // Failures (a compaction that will be retried, say) but not the line per connection opened or closed.
    log: (line) => {
      if (!/ (opened|left) /.test(line)) console.error(line);
    },
  });
  const server = http.createServer((_request, response) => response.writeHead(404).end());
  server.on("upgrade", (request, socket, head) => collab.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(requestedPort, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  jobs = () => collab.persistence.pendingJobs;
  fold = (name) => void collab.persistence.fold(name);
  stop = async () => {
    await collab.close();
    server.closeAllConnections();
    server.close();
    await db.$disconnect();
  };
} else {
  throw new Error(`MODE must be "real" or "stock", not ${JSON.stringify(mode)}`);
}

const ms = (nanoseconds: number) => nanoseconds / 1e6;
const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
process.on("message", (message: { type?: string; reset?: boolean; name?: string }) => {
  if (message.type === "stats") {
    process.send?.({
      type: "stats",
      rssBytes: process.memoryUsage.rss(),
      cpuMicros: cpuMicros(),
      eventLoop: { maxMs: ms(eventLoop.max), p99Ms: ms(eventLoop.percentile(99)), meanMs: ms(eventLoop.mean) },
      jobs: jobs(),
    });
    if (message.reset) eventLoop.reset();
  } else if (message.type === "fold" && message.name) {
    fold(message.name);
  } else if (message.type === "stop") {
    void stop().finally(() => process.exit(0));
  }
});
console.log(`ready ${port}`);
