// npm run db:diff -- NAME : writes prisma/migrations/<timestamp>_NAME/migration.sql with the SQL that
// takes the schema as of the last commit to the working copy of schema.prisma.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { MIGRATIONS_DIR } from "../migrate.ts";
import { openDatabase } from "../open-database.ts";
import { diffSchemas, SCHEMA_PATH } from "./prisma-cli.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:diff -- migration_name   (lower case letters, digits and underscores)");
  process.exit(2);
}
let previous: string | null = null;
try {
  previous = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
} catch {
  previous = null;
}
// The engine wants a live PostgreSQL to talk to; the app's own (embedded or DATABASE_URL) will do.
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
let sql: string;
try {
  sql = diffSchemas(previous, fs.readFileSync(SCHEMA_PATH, "utf8"), database.url);
} finally {
  await database.close();
}
if (!sql || /^-- This is an empty migration/.test(sql)) {
  console.log("schema.prisma has no changes since the last commit: no migration written.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
