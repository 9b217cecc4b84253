import { AppError } from "../errors/app-error.ts";
import { getDb, type DbClient } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";
import type { SeenPlace } from "./seen-place.ts";

export interface MarkSeenOptions {
  actor: Actor | null;
  /** The reading, the draft's threads, or the Activity page. */
  place: SeenPlace;
  /** Seen up to when (default: now). An earlier moment than the stored one changes nothing. */
  at?: Date;
  db?: DbClient;
}

/** Records that the actor has seen everything in `place` up to `at`. Idempotent: last-seen only moves forward. */
export async function markSeen({ actor, place, at = new Date(), db = getDb() }: MarkSeenOptions): Promise<{ seenAt: Date }> {
  const me = authorize(actor, "last-seen:mark");
  if (place.documentKind === "reading") {
    const reading = await db.reading.findFirst({ where: { id: place.documentId, archivedAt: null }, select: { id: true } });
    if (!reading) throw new AppError("NOT_FOUND", "There is no such reading.");
  } else if (place.documentKind === "draft-threads") {
    const draft = await db.draft.findUnique({ where: { id: place.documentId }, select: { id: true } });
    if (!draft) throw new AppError("NOT_FOUND", "There is no such draft.");
  }
  const [row] = await db.$queryRaw<Array<{ seenAt: Date }>>`
    INSERT INTO "LastSeen" ("userId", "documentKind", "documentId", "seenAt") VALUES (${me.id}, ${place.documentKind}, ${place.documentId}, ${at})
    ON CONFLICT ("userId", "documentKind", "documentId") DO UPDATE SET "seenAt" = GREATEST("LastSeen"."seenAt", EXCLUDED."seenAt")
    RETURNING "seenAt"`;
  return { seenAt: row!.seenAt };
}
