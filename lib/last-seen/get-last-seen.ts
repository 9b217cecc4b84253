import { getDb, type DbClient } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";
import type { SeenPlace } from "./seen-place.ts";

/** When the actor last saw `place`; null when never. */
export async function getLastSeen({ actor, place, db = getDb() }: { actor: Actor | null; place: SeenPlace; db?: DbClient }): Promise<Date | null> {
  const me = authorize(actor, "last-seen:mark");
  const row = await db.lastSeen.findUnique({ where: { userId_documentKind_documentId: { userId: me.id, ...place } }, select: { seenAt: true } });
  return row?.seenAt ?? null;
}
