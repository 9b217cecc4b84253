import { getDb, type DbClient } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";

/** Sessions with their team ids and readings (archived ones too, marked), for the instructor console. */
export async function listSessionsForConsole({ actor, db = getDb() }: { actor: Actor | null; db?: DbClient }) {
  authorize(actor, "session:assign-teams");
  return db.classSession.findMany({
    orderBy: { position: "asc" },
    select: {
      id: true,
      slug: true,
      title: true,
      leadTeamId: true,
      blogTeamId: true,
      readings: { orderBy: { position: "asc" }, where: { archivedAt: null }, select: { id: true, title: true } },
    },
  });
}
