// "Undo agenda" / "Undo digest": removes exactly the blocks one insertion added (those still there),
// as another logged server change that every co-editor sees; the editor's own undo is per person.
import { getDb, type Db } from "../db/client.ts";
import { AppError } from "../errors/app-error.ts";
import type { Actor } from "../policies/index.ts";
import { draftDocumentName } from "../collab/document-name.ts";
import { applyServerChange } from "../collab/server-change.ts";
import { authorizeInsertion, blockIdsSchema, INSERTION, removeBlocks, type InsertionKind } from "./draft-insertions.ts";

/** Removes exactly the blocks of one insertion that are still in the draft, as one logged change. */
export async function undoInsertion({
  actor,
  draftId,
  kind,
  insertionId,
  db = getDb(),
}: {
  actor: Actor | null;
  draftId: string;
  kind: InsertionKind;
  insertionId: string;
  db?: Db;
}): Promise<{ removed: number }> {
  const { draft, writer } = await authorizeInsertion({ actor, draftId, kind, db });
  const name = INSERTION[kind].name;
  const insertion = await db.draftInsertion.findFirst({ where: { id: insertionId, draftId: draft.id, kind }, select: { blocks: true, undoneAt: true } });
  if (!insertion) throw new AppError("NOT_FOUND", `There is no such ${name} in this draft.`);
  // Claimed before the change, so two writers pressing Undo at once remove the blocks once.
  const claimed = await db.draftInsertion.updateMany({ where: { id: insertionId, undoneAt: null }, data: { undoneAt: new Date(), undoneById: writer.id } });
  if (claimed.count === 0) throw new AppError("CONFLICT", `That ${name} was already undone.`);
  const ids = blockIdsSchema.parse(insertion.blocks);
  let removed = 0;
  try {
    await applyServerChange({
      db,
      documentName: draftDocumentName(draft.id),
      userId: writer.id,
      change: (doc) => {
        removed = removeBlocks(doc, ids);
        if (removed === 0) throw new AppError("CONFLICT", `The ${name}'s blocks have all been deleted already.`);
      },
    });
  } catch (error) {
    // Nothing left to remove stays undone; any other failure gives the Undo back.
    if (!(error instanceof AppError && error.code === "CONFLICT")) await db.draftInsertion.update({ where: { id: insertionId }, data: { undoneAt: null, undoneById: null } });
    throw error;
  }
  return { removed };
}
