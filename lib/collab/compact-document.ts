// Compaction folds a document's log into its state from the database alone (never from a server's
// in-memory copy), so a document that failed to load can never overwrite what is stored. The Yjs work
// runs in the worker thread; this module is for the collaboration server only (the page bundle must not
// reach the worker).
import * as Y from "yjs";
import type { Db } from "../db/client.ts";
import { ownBytes, runYjsTask } from "./yjs-worker-pool.ts";

type Tx = Pick<Db, "$executeRaw">;

/** What a document that was never compacted holds: an empty state, version 0. */
export const EMPTY_STATE = Y.encodeStateAsUpdate(new Y.Doc());

/** Creates the document's stored row (empty state, version 0) if it has none, so that it can be locked. */
export async function ensureDocumentRow(tx: Tx, name: string): Promise<void> {
  await tx.$executeRaw`INSERT INTO "LiveDocument" (name, state) VALUES (${name}, ${Buffer.from(EMPTY_STATE)}) ON CONFLICT (name) DO NOTHING`;
}

/**
 * Stores a fold: the new state and version, and deletes exactly the log rows folded into it (an update
 * committed meanwhile, a lower id can commit later, stays for next time). Inside the transaction that
 * holds the document's row lock.
 */
export async function storeFold(tx: Tx, fold: { name: string; state: Uint8Array; version: number; ids: string[] }): Promise<void> {
  const { name, state, version, ids } = fold;
  await tx.$executeRaw`UPDATE "LiveDocument" SET state = ${Buffer.from(state.buffer, state.byteOffset, state.byteLength)}, "compactedAt" = now() AT TIME ZONE 'UTC', version = ${version} WHERE name = ${name}`;
  await tx.$executeRaw`DELETE FROM "DocumentUpdate" WHERE id = ANY(${ids}::bigint[])`;
}

export interface CompactionResult {
  /** The stored state after compaction. */
  state: Uint8Array;
  /** How many logged updates were folded into it. */
  folded: number;
  /** The document's version after compaction (bumped when something was folded). */
  version: number;
}

/**
 * Folds the logged updates of one document into its state, in one transaction that holds the
 * document's row lock (several instances may compact the same document). The Yjs work runs in the
 * worker thread. Returns the new state so that projections can be rebuilt from exactly what was stored.
 */
export async function compactDocument(db: Db, name: string): Promise<CompactionResult> {
  return db.$transaction(
    async (tx) => {
      await ensureDocumentRow(tx, name);
      const rows = await tx.$queryRaw<Array<{ state: Uint8Array; version: number }>>`SELECT state, version FROM "LiveDocument" WHERE name = ${name} FOR UPDATE`;
      // The log arrives as one length-prefixed value (decoded natively, handed to the worker as is)
      // rather than a row per update, which the driver would decode one by one on the event loop.
      const [log] = await tx.$queryRaw<Array<{ packed: Uint8Array; ids: string[] }>>`
        SELECT coalesce(string_agg(int4send(length("update")) || "update", ''::bytea ORDER BY id), ''::bytea) AS packed,
               coalesce(array_agg(id::text ORDER BY id), '{}') AS ids
        FROM "DocumentUpdate" WHERE "documentName" = ${name}`;
      const stored = ownBytes(rows[0]!.state);
      const ids = log!.ids;
      if (ids.length === 0) return { state: stored, folded: 0, version: rows[0]!.version };
      const state = await runYjsTask("foldUpdates", { state: stored, packedUpdates: ownBytes(log!.packed) });
      const version = rows[0]!.version + 1;
      await storeFold(tx, { name, state, version, ids });
      return { state, folded: ids.length, version };
    },
    { timeout: 30_000 },
  );
}
