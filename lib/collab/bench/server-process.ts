// Benchmarks time servers that run in processes of their own (lib/collab/testing/serve.mts), so that the
// clients doing the timing never share the server's event loop; this starts one and reads its numbers.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";

export type ServerMode = "real" | "stock";

export interface ServerStats {
  rssBytes: number;
  /** CPU time the server process has used since it started, all its threads (the compaction worker too), in µs. */
  cpuMicros: number;
  /** Event-loop delay since the last reset (monitorEventLoopDelay), in ms. */
  eventLoop: { maxMs: number; p99Ms: number; meanMs: number };
  /** Compaction jobs waiting or running (the real server; 0 for stock). */
  jobs: number;
}

export interface ServerProcess {
  /** The websocket URL clients connect to. */
  url: string;
  /** RSS and event-loop delay; `reset` starts a new event-loop window. */
  stats(reset?: boolean): Promise<ServerStats>;
  /** Asks the real server to fold a document's log into its state now, whatever its size. */
  fold(name: string): void;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  mode: ServerMode;
  databaseUrl: string;
  /** Compaction quiet time of the real server (ms). */
  compactAfterMs?: number;
  redisUrl?: string;
}

const SERVE_SCRIPT = path.join(import.meta.dirname, "../testing/serve.mts");
const START_TIMEOUT_MS = 30_000;
/**
 * V8's memory reducer shrinks the heap once allocation slows, with compacting collections whose final
 * pause grew with the heap: 156 ms on a server holding two 5,000-comment readings (`--trace-gc`). A server
 * keeps its heap instead.
 */
const SERVER_V8_FLAGS = ["--no-memory-reducer"];

export async function startServerProcess(options: StartServerOptions): Promise<ServerProcess> {
  const child: ChildProcess = fork(SERVE_SCRIPT, [], {
    // The real server runs with the V8 flag `npm start` gives it (see package.json and the README); stock
    // Hocuspocus with Node's defaults.
    execArgv: options.mode === "stock" ? ["--import", "tsx"] : ["--import", "tsx", ...SERVER_V8_FLAGS],
    env: {
      ...process.env,
      MODE: options.mode,
      PORT: "0",
      DATABASE_URL: options.databaseUrl,
      COMPACT_AFTER_MS: String(options.compactAfterMs ?? 1000),
      REDIS_URL: options.redisUrl ?? "",
    },
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the ${options.mode} server did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /ready (\d+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(Number(ready[1]));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the ${options.mode} server exited before it was ready (code ${code})`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: options.mode === "real" ? `ws://127.0.0.1:${port}/collab` : `ws://127.0.0.1:${port}`,
    stats: (reset = false) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("the server did not answer a stats request within 30 s")), 30_000);
        const onMessage = (message: { type?: string } & ServerStats) => {
          if (message.type !== "stats") return;
          child.off("message", onMessage);
          clearTimeout(timer);
          resolve({ rssBytes: message.rssBytes, cpuMicros: message.cpuMicros, eventLoop: message.eventLoop, jobs: message.jobs });
        };
        child.on("message", onMessage);
        child.send({ type: "stats", reset });
      }),
    fold: (name) => {
      child.send({ type: "fold", name });
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      child.send({ type: "stop" });
      const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
