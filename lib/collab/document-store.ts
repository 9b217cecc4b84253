// Postgres persistence of live documents: an append-only log of accepted updates, written before the
// server acknowledges them, and a compacted state (compaction: compact-document.ts, server side only).
import pg from "pg";
import * as Y from "yjs";
import { databaseUrlOf, type Db } from "../db/client.ts";

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
// One INSERT at a time keeps the log in arrival order. An append that finds the log idle waits up to
// GATHER_MS for company (or until GATHER_ROWS have come), as Postgres's own commit_delay does: under a
// class's steady trickle of comments, ~9 ms apart, commits otherwise carry one row each, and every
// commit wakes the database. Measured with `npm run bench:load` (560 clients, 110 comments/s): the
// database's CPU per comment fell from 0.73–0.76 to 0.56–0.61 ms. Only the writer's "saved" acknowledgement
// waits; readers have the comment before the INSERT is even prepared (persistence.ts).
//
// The INSERT goes through node-postgres (the driver under Prisma's adapter) on a connection of the log's
// own, as one prepared statement whatever the batch size: the batch travels as three arrays, unnested in
// order. Under a class's load, Prisma's query interpreter cost the event loop more than the INSERT's
// own driver work (a CPU profile of `npm run bench:load`: 1.5 s of the 15 s the server was busy).
const GATHER_MS = 10;
const GATHER_ROWS = 32;
const MAX_BATCH_ROWS = 1000;
const MAX_BATCH_BYTES = 8 * 1024 * 1024;
/** The log's connection is closed after this long without appends (a test's database can then be dropped). */
const IDLE_CLOSE_MS = 10_000;
const INSERT_BATCH = {
  name: "marginalia-append-document-updates",
  text: `INSERT INTO "DocumentUpdate" ("documentName", "update", "userId")
         SELECT name, bytes, author FROM unnest($1::text[], $2::bytea[], $3::text[]) WITH ORDINALITY AS batch(name, bytes, author, position)
         ORDER BY position`,
};

class AppendQueue {
  private queue: QueuedAppend[] = [];
  private flushing = false;
  private gathering: NodeJS.Timeout | undefined;
  private client: Promise<pg.Client> | null = null;
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly databaseUrl: string) {}

  add(input: AppendInput): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...input, resolve, reject });
      if (this.flushing) return;
      if (this.queue.length >= GATHER_ROWS) {
        clearTimeout(this.gathering);
        void this.flush();
      } else if (this.queue.length === 1) {
        this.gathering = setTimeout(() => void this.flush(), GATHER_MS);
      }
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

  private connection(): Promise<pg.Client> {
    if (!this.client) {
      const client = new pg.Client({ connectionString: this.databaseUrl });
      // A connection that breaks is dropped; the next batch opens a new one.
      client.on("error", () => this.drop(client));
      this.client = client.connect().then(
        () => client,
        (error: unknown) => {
          this.client = null;
          throw error;
        },
      );
    }
    return this.client;
  }

  private drop(client: pg.Client): void {
    void this.client?.then((current) => {
      if (current === client) this.client = null;
    }, () => {});
    void client.end().catch(() => {});
  }

  /** Inserts a batch in one statement; returns what went wrong, or null once it has committed. */
  private async insert(batch: QueuedAppend[]): Promise<unknown> {
    let client: pg.Client | null = null;
    try {
      client = await this.connection();
      await client.query({ ...INSERT_BATCH, values: [batch.map((entry) => entry.name), batch.map((entry) => Buffer.from(entry.update)), batch.map((entry) => entry.userId)] });
      return null;
    } catch (error) {
      if (client && !(error instanceof pg.DatabaseError)) this.drop(client);
      return error ?? new Error("the log's INSERT failed");
    }
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    this.gathering = undefined;
    clearTimeout(this.idle);
    while (this.queue.length > 0) {
      const batch = this.takeBatch();
      const failure = await this.insert(batch);
      if (failure === null) for (const entry of batch) entry.resolve();
      else if (batch.length > 1 && failure instanceof pg.DatabaseError) {
        // The statement failed as a whole, perhaps over one row the database refuses: each row is tried
        // alone, so that one bad append cannot hold back the others it happened to share a batch with.
        for (const entry of batch) {
          const alone = await this.insert([entry]);
          if (alone === null) entry.resolve();
          else entry.reject(alone);
        }
      } else {
        // Nobody in the batch is acknowledged (persistence retries).
        for (const entry of batch) entry.reject(failure);
      }
    }
    this.flushing = false;
    this.idle = setTimeout(() => {
      const client = this.client;
      this.client = null;
      void client?.then((open) => open.end()).catch(() => {});
    }, IDLE_CLOSE_MS);
    this.idle.unref();
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
    queue = new AppendQueue(databaseUrlOf(db));
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
