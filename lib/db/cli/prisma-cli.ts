// Runs the Prisma CLIs without their native engine download, which these machines cannot fetch:
// Prisma 7 generates the client (its engine path only has to name an existing file), and Prisma 6's
// WebAssembly schema engine (installed as `prisma6`) writes migration SQL from schema files.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../../..");
export const SCHEMA_PATH = path.join(ROOT, "prisma", "schema.prisma");
const PLACEHOLDER_ENGINE = path.join(ROOT, "package.json");

function engineEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: PLACEHOLDER_ENGINE,
    PRISMA_QUERY_ENGINE_LIBRARY: PLACEHOLDER_ENGINE,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  };
}

export function generateClient(): void {
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules/prisma/build/index.js"), "generate", "--config", path.join(ROOT, "prisma/prisma.config.ts")],
    { cwd: ROOT, env: engineEnv(), stdio: "inherit" },
  );
  if (result.status !== 0) throw new Error("prisma generate failed");
}

/**
 * The SQL that takes a database from schema `from` (null: empty) to schema `to`. Prisma 6 insists on a
 * `url` in the datasource, which Prisma 7 forbids, so both are copied with one added. The engine opens
 * a connection to `databaseUrl` (any reachable PostgreSQL) but reads and writes nothing there.
 */
export function diffSchemas(from: string | null, to: string, databaseUrl: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "marginalia-diff-"));
  const withUrl = (schema: string) => schema.replace(/provider\s*=\s*"postgresql"/, '$&\n  url = env("DATABASE_URL")');
  const toFile = path.join(dir, "to.prisma");
  fs.writeFileSync(toFile, withUrl(to));
  const args = ["migrate", "diff", "--to-schema-datamodel", toFile, "--script"];
  if (from === null) {
    args.push("--from-empty");
  } else {
    const fromFile = path.join(dir, "from.prisma");
    fs.writeFileSync(fromFile, withUrl(from));
    args.push("--from-schema-datamodel", fromFile);
  }
  const configFile = path.join(ROOT, "prisma", "diff.config.ts");
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/prisma6/build/index.js"), ...args, "--config", configFile], {
    cwd: ROOT,
    env: { ...engineEnv(), DATABASE_URL: databaseUrl, MARGINALIA_DIFF_SCHEMA: toFile },
    encoding: "utf8",
  });
  fs.rmSync(dir, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`prisma migrate diff failed:\n${result.stderr}${result.stdout}`);
  return result.stdout
    .split("\n")
    .filter((line) => !line.startsWith("Loaded Prisma config"))
    .join("\n")
    .trim();
}
