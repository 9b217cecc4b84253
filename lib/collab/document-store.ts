// Postgres persistence of live documents: an append-only log of accepted updates, written before the
// server acknowledges them, and a compacted state. Compaction folds the log into the state from the
// database alone (never from a server's in-memory copy), so a document that failed to load can never
// overwrite what is stored.
import * as Y from "yjs";
import type { Db } from "../db/client.ts";

export interface StoredDocument {
  /** The whole document as one Yjs update (state plus every logged update), or null when new. */
  update: Uint8Array | null;
  /** Logged updates not yet folded into the state. */
  pendingUpdates: number;
}

export async function loadDocument(db: Db, name: string): Promise<StoredDocument> {
  const [state, updates] = await Promise.all([
    db.liveDocument.findUnique({ where: { name }, select: { state: true } }),
    db.documentUpdate.findMany({ where: { documentName: name }, orderBy: { id: "asc" }, select: { update: true } }),
  ]);
  const parts = [...(state ? [state.state] : []), ...updates.map((row) => row.update)].map((bytes) => new Uint8Array(bytes));
  if (parts.length === 0) return { update: null, pendingUpdates: 0 };
  return { update: parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts), pendingUpdates: updates.length };
}

export async function appendUpdate(db: Db, input: { name: string; update: Uint8Array; userId: string | null }): Promise<void> {
  await db.documentUpdate.create({ data: { documentName: input.name, update: Buffer.from(input.update), userId: input.userId } });
}

/**
 * Folds the logged updates of one document into its state, in one transaction that holds the
 * document's row lock (several instances may compact the same document). Returns the new state so
 * that projections can be rebuilt from exactly what was stored.
 */
export async function compactDocument(db: Db, name: string): Promise<{ state: Uint8Array; folded: number }> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`INSERT INTO "LiveDocument" (name, state) VALUES (${name}, ${Buffer.from(Y.encodeStateAsUpdate(new Y.Doc()))}) ON CONFLICT (name) DO NOTHING`;
      const rows = await tx.$queryRaw<Array<{ state: Uint8Array }>>`SELECT state FROM "LiveDocument" WHERE name = ${name} FOR UPDATE`;
      const updates = await tx.documentUpdate.findMany({ where: { documentName: name }, orderBy: { id: "asc" }, select: { id: true, update: true } });
      const doc = new Y.Doc();
      Y.applyUpdate(doc, new Uint8Array(rows[0]!.state));
      for (const row of updates) Y.applyUpdate(doc, new Uint8Array(row.update));
      const state = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      if (updates.length > 0) {
        await tx.liveDocument.update({ where: { name }, data: { state: Buffer.from(state), compactedAt: new Date() } });
        // Exactly the rows read: an update committed meanwhile (a lower id can commit later) stays for next time.
        await tx.documentUpdate.deleteMany({ where: { id: { in: updates.map((row) => row.id) } } });
      }
      return { state, folded: updates.length };
    },
    { timeout: 30_000 },
  );
}

/** Names of documents with logged updates waiting for compaction (after a crash, say). */
export async function documentsWithPendingUpdates(db: Db): Promise<string[]> {
  const rows = await db.documentUpdate.findMany({ distinct: ["documentName"], select: { documentName: true } });
  return rows.map((row) => row.documentName);
}
