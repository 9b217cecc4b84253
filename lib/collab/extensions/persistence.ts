// Durability: an update's append to Postgres starts in beforeSync, before Hocuspocus applies and
// broadcasts it, and the sender's acknowledgement waits for that append to commit (ack-gate.ts), so
// nothing a client was told is saved can be lost, even on kill -9; other readers do not wait for the
// disk. An append that fails is retried until it commits, since the live document already holds it.
// A little later the worker thread projects what the logged updates changed, and folds the log into the
// document state once it has grown (or when the document unloads, the server stops, or recovery asks);
// the projected version is recorded after, so that a crash in between is repaired at the next start
// (recover). All of it, database work included, runs in the worker thread (compaction-job.ts): a big
// document's compaction never holds up the event loop that every other document's updates go through.
// A document's next job waits at least SPACING times as long as its last one took, so that background
// work on one busy document stays a small share of the machine however big the document is; busy
// documents come due at spread-out times, and a process runs one job at a time (JobQueue).
import { createHash } from "node:crypto";
import type { afterUnloadDocumentPayload, beforeSyncPayload, Extension, onLoadDocumentPayload } from "@hocuspocus/server";
import * as Y from "yjs";
import { databaseUrlOf, type Db } from "../../db/client.ts";
import { holdAcknowledgement } from "../ack-gate.ts";
import { appendUpdate, documentsToRecover, loadDocument, type AppendInput } from "../document-store.ts";
import type { CollabContext } from "../context.ts";
import { runYjsTask, warmYjsWorker } from "../yjs-worker-pool.ts";
import { unchangedUpdates } from "./write-policy.ts";

const SYNC_STEP_1 = 0;

export interface PersistenceOptions {
  db: Db;
  /** Quiet time after the last update before compaction (ms). */
  compactAfterMs?: number;
  /** Longest a busy document waits for compaction (ms). */
  compactAtMostMs?: number;
  /** A compaction or an append failed; both are retried. */
  onError?: (error: unknown, documentName: string, during: "compaction" | "append") => void;
  /** Repair what a crash left behind (unfolded logs, stale projections) when the server starts; default on. */
  recoverAtStart?: boolean;
}

/** Waits between attempts at an append that failed: doubling from 100 ms up to 5 s. */
const RETRY_FIRST_MS = 100;
const RETRY_MOST_MS = 5_000;
/** A document's next compaction job waits at least this many times as long as its last one took. */
const SPACING = 10;

/** The bound of a busy document is spread over its last quarter, so documents that got busy together come due apart. */
const BOUND_SPREAD = 0.25;

/**
 * How long until a document's next compaction job: after `quiet` ms without updates, or SPACING times its
 * last job's duration if that is longer; never later than the document's bound after the first update it
 * waits for. The bound is `most` ms less up to a quarter of it, by the document's `spread` (0 to 1).
 */
export function compactionDelay(input: { quiet: number; most: number; firstAt: number; now: number; lastCostMs: number; spread?: number }): number {
  const wait = Math.max(input.quiet, SPACING * input.lastCostMs);
  const bound = input.most * (1 - BOUND_SPREAD * (input.spread ?? 0));
  return Math.max(0, Math.min(wait, input.firstAt + bound - input.now));
}

/** A number from 0 to 1 that a document's name always gives (the first 32 bits of its SHA-1), to spread its bound. */
export function spreadOf(name: string): number {
  return createHash("sha1").update(name).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * One compaction job at a time per process, in the order they came due. A job's database work (reading
 * the log, writing projections, storing a fold) runs in Postgres on the same cores as the event loop;
 * several documents that came due together would otherwise take both cores at once, and every live
 * update would wait behind them. Jobs are background work: one at a time, the log only grows a little
 * longer before it is folded.
 */
export class JobQueue {
  private running = false;
  private readonly waiting: Array<() => void> = [];

  async turn(): Promise<() => void> {
    if (this.running) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running = true;
    return () => {
      const next = this.waiting.shift();
      if (next) next();
      else this.running = false;
    };
  }
}

export class Persistence implements Extension {
  extensionName = "persistence";
  priority = 800;
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; firstAt: number; spread: number }>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, { unloaded: boolean; fold: boolean; done: Promise<void> }>();
  /** How long each document's last job took (ms), to space its next one. */
  private readonly lastCost = new Map<string, number>();
  /** Documents whose log holds updates that are projected but not folded yet: folded at shutdown. */
  private readonly unfolded = new Set<string>();
  private readonly jobs = new JobQueue();
  /** Appends started and not yet committed, per document. */
  private readonly appending = new Map<string, Set<Promise<void>>>();
  private closing = false;
  /** The worker opens its own client on the same database. */
  private readonly databaseUrl: string;

  constructor(private readonly options: PersistenceOptions) {
    this.databaseUrl = databaseUrlOf(options.db);
  }

  async onConfigure(): Promise<void> {
    warmYjsWorker();
    // In the background: the server serves meanwhile, and compactions of one document never overlap.
    if (this.options.recoverAtStart !== false) void this.recover().catch((error: unknown) => this.options.onError?.(error, "(recovery)", "compaction"));
  }

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    // Throws when the database does not answer: Hocuspocus then unloads the document instead of
    // serving (and never storing) an empty one.
    // An update of this document's previous life may still be on its way to the log.
    await this.appended(documentName);
    const stored = await loadDocument(this.options.db, documentName);
    if (stored.update) Y.applyUpdate(document, stored.update);
    if (stored.pendingUpdates > 0) this.schedule(documentName);
  }

  async beforeSync({ type, payload, connection, documentName, context }: beforeSyncPayload<CollabContext>): Promise<void> {
    if (type === SYNC_STEP_1 || connection.readOnly) return;
    // A reconnecting client's sync step 2 (or a resent update) may hold nothing the server lacks: the write
    // policy, which ran first, found that out on its shadow; nothing new to log.
    if (unchangedUpdates.has(payload)) return;
    holdAcknowledgement(connection, this.append({ name: documentName, update: payload, userId: context.actor?.id ?? null }));
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    await this.appended(documentName);
    await this.compactNow(documentName, { unloaded: true, fold: true });
    this.lastCost.delete(documentName);
  }

  async onDestroy(): Promise<void> {
    // Appends still failing are given up (their clients were never told they are saved, and resend).
    this.closing = true;
    await this.flush();
  }

  /** Appends an accepted update to the log, retrying until it commits; then schedules compaction. */
  private append(input: AppendInput): Promise<void> {
    const done = (async () => {
      // Hocuspocus broadcasts an applied update in a setImmediate; a timer runs after that, so the
      // readers' messages are on their way before the log's INSERT is even prepared.
      await new Promise((resolve) => setTimeout(resolve, 0));
      for (let attempt = 0; ; attempt++) {
        try {
          await appendUpdate(this.options.db, input);
          break;
        } catch (error) {
          this.options.onError?.(error, input.name, "append");
          if (this.closing) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_MOST_MS, RETRY_FIRST_MS * 2 ** attempt)));
          if (this.closing) throw error;
        }
      }
      this.schedule(input.name);
    })();
    let set = this.appending.get(input.name);
    if (!set) {
      set = new Set();
      this.appending.set(input.name, set);
    }
    const pending = set;
    pending.add(done);
    const forget = () => {
      pending.delete(done);
      if (pending.size === 0 && this.appending.get(input.name) === pending) this.appending.delete(input.name);
    };
    done.then(forget, forget);
    return done;
  }

  /** Settles once every append of `name` started so far has committed or been given up. */
  private async appended(name: string): Promise<void> {
    const pending = this.appending.get(name);
    if (pending) await Promise.allSettled([...pending]);
  }

  /**
   * Compacts and projects, one at a time, every document a crash left with unfolded updates or a stale
   * projection. Called at start; returns how many documents it visited.
   */
  async recover(): Promise<number> {
    const names = await documentsToRecover(this.options.db);
    for (const name of names) await this.compactNow(name, { unloaded: false, fold: true });
    return names.length;
  }

  /** Projects and folds now every document with logged updates not yet folded (shutdown, tests). */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.appending.values()].flatMap((pending) => [...pending]));
    const names = new Set([...this.timers.keys(), ...this.unfolded]);
    await Promise.all([...names].map((name) => this.compactNow(name, { unloaded: false, fold: true })));
    await Promise.all(this.running.values());
  }

  /** Projects and folds one document now, whatever its log's size (benchmarks fold big readings on purpose). */
  fold(name: string): Promise<void> {
    return this.compactNow(name, { unloaded: false, fold: true });
  }

  /** Compaction jobs waiting for their time or running. */
  get pendingJobs(): number {
    return this.timers.size + this.running.size;
  }

  schedule(name: string): void {
    const quiet = this.options.compactAfterMs ?? 1000;
    const most = this.options.compactAtMostMs ?? 10_000;
    const existing = this.timers.get(name);
    if (existing) clearTimeout(existing.timer);
    // Once per busy spell, not per update: the spell's first update fixes its start and its spread.
    const firstAt = existing?.firstAt ?? Date.now();
    const spread = existing?.spread ?? spreadOf(name);
    const delay = compactionDelay({ quiet, most, firstAt, now: Date.now(), lastCostMs: this.lastCost.get(name) ?? 0, spread });
    const timer = setTimeout(() => void this.compactNow(name, { unloaded: false, fold: false }), delay);
    timer.unref();
    this.timers.set(name, { timer, firstAt, spread });
  }

  private async compactNow(name: string, ask: { unloaded: boolean; fold: boolean }): Promise<void> {
    const pending = this.timers.get(name);
    if (pending) clearTimeout(pending.timer);
    this.timers.delete(name);
    // One compaction waiting behind the running one folds everything logged by the time it starts, so
    // later requests join it: a document busier than its compactions are quick queues at most one.
    const waiting = this.waiting.get(name);
    if (waiting) {
      waiting.unloaded ||= ask.unloaded;
      waiting.fold ||= ask.fold;
      return waiting.done;
    }
    const entry = { ...ask, done: Promise.resolve() };
    const previous = this.running.get(name) ?? Promise.resolve();
    entry.done = previous.then(async () => {
      const done = await this.jobs.turn();
      // Requests made while this job waited for its turn have joined it; later ones wait behind it.
      this.waiting.delete(name);
      const started = performance.now();
      try {
        const { pending } = await runYjsTask("compactAndProject", { databaseUrl: this.databaseUrl, name, unloaded: entry.unloaded, fold: entry.fold });
        if (pending > 0) this.unfolded.add(name);
        else this.unfolded.delete(name);
      } catch (error) {
        // The log still holds every update; the next compaction retries.
        this.options.onError?.(error, name, "compaction");
      } finally {
        done();
        if (!entry.unloaded) this.lastCost.set(name, performance.now() - started);
      }
    });
    this.waiting.set(name, entry);
    this.running.set(name, entry.done);
    await entry.done;
    if (this.running.get(name) === entry.done) this.running.delete(name);
  }
}
