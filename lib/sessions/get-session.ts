import { getDb, type DbClient } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";
import type { ReadingSectionName } from "../readings/session-text.ts";

export interface SessionReadingItem {
  id: string;
  section: ReadingSectionName;
  title: string;
  url: string | null;
  authors: string[];
}

export interface SessionDetail {
  id: string;
  slug: string;
  title: string;
  leadTeam: { slug: string; name: string } | null;
  blogTeam: { slug: string; name: string } | null;
  readings: SessionReadingItem[];
}

/** A session and its current (not archived) readings in list order; null when there is none by that slug. */
export async function getSession({ actor, slug, db = getDb() }: { actor: Actor | null; slug: string; db?: DbClient }): Promise<SessionDetail | null> {
  authorize(actor, "course:view");
  return db.classSession.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      leadTeam: { select: { slug: true, name: true } },
      blogTeam: { select: { slug: true, name: true } },
      readings: {
        where: { archivedAt: null },
        orderBy: { position: "asc" },
        select: { id: true, section: true, title: true, url: true, authors: true },
      },
    },
  });
}
