import { route } from "@/lib/http/route";
import { getRevision } from "@/lib/drafts/revisions";

/** One revision, read-only, with the line diff to the current draft. */
export const GET = route<{ draftId: string; revisionId: string }>(async ({ actor, params }) => getRevision({ actor, draftId: params.draftId, revisionId: params.revisionId }));
