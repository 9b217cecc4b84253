import { getDb, type DbClient } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";
import { readingLinkSchema, type ReadingLink, type ReadingSectionName } from "./session-text.ts";

export interface ReadingDetail {
  id: string;
  sessionId: string;
  section: ReadingSectionName;
  title: string;
  url: string | null;
  extraLinks: ReadingLink[];
  authors: string[];
  abstract: string;
  session: { slug: string; title: string; leadTeamId: string | null; blogTeamId: string | null };
}

/** One current reading with its session; null when the id names none (or an archived one). */
export async function getReading({ actor, id, db = getDb() }: { actor: Actor | null; id: string; db?: DbClient }): Promise<ReadingDetail | null> {
  authorize(actor, "course:view");
  const reading = await db.reading.findFirst({
    where: { id, archivedAt: null },
    select: {
      id: true,
      sessionId: true,
      section: true,
      title: true,
      url: true,
      extraLinks: true,
      authors: true,
      abstract: true,
      session: { select: { slug: true, title: true, leadTeamId: true, blogTeamId: true } },
    },
  });
  if (!reading) return null;
  // Stored JSON is re-checked on the way out: a link that is not http(s) is never rendered.
  const extraLinks = readingLinkSchema.array().catch([]).parse(reading.extraLinks);
  return { ...reading, extraLinks };
}
