// The session page's numbers per reading and draft: highlights, comments and open questions, and how
// many of them are new to the actor (by others, created after the actor last saw that document). Read
// from the thread projections in one query.
import { getDb, type DbClient } from "../db/client.ts";
import { Prisma } from "../db/generated/client.ts";
import type { DraftKindName } from "../drafts/drafts.ts";
import { authorize, type Actor } from "../policies/index.ts";

export interface DocumentNews {
  highlights: number;
  /** Comments that are not deleted. */
  comments: number;
  /** Highlights of kind "question" with no resolved thread on them. */
  openQuestions: number;
  /** Comments, and highlights nobody commented on, by others since the actor last saw the document (all of them when never). */
  newItems: number;
}

export interface SessionNews {
  readings: Record<string, DocumentNews>;
  /** A draft that was never opened has no row yet, and nothing to count. */
  drafts: Partial<Record<DraftKindName, DocumentNews & { draftId: string }>>;
}

interface Row {
  kind: string;
  id: string;
  highlights: number;
  comments: number;
  openQuestions: number;
  newItems: number;
}

export async function listSessionNews({ actor, sessionId, db = getDb() }: { actor: Actor | null; sessionId: string; db?: DbClient }): Promise<SessionNews> {
  const me = authorize(actor, "course:view");
  const [readings, drafts] = await Promise.all([
    db.reading.findMany({ where: { sessionId, archivedAt: null }, select: { id: true } }),
    db.draft.findMany({ where: { sessionId }, select: { id: true, kind: true } }),
  ]);
  const documents = [...readings.map((reading) => ({ kind: "reading", id: reading.id })), ...drafts.map((draft) => ({ kind: "draft-threads", id: draft.id }))];
  const rows = await countNews(db, me.id, documents);
  const news = (kind: string, id: string): DocumentNews => {
    const row = rows.find((candidate) => candidate.kind === kind && candidate.id === id);
    return { highlights: row?.highlights ?? 0, comments: row?.comments ?? 0, openQuestions: row?.openQuestions ?? 0, newItems: row?.newItems ?? 0 };
  };
  return {
    readings: Object.fromEntries(readings.map((reading) => [reading.id, news("reading", reading.id)])),
    drafts: Object.fromEntries(drafts.map((draft) => [draft.kind, { draftId: draft.id, ...news("draft-threads", draft.id) }])) as SessionNews["drafts"],
  };
}

function countNews(db: DbClient, userId: string, documents: Array<{ kind: string; id: string }>): Promise<Row[]> {
  if (documents.length === 0) return Promise.resolve([]);
  const kinds = documents.map((document) => document.kind);
  const ids = documents.map((document) => document.id);
  // Correlated counts per document: each is an index range scan on the rows' (readingId, id) key.
  return db.$queryRaw<Row[]>(Prisma.sql`
    WITH docs AS (SELECT * FROM unnest(${kinds}::text[], ${ids}::text[]) AS d(kind, id)),
    seen AS (SELECT "documentKind", "documentId", "seenAt" FROM "LastSeen" WHERE "userId" = ${userId})
    SELECT d.kind, d.id,
      (SELECT count(*) FROM "HighlightRow" h WHERE h."readingId" = d.id AND h."documentKind" = d.kind)::int AS highlights,
      (SELECT count(*) FROM "CommentRow" c WHERE c."readingId" = d.id AND c."documentKind" = d.kind AND NOT c.deleted)::int AS comments,
      (SELECT count(*) FROM "HighlightRow" h WHERE h."readingId" = d.id AND h."documentKind" = d.kind AND h.kind = 'question'
         AND NOT EXISTS (SELECT 1 FROM "CommentRow" c WHERE c."readingId" = h."readingId" AND c."documentKind" = h."documentKind"
                         AND c."highlightId" = h.id AND c."parentId" IS NULL AND c."resolvedAt" IS NOT NULL))::int AS "openQuestions",
      ((SELECT count(*) FROM "CommentRow" c WHERE c."readingId" = d.id AND c."documentKind" = d.kind AND NOT c.deleted
          AND c."authorId" <> ${userId} AND (s."seenAt" IS NULL OR c."createdAt" > s."seenAt"))
       + (SELECT count(*) FROM "HighlightRow" h WHERE h."readingId" = d.id AND h."documentKind" = d.kind
          AND h."authorId" <> ${userId} AND (s."seenAt" IS NULL OR h."createdAt" > s."seenAt")
          AND NOT EXISTS (SELECT 1 FROM "CommentRow" c WHERE c."readingId" = h."readingId" AND c."documentKind" = h."documentKind" AND c."highlightId" = h.id)))::int AS "newItems"
    FROM docs d LEFT JOIN seen s ON s."documentKind" = d.kind AND s."documentId" = d.id`);
}
