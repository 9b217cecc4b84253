// A PostgreSQL for a test run: the server named by DATABASE_URL when set (each run gets databases of
// its own there), else a fresh embedded cluster in a temporary folder, removed afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../db/embedded.ts";
import { migrate } from "../db/migrate.ts";

export interface TestCluster {
  /** Connection string to an administrative database on the cluster. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export async function startTestCluster(): Promise<TestCluster> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const urlFor = (database: string) => {
      const url = new URL(external);
      url.pathname = `/${database}`;
      return url.toString();
    };
    return { adminUrl: external, urlFor, stop: async () => {} };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "marginalia-test-pg-"));
  fs.chmodSync(dataDir, 0o755);
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "data") });
  return {
    adminUrl: cluster.url,
    urlFor: cluster.urlFor,
    stop: async () => {
      await cluster.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database and returns its name. */
export async function createDatabase(cluster: TestCluster, prefix: string, template?: string): Promise<string> {
  const name = uniqueDatabaseName(prefix);
  await adminQuery(cluster.adminUrl, `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  return name;
}

export async function dropDatabase(cluster: TestCluster, name: string): Promise<void> {
  await adminQuery(cluster.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** A migrated database to copy test databases from (CREATE DATABASE ... TEMPLATE is fast). */
export async function createMigratedTemplate(cluster: TestCluster): Promise<string> {
  const name = await createDatabase(cluster, "marginalia_template");
  await migrate({ databaseUrl: cluster.urlFor(name) });
  return name;
}
