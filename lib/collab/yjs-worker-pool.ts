// The main thread's side of the Yjs worker (yjs-worker.mjs): one worker thread per process, started on
// first use, restarted if it dies. Yjs tasks run one at a time in the order they were asked for; a
// compaction job's database waits let other tasks run meanwhile.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker, workerData } from "node:worker_threads";
import type { WorkerJobs } from "./compaction-job.ts";
import type { YjsTasks } from "./yjs-worker-tasks.ts";

type Tasks = YjsTasks & WorkerJobs;
type TaskName = keyof Tasks;
type Result<Name extends TaskName> = Awaited<ReturnType<Tasks[Name]>>;

/** Set in the worker's workerData: code running there (a compaction job's projection) runs tasks inline. */
const IN_WORKER = "marginaliaYjsWorker";
interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Running {
  thread: Worker;
  tasks: Map<number, Pending>;
}

let running: Running | null = null;
let nextId = 1;

function workerPath(): string {
  // Resolved at call time from this file's location (not `new URL(..., import.meta.url)`, which a bundler
  // would try to follow); the worker runs only in the server process, never inside the page bundle.
  return path.join(path.dirname(fileURLToPath(import.meta.url)), "yjs-worker.mjs");
}

/**
 * The worker's young generation (MB). A compaction job's intermediate data (log rows, query results, a
 * fold's encoding) lives for the job's few milliseconds; with V8's default young generation a scavenge
 * often fell inside a job and copied all of it, and the parallel scavenges and the marking that follows
 * ran on the V8 helper threads, on the same two cores as the event loop. Measured with `npm run
 * bench:load -- --targets real` and per-thread CPU from /proc over 40 s of posting: helper threads 2.10 s
 * with the default, 1.65 s with 96 MB (peak RSS about 50 MB higher).
 */
const WORKER_YOUNG_GENERATION_MB = 96;

function startWorker(): Running {
  // execArgv is emptied: the worker registers tsx on its own, whatever loaders the parent runs under.
  const worker = new Worker(workerPath(), { execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB }, workerData: { [IN_WORKER]: true } });
  const started: Running = { thread: worker, tasks: new Map() };
  const failAll = (error: Error) => {
    if (running === started) running = null;
    for (const task of started.tasks.values()) task.reject(error);
    started.tasks.clear();
  };
  started.thread.on("message", (message: { id?: number; ok?: boolean; result?: unknown; message?: string }) => {
    if (message.id === undefined) return;
    const task = started.tasks.get(message.id);
    started.tasks.delete(message.id);
    // An idle worker does not keep the process alive.
    if (started.tasks.size === 0) started.thread.unref();
    if (message.ok) task?.resolve(message.result);
    else task?.reject(new Error(message.message ?? "Yjs worker task failed"));
  });
  started.thread.on("error", failAll);
  started.thread.on("exit", (code) => failAll(new Error(`Yjs worker exited (${code})`)));
  started.thread.unref();
  return started;
}

/**
 * Runs one task of yjs-worker-tasks.ts in the worker. Inputs are copied to the worker (pass fresh
 * Uint8Arrays: a Buffer from a pool would copy its whole pool).
 */
export function runYjsTask<Name extends TaskName>(task: Name, input: Parameters<Tasks[Name]>[0]): Promise<Result<Name>> {
  if ((workerData as Record<string, unknown> | null)?.[IN_WORKER]) return runInline(task, input);
  running ??= startWorker();
  const current = running;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    current.tasks.set(id, { resolve: resolve as (value: unknown) => void, reject });
    current.thread.ref();
    current.thread.postMessage({ id, task, input });
  });
}

async function runInline<Name extends TaskName>(task: Name, input: Parameters<Tasks[Name]>[0]): Promise<Result<Name>> {
  const [{ yjsTasks }, { workerJobs }] = await Promise.all([import("./yjs-worker-tasks.ts"), import("./compaction-job.ts")]);
  const tasks = { ...yjsTasks, ...workerJobs } as Record<TaskName, (input: unknown) => unknown>;
  return (await tasks[task](input)) as Result<Name>;
}

/** Starts the worker ahead of the first task (its start, which loads Yjs and the editor schema, takes a moment). */
export function warmYjsWorker(): void {
  running ??= startWorker();
}

/** Stops the worker (tests, shutdown); the next task starts a new one. */
export async function stopYjsWorker(): Promise<void> {
  const current = running;
  running = null;
  await current?.thread.terminate();
}

/** A copy of the bytes in an ArrayBuffer of their own (a driver's Buffer may be a view on a shared pool). */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}
