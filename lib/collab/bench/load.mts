// Benchmark (not a test): a class's worth of load. C clients on R readings, one websocket each (as C
// browsers), each posting a comment every C/rate seconds; one observer per reading times each comment's
// arrival. Against the real server, stock Hocuspocus (in memory, no extensions) and two real instances
// sharing Postgres through Redis, each in processes of their own; loopback only, every loop bounded.
// Run: npm run bench:load [-- --clients 560 --readings 7 --rate 110 --duration 60 --targets real,stock,redis --redis redis://127.0.0.1:6379]
import net from "node:net";
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { readingDocumentName } from "../document-name.ts";
import { readingMaps } from "../reading-doc.ts";
import { RawClient } from "../testing/raw-client.ts";
import { sessionCookie } from "../testing/support.ts";
import { createStudents, databaseCpuClock, fail, formatMiB, formatMs, parseFlags, pause, startBenchCluster, summary, waitFor, type BenchDatabase } from "./bench-support.ts";
import { awarenessMessage, KEEP_ALIVE_MS, LoadWriter } from "./load-client.ts";
import { startServerProcess, type ServerProcess } from "./server-process.ts";

const flags = parseFlags(process.argv.slice(2), {
  clients: 560,
  readings: 7,
  rate: 110,
  duration: 60,
  targets: "real,stock,redis",
  redis: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
});
type Target = "real" | "stock" | "redis";
const targets = String(flags.targets).split(",") as Target[];
for (const target of targets) if (!["real", "stock", "redis"].includes(target)) fail(`--targets takes real, stock and/or redis, not ${target}`);
const CONNECT_CONCURRENCY = 16;
const CONNECT_TIMEOUT_MS = 180_000;
const DRAIN_TIMEOUT_MS = 20_000;
const KEEP_ALIVE_TICK_MS = 5_000;

interface Result {
  target: Target;
  sent: number;
  arrived: number[];
  lost: number;
  saved: number;
  unanswered: number;
  refused: number;
  disconnected: number;
  /** Observers whose connection closed, or whose copy waits for an update that never came. */
  observerTrouble: string[];
  connectSeconds: number;
  servers: Array<{ rssPeakBytes: number; eventLoopMaxMs: number }>;
  generatorEventLoopMaxMs: number;
  /** CPU time the servers (all their threads) and the database server used from the first post to the end of the drain. */
  serverCpuSeconds: number;
  databaseCpuSeconds: number | null;
}

/** Whether something answers a Redis PING at this URL within a second. */
function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => done(/^(\+PONG|-NOAUTH)/.test(data.toString())));
  });
}

async function runTarget(target: Target, database: BenchDatabase): Promise<Result> {
  const { db } = database;
  const readings = await db.reading.findMany({ orderBy: { title: "asc" }, take: flags.readings, select: { id: true } });
  if (readings.length < flags.readings) throw new Error(`--readings is at most ${readings.length} (the readings of the demo class)`);
  const names = readings.map((reading) => readingDocumentName(reading.id));
  const students = await createStudents(db, flags.clients + flags.readings, "loadstudent");
  const servers: ServerProcess[] = [];
  const writers: LoadWriter[] = [];
  const observers: RawClient[] = [];
  const timersToClear: NodeJS.Timeout[] = [];
  try {
    const instances = target === "redis" ? 2 : 1;
    for (let i = 0; i < instances; i++) {
      servers.push(
        await startServerProcess({ mode: target === "stock" ? "stock" : "real", databaseUrl: database.url, redisUrl: target === "redis" ? String(flags.redis) : undefined }),
      );
    }
    const serverFor = (index: number) => servers[index % servers.length]!;

    // One observer per reading, each on the instance that the reading's index picks, so that with two
    // instances half of what each observer times has crossed Redis.
    const sentAt = new Map<string, number>();
    const arrivals = new Map<string, number>();
    for (const [index, name] of names.entries()) {
      const observer = new RawClient(serverFor(index).url, name, await sessionCookie(students[flags.clients + index]!));
      await observer.open();
      await observer.join();
      readingMaps(observer.doc).comments.observe((event) => {
        const now = performance.now();
        for (const [key, change] of event.changes.keys) if (change.action === "add" && sentAt.has(key) && !arrivals.has(key)) arrivals.set(key, now - sentAt.get(key)!);
      });
      observers.push(observer);
    }

    // Observers only listen, so they renew their awareness as browsers do; writers when they have been quiet.
    let ticks = 0;
    const keepAlive = setInterval(() => {
      ticks++;
      if ((ticks * KEEP_ALIVE_TICK_MS) % KEEP_ALIVE_MS === 0) {
        for (const observer of observers) if (!observer.closed) observer.sendRaw(awarenessMessage(observer.documentName, observer.doc.clientID, ticks));
      }
      for (const writer of writers) writer.keepAlive();
    }, KEEP_ALIVE_TICK_MS);
    timersToClear.push(keepAlive);

    const connectStarted = performance.now();
    const connectDeadline = Date.now() + CONNECT_TIMEOUT_MS;
    for (let first = 0; first < flags.clients; first += CONNECT_CONCURRENCY) {
      if (Date.now() > connectDeadline) throw new Error(`connecting ${flags.clients} clients took over ${CONNECT_TIMEOUT_MS / 1000} s`);
      const batch = await Promise.all(
        Array.from({ length: Math.min(CONNECT_CONCURRENCY, flags.clients - first) }, async (_, offset) => {
          const index = first + offset;
          const student = students[index]!;
          const writer = new LoadWriter(serverFor(index).url, names[index % names.length]!, await sessionCookie(student), student.id);
          await writer.join();
          return writer;
        }),
      );
      writers.push(...batch);
    }
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    console.error(`  ${target}: ${writers.length} clients connected in ${connectSeconds.toFixed(1)} s; posting for ${flags.duration} s`);

    // Each writer posts every C/rate seconds, starting at a random point of its first period.
    const periodMs = (1000 * flags.clients) / flags.rate;
    const generatorLoop = monitorEventLoopDelay({ resolution: 5 });
    generatorLoop.enable();
    const databaseCpu = await databaseCpuClock(db);
    const cpuBefore = await Promise.all(servers.map(async (server) => (await server.stats(true)).cpuMicros));
    const databaseCpuBefore = databaseCpu?.() ?? 0;
    const rssPeak = servers.map(() => 0);
    const sampleRss = async () => {
      for (const [index, server] of servers.entries()) rssPeak[index] = Math.max(rssPeak[index]!, (await server.stats()).rssBytes);
    };
    const rssTimer = setInterval(() => void sampleRss(), 2000);
    const endAt = performance.now() + flags.duration * 1000;
    const intervals: NodeJS.Timeout[] = [];
    const starts = writers.map((writer, index) => {
      let sequence = 0;
      const post = () => {
        if (performance.now() >= endAt || writer.closed) return;
        const at = performance.now();
        sentAt.set(writer.post(`Load comment ${sequence++} from client ${index}.`), at);
      };
      return setTimeout(() => {
        post();
        intervals.push(setInterval(post, periodMs));
      }, Math.random() * periodMs);
    });
    await pause(flags.duration * 1000);
    for (const timer of [...starts, ...intervals]) clearTimeout(timer);
    // Whatever has not arrived within the drain time counts as lost.
    // The same for acknowledgements: the last comments' may still be on their way when they have arrived.
    const answered = () => writers.every((writer) => writer.closed || writer.saved + writer.notSaved >= writer.posted);
    await waitFor(() => arrivals.size >= sentAt.size && answered(), "the last comments and their acknowledgements", DRAIN_TIMEOUT_MS).catch(() => {});
    clearInterval(rssTimer);
    await sampleRss();
    const loops = await Promise.all(servers.map((server) => server.stats()));
    const databaseCpuSeconds = databaseCpu ? databaseCpu() - databaseCpuBefore : null;
    generatorLoop.disable();
    return {
      target,
      sent: sentAt.size,
      arrived: [...arrivals.values()],
      lost: sentAt.size - arrivals.size,
      saved: writers.reduce((sum, writer) => sum + writer.saved, 0),
      unanswered: writers.reduce((sum, writer) => sum + writer.posted - writer.saved - writer.notSaved, 0),
      refused: writers.reduce((sum, writer) => sum + writer.refused, 0),
      disconnected: writers.filter((writer) => writer.closed).length,
      observerTrouble: observers.flatMap((observer, index) => [
        ...(observer.closed ? [`the observer of reading ${index + 1} was disconnected`] : []),
        ...(observer.doc.store.pendingStructs ? [`the observer of reading ${index + 1} holds updates whose predecessors never arrived`] : []),
      ]),
      connectSeconds,
      servers: loops.map((stats, index) => ({ rssPeakBytes: rssPeak[index]!, eventLoopMaxMs: stats.eventLoop.maxMs })),
      generatorEventLoopMaxMs: generatorLoop.max / 1e6,
      serverCpuSeconds: loops.reduce((sum, stats, index) => sum + (stats.cpuMicros - cpuBefore[index]!) / 1e6, 0),
      databaseCpuSeconds,
    };
  } finally {
    for (const timer of timersToClear) clearInterval(timer);
    for (const server of servers) await server.stop();
    for (const writer of writers) writer.close();
    for (const observer of observers) observer.close();
  }
}

const started = performance.now();
const cluster = await startBenchCluster();
let failure: Error | undefined;
const results: Result[] = [];
const skipped: string[] = [];
try {
  for (const target of targets) {
    if (target === "redis" && !(await redisAnswers(String(flags.redis)))) {
      skipped.push(`two instances through Redis: skipped, nothing answers at ${flags.redis} (start a Redis or pass --redis URL)`);
      console.error(`  ${skipped.at(-1)}`);
      continue;
    }
    const database = await cluster.database();
    try {
      results.push(await runTarget(target, database));
    } finally {
      await database.drop();
    }
  }
} catch (error) {
  failure = error as Error;
} finally {
  await cluster.stop();
}
// After the cluster is gone: a failed run leaves no database server behind.
if (failure) fail(failure.message);

const label: Record<Target, string> = { real: "Marginalia", stock: "stock Hocuspocus", redis: "Marginalia, 2 instances + Redis" };
console.log(
  `\nLoad: ${flags.clients} clients on ${flags.readings} readings, ${flags.rate} comments/s in all for ${flags.duration} s; ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}`,
);
console.log(
  `| target | sent | arrival p50 / p99 / max | lost (not seen ${DRAIN_TIMEOUT_MS / 1000} s after the last post) | unacknowledged (likewise) | refused | server RSS (peak) | server event-loop max | generator event-loop max | CPU per comment: server / database |`,
);
console.log("|---|---|---|---|---|---|---|---|---|---|");
/** Milliseconds of CPU per comment sent. */
const perComment = (seconds: number | null, sent: number) => (seconds === null ? "n/a" : `${((1000 * seconds) / Math.max(1, sent)).toFixed(2)} ms`);
for (const result of results) {
  const { p50, p99, max } = summary(result.arrived);
  console.log(
    `| ${label[result.target]} | ${result.sent} | ${formatMs(p50)} / ${formatMs(p99)} / ${formatMs(max)} | ${result.lost} | ${result.unanswered} | ${result.refused} | ${result.servers.map((server) => formatMiB(server.rssPeakBytes)).join(" + ")} | ${result.servers.map((server) => formatMs(server.eventLoopMaxMs)).join(", ")} | ${formatMs(result.generatorEventLoopMaxMs)} | ${perComment(result.serverCpuSeconds, result.sent)} / ${perComment(result.databaseCpuSeconds, result.sent)} |`,
  );
}
for (const line of skipped) console.log(line);
for (const result of results) {
  if (result.disconnected > 0) console.log(`${label[result.target]}: ${result.disconnected} clients were disconnected during the run`);
  for (const trouble of result.observerTrouble) console.log(`${label[result.target]}: ${trouble}`);
}
const real = results.find((result) => result.target === "real");
const stock = results.find((result) => result.target === "stock");
if (real && stock) {
  const realP99 = summary(real.arrived).p99;
  const stockP99 = summary(stock.arrived).p99;
  const met = realP99 <= 2 * stockP99 && real.lost === 0;
  console.log(`\nGoal: p99 within 2x of stock Hocuspocus's, nothing lost: ${formatMs(realP99)} vs ${formatMs(stockP99)} (${(realP99 / stockP99).toFixed(1)}x), ${real.lost} lost: ${met ? "met" : "NOT met"}`);
}
console.log(`(run took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
process.exit(0);
