import { z } from "zod";
import { authorize } from "@/lib/policies";
import { readJson, route } from "@/lib/http/route";
import { setDraftCommentResolved } from "@/lib/drafts/comments";

export const PATCH = route<{ draftId: string; commentId: string }>(async ({ request, actor, params }) => {
  authorize(actor, "draft:comment");
  const { resolved } = await readJson(request, z.object({ resolved: z.boolean() }));
  return setDraftCommentResolved({ actor, draftId: params.draftId, commentId: params.commentId, resolved });
});
