// Compaction and projection of one document, run whole inside the Yjs worker thread (yjs-worker.mjs) on a
// database client of the worker's own. Measured on a 5,000-comment reading (a 1.8 MB state): run on the
// main thread, moving the state, the log and the new state through the driver cost the event loop 55-115 ms
// per compaction, which every other document's updates waited behind; here it costs one message each way.
import { createDb, type Db } from "../db/client.ts";
import { compactDocument } from "./compact-document.ts";
import { parseDocumentName } from "./document-name.ts";
import { markProjected } from "./document-store.ts";
import { KINDS } from "./kinds/index.ts";

export interface CompactionJob {
  databaseUrl: string;
  name: string;
  /** The last connection left: a draft then records a revision. */
  unloaded: boolean;
}

// One client per database, closed after a quiet spell so that an idle worker holds no connections (tests
// drop their databases; the app's own stays warm while documents change).
const IDLE_CLOSE_MS = 10_000;
const clients = new Map<string, { db: Db; users: number; idle?: NodeJS.Timeout }>();

async function withDb<T>(url: string, run: (db: Db) => Promise<T>): Promise<T> {
  let client = clients.get(url);
  if (!client) {
    client = { db: createDb(url), users: 0 };
    clients.set(url, client);
  }
  const held = client;
  clearTimeout(held.idle);
  held.users++;
  try {
    return await run(held.db);
  } finally {
    held.users--;
    if (held.users === 0) {
      held.idle = setTimeout(() => {
        clients.delete(url);
        void held.db.$disconnect().catch(() => {});
      }, IDLE_CLOSE_MS);
      held.idle.unref();
    }
  }
}

/**
 * Folds the document's log into its state, rebuilds its projection from exactly what was stored, then
 * records the projected version (a crash in between is repaired at the next start).
 */
export async function compactAndProject(job: CompactionJob): Promise<{ folded: number; version: number }> {
  return withDb(job.databaseUrl, async (db) => {
    const { state, folded, version } = await compactDocument(db, job.name);
    const ref = parseDocumentName(job.name);
    if (ref) await KINDS[ref.kind].project({ db, id: ref.id, state, unloaded: job.unloaded });
    await markProjected(db, job.name, version);
    return { folded, version };
  });
}

export const workerJobs = { compactAndProject };
export type WorkerJobs = typeof workerJobs;
