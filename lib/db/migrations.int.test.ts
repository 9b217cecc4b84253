// schema.prisma and prisma/migrations must describe the same database. Both are materialised (the
// migrations through the runner, the schema through Prisma's own SQL for it) and their catalogs compared.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { afterAll, describe, expect, it } from "vitest";
import { clusterUrl } from "../testing/database.ts";
import { adminQuery, uniqueDatabaseName } from "../testing/test-cluster.ts";
import { diffSchemas, SCHEMA_PATH } from "./cli/prisma-cli.ts";
import { listMigrations, migrate } from "./migrate.ts";

const created: string[] = [];
async function freshDatabase(): Promise<string> {
  const name = uniqueDatabaseName("marginalia_migrations");
  await adminQuery(inject("adminUrl"), `CREATE DATABASE "${name}"`);
  created.push(name);
  return clusterUrl(name);
}
afterAll(async () => {
  for (const name of created) await adminQuery(inject("adminUrl"), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

async function describeCatalog(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows = async (sql: string) => (await client.query(sql)).rows.map((row) => Object.values(row).join(" | ")).sort();
  try {
    return {
      columns: await rows(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
                           FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_marginalia_migrations'`),
      indexes: await rows(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_marginalia_migrations'`),
      constraints: await rows(`SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
                               WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"_marginalia_migrations"'
                               AND conrelid::regclass::text <> '_marginalia_migrations'`),
      enums: await rows(`SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid`),
    };
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("match schema.prisma exactly (no drift)", async () => {
    const migrated = await freshDatabase();
    await migrate({ databaseUrl: migrated });

    const fromSchema = await freshDatabase();
    const sql = diffSchemas(null, fs.readFileSync(SCHEMA_PATH, "utf8"), inject("adminUrl"));
    const client = new pg.Client({ connectionString: fromSchema });
    await client.connect();
    await client.query(sql);
    await client.end();

    const expected = await describeCatalog(fromSchema);
    expect(expected.columns?.length).toBeGreaterThan(10);
    expect(await describeCatalog(migrated)).toEqual(expected);
  });

  it("apply once: a second run applies nothing", async () => {
    const url = await freshDatabase();
    expect(await migrate({ databaseUrl: url })).toEqual(listMigrations().map((migration) => migration.name));
    expect(await migrate({ databaseUrl: url })).toEqual([]);
  });

  it("refuse a migration edited after it was applied", async () => {
    const url = await freshDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "marginalia-migrations-"));
    fs.mkdirSync(path.join(dir, "001_first"));
    fs.writeFileSync(path.join(dir, "001_first/migration.sql"), "CREATE TABLE first (id int);");
    await migrate({ databaseUrl: url, dir });
    fs.writeFileSync(path.join(dir, "001_first/migration.sql"), "CREATE TABLE first (id bigint);");
    await expect(migrate({ databaseUrl: url, dir })).rejects.toThrow(/001_first was edited after it was applied/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("roll back a failing migration whole", async () => {
    const url = await freshDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "marginalia-migrations-"));
    fs.mkdirSync(path.join(dir, "001_broken"));
    fs.writeFileSync(path.join(dir, "001_broken/migration.sql"), "CREATE TABLE half (id int); SELECT * FROM missing_table;");
    await expect(migrate({ databaseUrl: url, dir })).rejects.toThrow(/001_broken failed/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const tables = await client.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half'`);
    await client.end();
    expect(tables.rowCount).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
