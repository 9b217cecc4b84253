// Worker thread entry for the heavy Yjs work (yjs-worker-tasks.ts) and for whole compactions with their
// database work (compaction-job.ts). Plain JavaScript so that Node loads it as is, in every way the app
// runs (tsx, vitest); it registers tsx itself to load the TypeScript.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

// Background work at a lower CPU priority (nice 10), this thread only: on a busy machine the event loop
// that answers every live update comes first, and a compaction takes a little longer. Linux gives each
// thread an id of its own to set this on; elsewhere the worker keeps the process's priority.
try {
  setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), 10);
} catch {
  // no per-thread priority here
}

register();
const { yjsTasks } = await import("./yjs-worker-tasks.ts");
const { workerJobs } = await import("./compaction-job.ts");
const tasks = { ...yjsTasks, ...workerJobs };

parentPort.on("message", async ({ id, task, input }) => {
  try {
    const result = await tasks[task](input);
    const transfer = result instanceof Uint8Array ? [result.buffer] : [];
    parentPort.postMessage({ id, ok: true, result }, transfer);
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
