// Which agenda or digest "Undo" would take back, for the draft's writers' toolbar.
import { getDb, type Db } from "../db/client.ts";
import type { Actor } from "../policies/index.ts";
import { authorizeInsertion, blockIdsSchema, type InsertionKind, type UndoableInsertion } from "./draft-insertions.ts";

/** The newest insertion of this kind not undone yet: what "Undo agenda" / "Undo digest" takes back. */
export async function findUndoableInsertion({ actor, draftId, kind, db = getDb() }: { actor: Actor | null; draftId: string; kind: InsertionKind; db?: Db }): Promise<UndoableInsertion | null> {
  const { draft } = await authorizeInsertion({ actor, draftId, kind, db });
  const row = await db.draftInsertion.findFirst({
    where: { draftId: draft.id, kind, undoneAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, blocks: true, createdAt: true, createdById: true },
  });
  if (!row) return null;
  const author = row.createdById ? await db.user.findUnique({ where: { id: row.createdById }, select: { name: true } }) : null;
  const blocks = blockIdsSchema.safeParse(row.blocks);
  return { id: row.id, kind, blocks: blocks.success ? blocks.data.length : 0, createdAt: row.createdAt, createdByName: author?.name ?? null };
}
