// Compaction and projection of one document, run whole inside the Yjs worker thread (yjs-worker.mjs) on a
// database client of the worker's own. Measured on a 5,000-comment reading (a 1.8 MB state): run on the
// main thread, moving the state, the log and the new state through the driver cost the event loop 55-115 ms
// per compaction, which every other document's updates waited behind; here it costs one message each way.
//
// The worker keeps a copy of each busy document: the stored state of one version plus the log rows applied
// to it since. A job reads and applies only the rows the copy has not seen, notes which entries they
// changed, and projects just those (kinds with projectChanges): one new comment on a reading of thousands
// costs one comment's work. The whole document is read, and its projection rebuilt, only when the copy is
// missing or stale (first job after a start, another instance folded it, evicted). Folding the log into the
// stored state re-encodes and rewrites the whole document, so it waits until the log holds FOLD_AFTER_ROWS
// rows or a quarter of the state's bytes (each logged byte is then rewritten a bounded number of times) and
// at least FOLD_AT_LEAST_BYTES (a small document is not rewritten, one more commit, after every comment),
// or until it is asked for: the document unloads, the server stops, recovery at start.
import * as Y from "yjs";
import { createDb, type Db } from "../db/client.ts";
import { EMPTY_STATE, ensureDocumentRow, storeFold } from "./compact-document.ts";
import { parseDocumentName } from "./document-name.ts";
import { markProjected } from "./document-store.ts";
import { KINDS } from "./kinds/index.ts";
import { rootName, type SharedType } from "./check/shadow-guard.ts";
import { ownBytes } from "./yjs-worker-pool.ts";
import { unpackUpdates, type ChangedEntries } from "./yjs-worker-tasks.ts";

export interface CompactionJob {
  databaseUrl: string;
  name: string;
  /** The last connection left: a draft then records a revision. */
  unloaded: boolean;
  /** Fold the log into the state now (unload, shutdown, recovery), not only once it has grown. */
  fold: boolean;
}

export interface CompactionOutcome {
  /** Logged updates folded into the state by this job. */
  folded: number;
  /** The document's stored version after the job. */
  version: number;
  /** Logged updates left unfolded (projected, waiting for a fold). */
  pending: number;
}

/** Rows in the log that make a fold due whatever their size (loading applies each one). */
export const FOLD_AFTER_ROWS = 500;
/** The log's bytes, times this, reaching the state's bytes make a fold due... */
const FOLD_AT_LOG_SHARE = 4;
/** ...once the log holds at least this much. */
export const FOLD_AT_LEAST_BYTES = 64 * 1024;
const CACHE_MOST_DOCUMENTS = 32;
const CACHE_MOST_BYTES = 64 * 1024 * 1024;

interface DocumentCopy {
  doc: Y.Doc;
  /** The stored version the copy started from, and its state's length: a reset database shows as a change. */
  version: number;
  stateBytes: number;
  /** Log rows applied since that state (ids as text), and their bytes. */
  applied: Set<string>;
  logBytes: number;
}

// Most recently used last. Keyed by database and document: tests run many databases through one worker.
const copies = new Map<string, DocumentCopy>();

function forget(key: string): void {
  copies.get(key)?.doc.destroy();
  copies.delete(key);
}

function keep(key: string, copy: DocumentCopy): void {
  copies.delete(key);
  copies.set(key, copy);
  let bytes = 0;
  for (const held of copies.values()) bytes += held.stateBytes + held.logBytes;
  for (const [oldest, held] of copies) {
    if (copies.size <= CACHE_MOST_DOCUMENTS && bytes <= CACHE_MOST_BYTES) break;
    if (oldest === key) break;
    bytes -= held.stateBytes + held.logBytes;
    forget(oldest);
  }
}

// One client per database, closed after a quiet spell so that an idle worker holds no connections (tests
// drop their databases; the app's own stays warm while documents change). The document copies of that
// database go with it.
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
        for (const key of [...copies.keys()]) if (key.startsWith(`${url} `)) forget(key);
        void held.db.$disconnect().catch(() => {});
      }, IDLE_CLOSE_MS);
      held.idle.unref();
    }
  }
}

interface LogRead {
  /** What the database holds now, to tell whether a copy is still of it. */
  version: number;
  stateBytes: number;
  /** How many of the copy's applied rows are still in the log. */
  present: number;
  /** The stored state, when asked for. */
  state: Uint8Array | null;
  /** The log rows not applied yet: each preceded by its length (4 bytes, big-endian), in id order. */
  packed: Uint8Array;
  ids: string[];
}

/**
 * The log rows a copy lacks, and the stored version to check the copy against, in one statement (one
 * snapshot: a fold by another instance between two reads could otherwise pair a state with the wrong rows).
 */
async function readLog(db: Pick<Db, "$queryRaw">, name: string, applied: string[], withState: boolean): Promise<LogRead> {
  const [row] = await db.$queryRaw<Array<{ version: number; stateBytes: number; present: number; state: Uint8Array | null; packed: Uint8Array; ids: string[] }>>`
    SELECT coalesce((SELECT version FROM "LiveDocument" WHERE name = ${name}), 0) AS version,
           coalesce((SELECT octet_length(state) FROM "LiveDocument" WHERE name = ${name}), ${EMPTY_STATE.byteLength}::int) AS "stateBytes",
           (SELECT count(*)::int FROM "DocumentUpdate" WHERE id = ANY(${applied}::bigint[])) AS present,
           CASE WHEN ${withState}::boolean THEN (SELECT state FROM "LiveDocument" WHERE name = ${name}) END AS state,
           coalesce(string_agg(int4send(length("update")) || "update", ''::bytea ORDER BY id), ''::bytea) AS packed,
           coalesce(array_agg(id::text ORDER BY id), '{}') AS ids
    FROM "DocumentUpdate" WHERE "documentName" = ${name} AND NOT (id = ANY(${applied}::bigint[]))`;
  return { ...row!, state: row!.state ? ownBytes(row!.state) : null, packed: ownBytes(row!.packed) };
}

/** The thread entries a transaction changed: keys of the root maps, or the entry a nested change sits in. */
function noteChanges(transaction: Y.Transaction, changed: ChangedEntries): void {
  const note = (root: string | null, key: string | null) => {
    if (key === null) return;
    if (root === "highlights") changed.highlights.add(key);
    else if (root === "comments") changed.comments.add(key);
    // A +1 is stored as `<commentId>|<userId>`: it changes its comment's count.
    else if (root === "reactions" && key.indexOf("|") > 0) changed.comments.add(key.slice(0, key.indexOf("|")));
  };
  for (const [type, keys] of transaction.changed) {
    if (type._item === null) {
      const root = rootName(type);
      for (const key of keys) note(root, key);
      continue;
    }
    let entry: SharedType = type;
    while (entry._item !== null && (entry._item.parent as SharedType)._item !== null) entry = entry._item.parent as SharedType;
    if (entry._item !== null) note(rootName(entry._item.parent as SharedType), entry._item.parentSub);
  }
}

/** Applies packed log rows to the copy; with `changed`, notes which thread entries they touched. Returns how many were new. */
function applyRows(copy: DocumentCopy, packed: Uint8Array, ids: string[], changed: ChangedEntries | null): number {
  const onAfterTransaction = (transaction: Y.Transaction) => {
    if (changed) noteChanges(transaction, changed);
  };
  copy.doc.on("afterTransaction", onAfterTransaction);
  let applied = 0;
  try {
    let index = 0;
    for (const update of unpackUpdates(packed)) {
      const id = ids[index++]!;
      if (copy.applied.has(id)) continue;
      Y.applyUpdate(copy.doc, update);
      copy.applied.add(id);
      copy.logBytes += update.byteLength;
      applied++;
    }
  } finally {
    copy.doc.off("afterTransaction", onAfterTransaction);
  }
  return applied;
}

class StaleCopy extends Error {}

/**
 * Folds the copy into the stored state under the document's row lock (several instances may compact the
 * same document), first applying whatever was logged since the job read the log. Deletes exactly the rows
 * folded: an update committed meanwhile (a lower id can commit later) stays for next time.
 */
async function fold(db: Db, name: string, copy: DocumentCopy, changed: ChangedEntries | null): Promise<{ folded: number; applied: number; state: Uint8Array | null }> {
  const result = await db.$transaction(
    async (tx) => {
      await ensureDocumentRow(tx, name);
      const [row] = await tx.$queryRaw<Array<{ version: number; stateBytes: number }>>`
        SELECT version, octet_length(state) AS "stateBytes" FROM "LiveDocument" WHERE name = ${name} FOR UPDATE`;
      if (row!.version !== copy.version || row!.stateBytes !== copy.stateBytes) throw new StaleCopy(`${name} was compacted elsewhere`);
      const late = await readLog(tx, name, [...copy.applied], false);
      const applied = applyRows(copy, late.packed, late.ids, changed);
      if (copy.applied.size === 0) return { folded: 0, applied, state: null, version: copy.version };
      const state = Y.encodeStateAsUpdate(copy.doc);
      const version = copy.version + 1;
      await storeFold(tx, { name, state, version, ids: [...copy.applied] });
      return { folded: copy.applied.size, applied, state, version };
    },
    { timeout: 30_000 },
  );
  if (result.state) {
    copy.version = result.version;
    copy.stateBytes = result.state.byteLength;
    copy.applied = new Set();
    copy.logBytes = 0;
  }
  return result;
}

async function refresh(db: Db, job: CompactionJob, key: string, again = false): Promise<CompactionOutcome> {
  const ref = parseDocumentName(job.name);
  const kind = ref ? KINDS[ref.kind] : null;
  const changed: ChangedEntries = { highlights: new Set(), comments: new Set() };
  let copy = copies.get(key);
  let read = copy ? await readLog(db, job.name, [...copy.applied], false) : null;
  // The whole document is read, and projected, when there is no copy or it is not of what is stored.
  const whole = !copy || !read || read.version !== copy.version || read.stateBytes !== copy.stateBytes || read.present !== copy.applied.size;
  if (whole) {
    forget(key);
    read = await readLog(db, job.name, [], true);
    copy = { doc: new Y.Doc(), version: read.version, stateBytes: read.state?.byteLength ?? EMPTY_STATE.byteLength, applied: new Set(), logBytes: 0 };
    if (read.state) Y.applyUpdate(copy.doc, read.state);
  }
  keep(key, copy!);
  let applied = applyRows(copy!, read!.packed, read!.ids, whole ? null : changed);

  let folded = 0;
  let state: Uint8Array | null = null;
  const due = copy!.applied.size >= FOLD_AFTER_ROWS || copy!.logBytes >= Math.max(FOLD_AT_LEAST_BYTES, copy!.stateBytes / FOLD_AT_LOG_SHARE);
  if (job.fold || (due && copy!.applied.size > 0)) {
    let result: Awaited<ReturnType<typeof fold>>;
    try {
      result = await fold(db, job.name, copy!, whole ? null : changed);
    } catch (error) {
      // Another instance folded the document since this job read it: start again from what is stored (once;
      // the rows this copy applied were folded there and are in the state it reads).
      if (!(error instanceof StaleCopy) || again) throw error;
      forget(key);
      return refresh(db, job, key, true);
    }
    folded = result.folded;
    state = result.state;
    applied += result.applied;
  }

  if (kind && ref) {
    if (whole || !kind.projectChanges) {
      if (whole || applied > 0 || job.unloaded) await kind.project({ db, id: ref.id, state: state ?? Y.encodeStateAsUpdate(copy!.doc), unloaded: job.unloaded });
    } else {
      await kind.projectChanges({ db, id: ref.id, doc: copy!.doc, changed });
    }
  }
  if (whole || folded > 0) await markProjected(db, job.name, copy!.version);
  const outcome = { folded, version: copy!.version, pending: copy!.applied.size };
  // A document that left this instance needs no copy here.
  if (job.unloaded) forget(key);
  return outcome;
}

/**
 * Brings the document's projection up to its log, folding the log into the state when that is due or
 * asked for, then records the projected version (a crash in between is repaired at the next start).
 */
export async function compactAndProject(job: CompactionJob): Promise<CompactionOutcome> {
  const key = `${job.databaseUrl} ${job.name}`;
  return withDb(job.databaseUrl, async (db) => {
    try {
      return await refresh(db, job, key);
    } catch (error) {
      // The copy may hold rows whose changes were not projected: the next job starts from what is stored.
      forget(key);
      throw error;
    }
  });
}

export const workerJobs = { compactAndProject };
export type WorkerJobs = typeof workerJobs;
