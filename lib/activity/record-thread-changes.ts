// Resolving and reopening leave no trace in the projection but the root comment's current resolvedAt,
// so the thread projection tells us when it sees one change: it reads the changed roots' old state
// before writing and compares it with the new state after (ThreadEvent rows then feed Activity).
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
 * After the projection wrote: for every root read before whose resolution changed, an Activity event
 * for the thread's author. Resolving by the author themselves is not news to them. A reopen clears
 * resolvedBy, so who reopened is unknown: it is not reported when the author had resolved it (then
 * they most likely reopened it too).
 */
export async function recordThreadChanges(db: Db, key: ThreadDocumentKey, before: RootStates): Promise<number> {
  if (before.size === 0) return 0;
  const after = await db.commentRow.findMany({
    where: { readingId: key.readingId, documentKind: key.documentKind, id: { in: [...before.keys()] } },
    select: { id: true, authorId: true, resolvedAt: true, resolvedBy: true },
  });
  const events = after.flatMap((root) => {
    const old = before.get(root.id)!;
    const base = { recipientId: root.authorId, documentKind: key.documentKind, documentId: key.readingId, targetId: root.id };
    if (root.resolvedAt && old.resolvedAt?.getTime() !== root.resolvedAt.getTime() && root.resolvedBy !== root.authorId) {
      return [{ ...base, kind: "resolved", actorId: root.resolvedBy }];
    }
    if (!root.resolvedAt && old.resolvedAt && old.resolvedBy !== root.authorId) return [{ ...base, kind: "reopened", actorId: null }];
    return [];
  });
  if (events.length > 0) await db.activityEvent.createMany({ data: events });
  return events.length;
}
