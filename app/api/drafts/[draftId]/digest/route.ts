import { authorizeInsertion, insertionRequestSchema } from "@/lib/drafts/draft-insertions";
import { findUndoableInsertion } from "@/lib/drafts/find-undoable-insertion";
import { insertDigest } from "@/lib/drafts/insert-digest";
import { undoInsertion } from "@/lib/drafts/undo-insertion";
import { readJson, route } from "@/lib/http/route";

type Params = { draftId: string };

/** The digest "Undo digest" would take back, if any (the blog team and the instructor). */
export const GET = route<Params>(async ({ actor, params }) => ({ insertion: await findUndoableInsertion({ actor, draftId: params.draftId, kind: "digest" }) }));

/** `{ action: "insert" }` adds a digest at the end of the blog post; `{ action: "undo", insertionId }` removes it again. */
export const POST = route<Params>(async ({ request, actor, params }) => {
  await authorizeInsertion({ actor, draftId: params.draftId, kind: "digest" });
  const body = await readJson(request, insertionRequestSchema);
  if (body.action === "undo") return undoInsertion({ actor, draftId: params.draftId, kind: "digest", insertionId: body.insertionId });
  return Response.json({ insertion: await insertDigest({ actor, draftId: params.draftId }) }, { status: 201 });
});
