// npm run import -- FILE : imports one session's reading list into the app's database.
import fs from "node:fs";
import { createDb } from "../db/client.ts";
import { openDatabase } from "../db/open-database.ts";
import { isAppError } from "../errors/app-error.ts";
import { importSession } from "./import-session.ts";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run import -- path/to/session.txt");
  process.exit(2);
}
let bytes: Buffer;
try {
  bytes = fs.readFileSync(file);
} catch (error) {
  console.error(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
  process.exit(1);
}

let exitCode = 0;
let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
try {
  database = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
  const db = createDb(database.url);
  try {
    const result = await importSession({ input: bytes, db });
    console.log(
      `Imported "${result.session.title}": ${result.created} new, ${result.updated} updated, ${result.archived} archived readings.`,
    );
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  exitCode = 1;
  if (isAppError(error)) {
    console.error(`${file}: ${error.message}`);
    for (const issue of error.issues) console.error(`  ${issue.line ? `line ${issue.line}: ` : ""}${issue.message}`);
  } else {
    console.error((error as Error).message);
  }
} finally {
  await database?.close();
}
process.exit(exitCode);
