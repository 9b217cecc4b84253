// `npm start` (and `npm run dev` with --dev): database, migrations, first-start content, build, serve.
// Every failure a user can cause (busy port, unreachable DATABASE_URL) ends in one clear line.
import { createDb, setDb } from "../db/client.ts";
import { createCollabServer, type CollabServer } from "../collab/server.ts";
import { parseAllowedOrigins } from "../collab/origin.ts";
import { DATA_DIR, openDatabase, type OpenedDatabase } from "../db/open-database.ts";
import { resolveAuthSecret } from "../auth/secret.ts";
import { bootstrapContent } from "./bootstrap.ts";
import { ensureBuild } from "./build.ts";
import { createAppServer } from "./app-server.ts";
import { loadConfig, type ServerConfig } from "./config.ts";
import { isPortFree } from "./ports.ts";

const dev = process.argv.includes("--dev");
(process.env as Record<string, string>).NODE_ENV ??= dev ? "development" : "production";

function fatal(message: string): never {
  console.error(`marginalia: ${message}`);
  process.exit(1);
}

let config: ServerConfig;
try {
  config = loadConfig();
} catch (error) {
  fatal((error as Error).message);
}
const { PORT: port, HOST: hostname } = config;

if (!(await isPortFree(port))) {
  fatal(`port ${port} is already in use. Stop whatever is using it, or choose another port: PORT=3001 npm start`);
}

// Demo mode: the embedded database, or SEED_DEMO=1. Checked before the database is touched, so that a
// misconfigured production start changes nothing.
const demo = !config.DATABASE_URL || config.SEED_DEMO === "1";
try {
  process.env.NEXTAUTH_SECRET = resolveAuthSecret({ dataDir: DATA_DIR, demo, production: !dev });
} catch (error) {
  fatal((error as Error).message);
}

let database: OpenedDatabase;
try {
  database = await openDatabase({ databaseUrl: config.DATABASE_URL });
} catch (error) {
  fatal((error as Error).message);
}
process.env.DATABASE_URL = database.url;
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

let stopping = false;
let appServer: Awaited<ReturnType<typeof createAppServer>> | undefined;
const db = createDb(database.url);
// Pages and route handlers (loaded by Next in this process) share this client and its pool.
setDb(db);
let collab: CollabServer | undefined;

async function shutdown(signal: string, exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`marginalia: ${signal} received, shutting down`);
  const force = setTimeout(() => process.exit(1), 20_000);
  force.unref();
  await collab?.close().catch(() => {});
  await appServer?.close().catch(() => {});
  await db.$disconnect().catch(() => {});
  await database?.close().catch(() => {});
  process.exit(exitCode);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

try {
  const content = await bootstrapContent({ db, demo });
  for (const line of content) console.log(`marginalia: ${line}`);
  if (!dev) await ensureBuild((line) => console.log(`marginalia: ${line}`));
  collab = createCollabServer({
    db,
    secret: process.env.NEXTAUTH_SECRET!,
    redisUrl: config.REDIS_URL,
    origins: { appUrl: process.env.NEXTAUTH_URL, extra: parseAllowedOrigins(config.ALLOWED_ORIGINS) },
    log: (line) => console.log(`marginalia: ${line}`),
  });
  appServer = await createAppServer({ dev, hostname, port, collab: collab.handleUpgrade });
  await new Promise<void>((resolve, reject) => {
    appServer!.server.once("error", reject);
    appServer!.server.listen(port, hostname, resolve);
  });
} catch (error) {
  console.error(`marginalia: ${(error as Error).message}`);
  await shutdown("startup failure", 1);
}
console.log(
  `marginalia: ready on http://localhost:${port} (${database.embedded ? "embedded PostgreSQL in .data/" : "DATABASE_URL"}${dev ? ", dev mode" : ""})`,
);
