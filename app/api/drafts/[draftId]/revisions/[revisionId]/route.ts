import { route } from "@/lib/http/route";
import { getRevision } from "@/lib/drafts/revisions";

/** One revision, read-only, with what changed since (line by line, or `too-different` past the diff's bound). */
export const GET = route<{ draftId: string; revisionId: string }>(async ({ actor, params }) => getRevision({ actor, draftId: params.draftId, revisionId: params.revisionId }));
