import { getDb } from "@/lib/db/client";
import { assertCanWrite, loadDraft } from "@/lib/drafts/drafts";
import { route } from "@/lib/http/route";
import { restoreRevision } from "@/lib/drafts/revisions";

/** Restores a revision as a new change that every co-editor sees (its team and the instructor). */
export const POST = route<{ draftId: string; revisionId: string }>(async ({ actor, params }) => {
  assertCanWrite(actor, await loadDraft(getDb(), params.draftId));
  await restoreRevision({ actor, draftId: params.draftId, revisionId: params.revisionId });
  return { ok: true };
});
