import { getDb, type DbClient } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";

export interface SessionSummary {
  id: string;
  slug: string;
  title: string;
  leadTeam: { slug: string; name: string } | null;
  blogTeam: { slug: string; name: string } | null;
  readingCount: number;
}

/** Every class session in course order, with its teams and how many readings it has. */
export async function listSessions({ actor, db = getDb() }: { actor: Actor | null; db?: DbClient }): Promise<SessionSummary[]> {
  authorize(actor, "course:view");
  const sessions = await db.classSession.findMany({
    orderBy: { position: "asc" },
    select: {
      id: true,
      slug: true,
      title: true,
      leadTeam: { select: { slug: true, name: true } },
      blogTeam: { select: { slug: true, name: true } },
      _count: { select: { readings: { where: { archivedAt: null } } } },
    },
  });
  return sessions.map(({ _count, ...session }) => ({ ...session, readingCount: _count.readings }));
}
