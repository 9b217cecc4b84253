// The Prisma client, one per process, on the node-postgres driver adapter. It reads DATABASE_URL on
// first use: the server entry sets it (for the embedded database) before any page is loaded.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";

export type Db = PrismaClient;
/** A client or an interactive transaction's client: what domain functions accept as `tx`. */
export type DbClient = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

// Process-wide, like the client itself: Next bundles its own copy of this module, and a route handler's
// copy must know the address of the client the server entry made with the other copy.
const globalForDb = globalThis as unknown as { marginaliaDb?: PrismaClient; marginaliaDbUrls?: WeakMap<PrismaClient, string> };

const urls = (globalForDb.marginaliaDbUrls ??= new WeakMap<PrismaClient, string>());

export function createDb(databaseUrl: string): PrismaClient {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 10 }) });
  urls.set(db, databaseUrl);
  return db;
}

/** The connection string a client was created with (a worker thread opens its own client on it). */
export function databaseUrlOf(db: PrismaClient): string {
  const url = urls.get(db);
  if (!url) throw new Error("this database client was not made by createDb(), so its address is unknown");
  return url;
}

export function getDb(): PrismaClient {
  if (!globalForDb.marginaliaDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides one.");
    globalForDb.marginaliaDb = createDb(url);
  }
  return globalForDb.marginaliaDb;
}

/** Lets a test or a script point the process-wide client at a database of its own. */
export function setDb(client: PrismaClient): void {
  globalForDb.marginaliaDb = client;
}
