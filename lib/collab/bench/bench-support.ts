// What the benchmarks share: a throwaway cluster whose databases hold the demo class (each benchmark
// target gets a fresh one), seeded comments, extra students, and percentiles.
import { readdirSync, readFileSync } from "node:fs";
import * as Y from "yjs";
import type { Db } from "../../db/client.ts";
import { createDb } from "../../db/client.ts";
import { seedDemoClass } from "../../testing/demo-class.ts";
import { createDatabase, createMigratedTemplate, dropDatabase, startTestCluster, type TestCluster } from "../../testing/test-cluster.ts";
import { createComment } from "../reading-doc.ts";

export interface BenchDatabase {
  db: Db;
  url: string;
  drop(): Promise<void>;
}

export interface BenchCluster {
  /** A fresh database holding the demo class. */
  database(): Promise<BenchDatabase>;
  stop(): Promise<void>;
}

export async function startBenchCluster(): Promise<BenchCluster> {
  const cluster: TestCluster = await startTestCluster();
  const template = await createMigratedTemplate(cluster);
  const opened: string[] = [];
  return {
    async database() {
      const name = await createDatabase(cluster, "marginalia_bench", template);
      opened.push(name);
      const url = cluster.urlFor(name);
      const db = createDb(url);
      await seedDemoClass(db);
      return {
        db,
        url,
        drop: async () => {
          await db.$disconnect();
          await dropDatabase(cluster, name);
        },
      };
    },
    async stop() {
      await dropDatabase(cluster, template);
      await cluster.stop();
    },
  };
}

/** Linux's USER_HZ, the unit of /proc's CPU times: 100 on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Parent pid and CPU times (ticks: own user, own system, waited-for children's user and system) of a process. */
function procStat(pid: number): { ppid: number; ticks: number; childTicks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces; the fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const at = (field: number) => Number(fields[field - 3]);
    return { ppid: at(4), ticks: at(14) + at(15), childTicks: at(16) + at(17) };
  } catch {
    return null;
  }
}

/**
 * A clock of the CPU time the database server has used: its postmaster and every backend, live or exited
 * (an exited backend's time is added to the postmaster's children's time), so a benchmark can show what
 * its load cost the database, which runs on the same cores. Read from /proc, so Linux only: null elsewhere.
 * When the database is a shared server, whatever else it serves meanwhile counts too.
 */
export async function databaseCpuClock(db: Db): Promise<(() => number) | null> {
  const [row] = await db.$queryRaw<Array<{ pid: number }>>`SELECT pg_backend_pid() AS pid`;
  const postmaster = row ? procStat(row.pid)?.ppid : undefined;
  if (!postmaster || !procStat(postmaster)) return null;
  return () => {
    const own = procStat(postmaster);
    let ticks = own ? own.ticks + own.childTicks : 0;
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const child = procStat(Number(entry));
      if (child?.ppid === postmaster) ticks += child.ticks;
    }
    return ticks / CLOCK_TICKS_PER_SECOND;
  };
}

/**
 * A reading's worth of comments as Yjs updates of at most `perUpdate` comments each (small enough for any
 * server's update limit), written by the given authors in turn, as a real class's would be.
 */
export function commentUpdates(count: number, authorIds: string[], perUpdate = 100): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  for (let done = 0; done < count; ) {
    const before = Y.encodeStateVector(doc);
    const batch = Math.min(perUpdate, count - done);
    doc.transact(() => {
      for (let i = 0; i < batch; i++, done++) {
        createComment(doc, {
          authorId: authorIds[done % authorIds.length]!,
          highlightId: null,
          parentId: null,
          body: `Seeded comment ${done}: the ablation in section 4 does not separate the rank from the learning rate.`,
        });
      }
    });
    updates.push(Y.encodeStateAsUpdate(doc, before));
  }
  doc.destroy();
  return updates;
}

/** Adds `count` students spread over the class's teams (so that each load client is a person of its own). */
export async function createStudents(db: Db, count: number, prefix: string): Promise<Array<{ id: string }>> {
  const teams = await db.team.findMany({ select: { id: true }, orderBy: { slug: "asc" } });
  const rows = Array.from({ length: count }, (_, i) => ({ id: `${prefix}${String(i).padStart(6, "0")}`, email: `${prefix}${i}@bench.test`, name: `Student ${i}` }));
  await db.user.createMany({ data: rows });
  await db.membership.createMany({ data: rows.map((row, i) => ({ userId: row.id, role: "STUDENT" as const, teamId: teams[i % teams.length]?.id ?? null })) });
  return rows.map(({ id }) => ({ id }));
}

/** Nearest-rank percentile: p99 of 100 samples is the second largest, not the largest. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summary(values: number[]): { p50: number; p99: number; max: number } {
  return { p50: percentile(values, 50), p99: percentile(values, 99), max: values.length ? Math.max(...values) : Number.NaN };
}

export const formatMs = (value: number) => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 2 : 1)} ms` : "n/a");
export const formatMiB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** Waits for a condition, polling; throws with `what` once `timeoutMs` has passed. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Stops a benchmark with a message saying what to fix (no stack trace). */
export function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}

/** Reads `--name value` flags as numbers or strings, with defaults; anything else stops with a message. */
export function parseFlags<T extends Record<string, number | string>>(argv: string[], defaults: T): T {
  const flags: Record<string, number | string> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const key = arg.replace(/^--/, "");
    if (!arg.startsWith("--") || !(key in defaults)) fail(`unknown argument ${arg}; flags: ${Object.keys(defaults).map((name) => `--${name}`).join(", ")}`);
    const raw = argv[++i];
    if (raw === undefined) fail(`--${key} needs a value`);
    if (typeof defaults[key] === "number") {
      const value = Number(raw);
      if (!Number.isFinite(value) || value <= 0) fail(`--${key} must be a positive number, not ${raw}`);
      flags[key] = value;
    } else flags[key] = raw;
  }
  return flags as T;
}
