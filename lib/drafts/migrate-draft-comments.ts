// Moves the comments of the old REST system (DraftComment rows) into each draft's live threads
// document, `draft-threads:<draftId>`, as one server change per draft. Runs at start; a draft whose
// threads document exists already (migrated, or commented on live) is left alone, so running it again
// changes nothing. The rows stay in their table, untouched: nothing reads them any more, and a later
// release drops the table once every installation has started this version.
import * as Y from "yjs";
import { MAX_EXACT_LENGTH } from "../anchoring/selectors.ts";
import { ENTRY_ID } from "../collab/check/values.ts";
import { draftThreadsDocumentName } from "../collab/document-name.ts";
import { draftAnchorSchema } from "../collab/draft-threads-doc.ts";
import { newEntryId, readingMaps } from "../collab/reading-doc.ts";
import { applyServerChange } from "../collab/server-change.ts";
import { getDb, type Db } from "../db/client.ts";
import { MAX_COMMENT_LENGTH } from "../rich-text/limits.ts";

interface OldComment {
  id: string;
  parentId: string | null;
  authorId: string;
  body: string;
  anchorFrom: string | null;
  anchorTo: string | null;
  quote: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

function entry(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

/** Writes one draft's old comments into its threads document (inside the caller's transaction). */
export function writeMigratedComments(doc: Y.Doc, rows: readonly OldComment[]): void {
  const { highlights, comments } = readingMaps(doc);
  const ids = new Map(rows.map((row) => [row.id, ENTRY_ID.test(row.id) ? row.id : newEntryId()]));
  const byId = new Map(rows.map((row) => [row.id, row]));
  // Old replies point at their thread's first comment; a reply to a reply (or to a missing comment) is
  // hung on whatever root its chain reaches.
  const rootOf = (row: OldComment): OldComment => {
    const seen = new Set([row.id]);
    let current = row;
    while (current.parentId !== null && byId.has(current.parentId) && !seen.has(current.parentId)) {
      current = byId.get(current.parentId)!;
      seen.add(current.id);
    }
    return current;
  };
  const passageOf = new Map<string, string | null>();
  const ordered = [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  for (const row of ordered) {
    const root = rootOf(row);
    if (root !== row) continue;
    const target = { exact: (row.quote ?? "").slice(0, MAX_EXACT_LENGTH) || "(passage)", from: row.anchorFrom, to: row.anchorTo };
    if (!draftAnchorSchema.safeParse(target).success) {
      passageOf.set(row.id, null);
      continue;
    }
    const highlightId = `p${ids.get(row.id)!}`.slice(0, 64);
    highlights.set(highlightId, entry({ id: highlightId, authorId: row.authorId, kind: "note", target, createdAt: row.createdAt.getTime() }));
    passageOf.set(row.id, highlightId);
  }
  for (const row of ordered) {
    const root = rootOf(row);
    const isRoot = root === row;
    const id = ids.get(row.id)!;
    comments.set(
      id,
      entry({
        id,
        highlightId: passageOf.get(root.id) ?? null,
        parentId: isRoot ? null : ids.get(root.id)!,
        authorId: row.authorId,
        body: row.body.slice(0, MAX_COMMENT_LENGTH),
        createdAt: row.createdAt.getTime(),
        editedAt: null,
        resolvedAt: isRoot && row.resolvedAt && row.resolvedBy ? row.resolvedAt.getTime() : null,
        resolvedBy: isRoot && row.resolvedAt && row.resolvedBy ? row.resolvedBy : null,
        deleted: false,
      }),
    );
  }
}

/** Returns how many drafts it migrated. */
export async function migrateDraftComments({ db = getDb() }: { db?: Db } = {}): Promise<number> {
  const drafts = await db.draft.findMany({ where: { comments: { some: {} } }, select: { id: true }, orderBy: { id: "asc" } });
  let migrated = 0;
  for (const draft of drafts) {
    const name = draftThreadsDocumentName(draft.id);
    const [stored, logged] = await Promise.all([
      db.liveDocument.findUnique({ where: { name }, select: { name: true } }),
      db.documentUpdate.findFirst({ where: { documentName: name }, select: { id: true } }),
    ]);
    if (stored || logged) continue;
    const rows = await db.draftComment.findMany({ where: { draftId: draft.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    await applyServerChange({ db, documentName: name, userId: null, change: (doc) => doc.transact(() => writeMigratedComments(doc, rows)) });
    migrated++;
  }
  return migrated;
}
