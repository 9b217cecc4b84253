// Resolving and reopening leave no trace in the projection but the root comment's current resolvedAt,
// so the thread projection tells us when it sees one change: it reads the changed roots' old state
// before writing and compares it with the new state in the same transaction (ActivityEvent rows then
// feed Activity).
import type { Db } from "../db/client.ts";

export interface ThreadDocumentKey {
  documentKind: string;
  /** The "readingId" column: a reading's id, or a draft's for draft threads. */
  readingId: string;
}

type RootStates = Map<string, { authorId: string; resolvedAt: Date | null; resolvedBy: string | null }>;

/** The stored state of the root comments among the rows about to be rewritten (`idLists`: Postgres text-array literals). */
export async function readRootStates(db: Db, { documentKind, readingId }: ThreadDocumentKey, idLists: string[]): Promise<RootStates> {
  const states: RootStates = new Map();
  for (const ids of idLists) {
    const rows = await db.$queryRaw<Array<{ id: string; authorId: string; resolvedAt: Date | null; resolvedBy: string | null }>>`
      SELECT id, "authorId", "resolvedAt", "resolvedBy" FROM "CommentRow"
      WHERE "readingId" = ${readingId} AND "documentKind" = ${documentKind} AND "parentId" IS NULL AND id = ANY(${ids}::text[])`;
    for (const row of rows) states.set(row.id, row);
  }
  return states;
}

/**
 * The statement, run in the projection's transaction after its inserts, that records an Activity event
 * for the author of every root read before whose resolution changed: in the same transaction, so a
 * projection that commits has its events and one that fails leaves none (the retry finds the change
 * again). Resolving one's own thread is not news to oneself. A reopen clears resolvedBy, so who reopened
 * is unknown: it is not reported when the author had resolved it (then they most likely reopened it too).
 */
export function threadChangeStatement(db: Db, { documentKind, readingId }: ThreadDocumentKey, before: RootStates) {
  if (before.size === 0) return null;
  const ids = [...before.keys()];
  const resolvedAt = ids.map((id) => before.get(id)!.resolvedAt?.getTime() ?? null);
  const resolvedBy = ids.map((id) => before.get(id)!.resolvedBy);
  return db.$executeRaw`
    INSERT INTO "ActivityEvent" (id, "recipientId", kind, "documentKind", "documentId", "targetId", "actorId")
    SELECT gen_random_uuid()::text, c."authorId", CASE WHEN c."resolvedAt" IS NULL THEN 'reopened' ELSE 'resolved' END,
           ${documentKind}, ${readingId}, c.id, CASE WHEN c."resolvedAt" IS NULL THEN NULL ELSE c."resolvedBy" END
    FROM "CommentRow" c
    JOIN unnest(${ids}::text[], ${resolvedAt}::float8[], ${resolvedBy}::text[]) AS o(id, "resolvedAt", "resolvedBy") ON o.id = c.id
    WHERE c."readingId" = ${readingId} AND c."documentKind" = ${documentKind} AND c."parentId" IS NULL
      AND ((c."resolvedAt" IS NOT NULL AND c."resolvedBy" IS DISTINCT FROM c."authorId"
            AND (o."resolvedAt" IS NULL OR o."resolvedAt" <> floor(extract(epoch FROM c."resolvedAt") * 1000)))
        OR (c."resolvedAt" IS NULL AND o."resolvedAt" IS NOT NULL AND o."resolvedBy" IS DISTINCT FROM c."authorId"))`;
}
