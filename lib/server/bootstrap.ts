// Content a new installation starts with: the course's first session, imported once.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db/client.ts";
import { ensureCourse } from "../course/course-settings.ts";
import { DEMO_JOIN_CODE, DEMO_PASSWORD, ensureDemoAccounts } from "../members/demo-accounts.ts";
import { importSession } from "../readings/import-session.ts";
import { backfillHandles } from "../members/handles.ts";
import { migrateDraftComments } from "../drafts/migrate-draft-comments.ts";

export const SEED_FILE = path.resolve(import.meta.dirname, "../readings/fixtures/llm-fine-tuning.txt");

export interface BootstrapOptions {
  db: Db;
  /** Create the demo accounts too (embedded database, or SEED_DEMO=1). */
  demo: boolean;
}

/** Returns what it did, a line each, for the start-up log. */
export async function bootstrapContent({ db, demo }: BootstrapOptions): Promise<string[]> {
  const done: string[] = [];
  const course = await db.course.findUnique({ where: { id: "course" } });
  if (!course) {
    const created = await ensureCourse({ db, joinCode: process.env.JOIN_CODE || (demo ? DEMO_JOIN_CODE : undefined) });
    done.push(demo ? `course created; join code ${created.joinCode}` : "course created; the instructor console shows its join code");
  }
  if ((await db.classSession.count()) === 0) {
    const result = await importSession({ input: fs.readFileSync(SEED_FILE), db });
    done.push(`imported the seed session "${result.session.title}" (${result.created} readings)`);
  }
  await backfillHandles(db);
  // Before the collaboration server starts: its start-up recovery then projects what was moved.
  const movedDrafts = await migrateDraftComments({ db });
  if (movedDrafts > 0) done.push(`moved the comments of ${movedDrafts} drafts into their live threads`);
  if (demo) {
    const created = await ensureDemoAccounts({ db });
    if (created > 0) done.push(`created ${created} demo accounts (password "${DEMO_PASSWORD}", see README)`);
  } else if ((await db.membership.count({ where: { role: "INSTRUCTOR" } })) === 0) {
    done.push("no instructor yet: create one with `npm run create-instructor -- email@example.edu \"Full Name\"`");
  }
  return done;
}
