// Content a new installation starts with: the course's first session, imported once.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db/client.ts";
import { importSession } from "../readings/import-session.ts";

export const SEED_FILE = path.resolve(import.meta.dirname, "../readings/fixtures/llm-fine-tuning.txt");

export interface BootstrapOptions {
  db: Db;
  /** Create the demo accounts too (embedded database, or SEED_DEMO=1). */
  demo: boolean;
}

/** Returns what it did, a line each, for the start-up log. */
export async function bootstrapContent({ db }: BootstrapOptions): Promise<string[]> {
  const done: string[] = [];
  if ((await db.classSession.count()) === 0) {
    const result = await importSession({ input: fs.readFileSync(SEED_FILE), db });
    done.push(`imported the seed session "${result.session.title}" (${result.created} readings)`);
  }
  return done;
}
