// Applies prisma/migrations/*/migration.sql in order, each in its own transaction, under an advisory
// lock so that several app instances starting together migrate once. Prisma's own migration engine
// is a native download that these machines cannot fetch; the SQL files are still Prisma's, and
// `npm run db:diff` writes new ones from schema.prisma.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { describeConnectionError } from "./connection-errors.ts";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");
const LOCK_KEY = 7_301_948_112; // any constant: the advisory lock that serialises migrators

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

export interface MigrateOptions {
  /** Database to migrate. */
  databaseUrl: string;
  /** Folder of migration folders (default: prisma/migrations). */
  dir?: string;
}

/** Brings the database up to the newest migration; returns the names it applied. */
export async function migrate({ databaseUrl, dir }: MigrateOptions): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(describeConnectionError(databaseUrl, error));
  }
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "_marginalia_migrations" (
         name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Map(
      (await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "_marginalia_migrations"`)).rows.map(
        (row) => [row.name, row.checksum],
      ),
    );
    for (const migration of listMigrations(dir)) {
      const checksum = done.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was edited after it was applied. Restore it and put the change in a new migration.`,
          );
        }
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(`INSERT INTO "_marginalia_migrations" (name, checksum) VALUES ($1, $2)`, [
          migration.name,
          migration.checksum,
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
      applied.push(migration.name);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
  return applied;
}
