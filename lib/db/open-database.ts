// Resolves the database for a process: DATABASE_URL when set, else the embedded PostgreSQL under
// .data/. Either way the schema is migrated before anything uses it.
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded.ts";
import { migrate } from "./migrate.ts";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
export const DATA_DIR = path.join(PROJECT_ROOT, ".data");
export const DEFAULT_DATA_DIR = path.join(DATA_DIR, "postgres");
const EMBEDDED_DATABASE = "marginalia";

export interface OpenedDatabase {
  url: string;
  /** True when this process started the embedded PostgreSQL (demo mode). */
  embedded: boolean;
  /** Migrations applied by this call. */
  applied: string[];
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Connection string; the embedded database when empty. */
  databaseUrl?: string;
  /** Data directory of the embedded database. */
  dataDir?: string;
  onLog?: (line: string) => void;
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  let cluster: EmbeddedDatabase | undefined;
  let url = options.databaseUrl;
  if (!url) {
    cluster = await startEmbeddedPostgres({ dataDir: options.dataDir ?? DEFAULT_DATA_DIR, onLog: options.onLog });
    await createDatabaseIfMissing(cluster.url, EMBEDDED_DATABASE);
    url = cluster.urlFor(EMBEDDED_DATABASE);
  }
  try {
    const applied = await migrate({ databaseUrl: url });
    return { url, embedded: Boolean(cluster), applied, close: async () => cluster?.stop() };
  } catch (error) {
    await cluster?.stop();
    throw error;
  }
}

/** Creates a database on the server behind `adminUrl` unless it exists. */
export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
