import { authorizeInsertion, insertionRequestSchema } from "@/lib/drafts/draft-insertions";
import { findUndoableInsertion } from "@/lib/drafts/find-undoable-insertion";
import { insertAgenda } from "@/lib/drafts/insert-agenda";
import { undoInsertion } from "@/lib/drafts/undo-insertion";
import { readJson, route } from "@/lib/http/route";

type Params = { draftId: string };

/** The agenda "Undo agenda" would take back, if any (the lead team and the instructor). */
export const GET = route<Params>(async ({ actor, params }) => ({ insertion: await findUndoableInsertion({ actor, draftId: params.draftId, kind: "agenda" }) }));

/** `{ action: "insert" }` adds an agenda at the end of the presentation; `{ action: "undo", insertionId }` removes it again. */
export const POST = route<Params>(async ({ request, actor, params }) => {
  await authorizeInsertion({ actor, draftId: params.draftId, kind: "agenda" });
  const body = await readJson(request, insertionRequestSchema);
  if (body.action === "undo") return undoInsertion({ actor, draftId: params.draftId, kind: "agenda", insertionId: body.insertionId });
  return Response.json({ insertion: await insertAgenda({ actor, draftId: params.draftId }) }, { status: 201 });
});
