// Postgres persistence of live documents: an append-only log of accepted updates, written before the
// server acknowledges them, and a compacted state (compaction: compact-document.ts, server side only).
import * as Y from "yjs";
import type { Db } from "../db/client.ts";
import { Prisma } from "../db/generated/client.ts";

export interface StoredDocument {
  /** The whole document as one Yjs update (state plus every logged update), or null when new. */
  update: Uint8Array | null;
  /** Logged updates not yet folded into the state. */
  pendingUpdates: number;
}

export async function loadDocument(db: Db, name: string): Promise<StoredDocument> {
  // The log before the state, one after the other: a compaction committing in between then shows its
  // updates twice (harmless, Yjs applies an update once), where the other order could miss them (an old
  // state read before the fold, an emptied log after it).
  const updates = await db.documentUpdate.findMany({ where: { documentName: name }, orderBy: { id: "asc" }, select: { update: true } });
  const state = await db.liveDocument.findUnique({ where: { name }, select: { state: true } });
  const parts = [...(state ? [state.state] : []), ...updates.map((row) => row.update)].map((bytes) => new Uint8Array(bytes));
  if (parts.length === 0) return { update: null, pendingUpdates: 0 };
  return { update: parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts), pendingUpdates: updates.length };
}

export interface AppendInput {
  name: string;
  update: Uint8Array;
  userId: string | null;
}

interface QueuedAppend extends AppendInput {
  resolve(): void;
  reject(error: unknown): void;
}

// Group commit: appends that arrive while an INSERT is in flight wait for it and then share the next
// one, so the log keeps up with many writers at one commit per round trip instead of one per update.
// One INSERT at a time per client keeps the log in arrival order.
const MAX_BATCH_ROWS = 1000;
const MAX_BATCH_BYTES = 8 * 1024 * 1024;

class AppendQueue {
  private queue: QueuedAppend[] = [];
  private flushing = false;

  constructor(private readonly db: Db) {}

  add(input: AppendInput): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...input, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private takeBatch(): QueuedAppend[] {
    let bytes = 0;
    let count = 0;
    while (count < this.queue.length && count < MAX_BATCH_ROWS && (count === 0 || bytes + this.queue[count]!.update.byteLength <= MAX_BATCH_BYTES)) {
      bytes += this.queue[count]!.update.byteLength;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.takeBatch();
      try {
        // VALUES rows take their ids in list order, so the log keeps arrival order within a batch too.
        const rows = batch.map((entry) => Prisma.sql`(${entry.name}, ${Buffer.from(entry.update)}, ${entry.userId})`);
        await this.db.$executeRaw`INSERT INTO "DocumentUpdate" ("documentName", "update", "userId") VALUES ${Prisma.join(rows)}`;
        for (const entry of batch) entry.resolve();
      } catch (error) {
        // Nobody in the batch is acknowledged; their clients resend after reconnecting.
        for (const entry of batch) entry.reject(error);
      }
    }
    this.flushing = false;
  }
}

const queues = new WeakMap<Db, AppendQueue>();

/**
 * Appends an accepted update to the document's log. Resolves only once the transaction holding it has
 * committed (concurrent appends on one client share a transaction), so an acknowledgement sent after
 * it can never be lost.
 */
export function appendUpdate(db: Db, input: AppendInput): Promise<void> {
  let queue = queues.get(db);
  if (!queue) {
    queue = new AppendQueue(db);
    queues.set(db, queue);
  }
  return queue.add(input);
}

/** Records that the projection of `version` is stored (never moves back). */
export async function markProjected(db: Db, name: string, version: number): Promise<void> {
  await db.$executeRaw`UPDATE "LiveDocument" SET "projectedVersion" = GREATEST("projectedVersion", ${version}) WHERE name = ${name}`;
}

/**
 * Documents a crash left behind: logged updates not yet folded into the state, or a state whose
 * projection was not stored.
 */
export async function documentsToRecover(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ name: string }>>`
    SELECT DISTINCT "documentName" AS name FROM "DocumentUpdate"
    UNION
    SELECT name FROM "LiveDocument" WHERE "projectedVersion" < version
    ORDER BY name`;
  return rows.map((row) => row.name);
}
