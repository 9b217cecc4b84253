import { authorize } from "@/lib/policies";
import { readJson, route } from "@/lib/http/route";
import { createDraftComment, draftCommentInputSchema, listDraftComments } from "@/lib/drafts/comments";

type Params = { draftId: string };
/** A comment of 10,000 characters and its quote, even escaped as JSON. */
const MAX_COMMENT_BYTES = 128 * 1024;

export const GET = route<Params>(async ({ actor, params }) => ({ comments: await listDraftComments({ actor, draftId: params.draftId }) }));

export const POST = route<Params>(async ({ request, actor, params }) => {
  authorize(actor, "draft:comment");
  const input = await readJson(request, draftCommentInputSchema);
  return Response.json(await createDraftComment({ actor, draftId: params.draftId, input }), { status: 201 });
}, { maxBodyBytes: MAX_COMMENT_BYTES });
