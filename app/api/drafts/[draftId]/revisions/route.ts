import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { assertCanWrite, loadDraft } from "@/lib/drafts/drafts";
import { readJson, route } from "@/lib/http/route";
import { createNamedRevision, listRevisions, revisionNameSchema } from "@/lib/drafts/revisions";

type Params = { draftId: string };

export const GET = route<Params>(async ({ actor, params }) => ({ revisions: await listRevisions({ actor, draftId: params.draftId }) }));

/** Saves the draft as it is now under a name (its team and the instructor). */
export const POST = route<Params>(async ({ request, actor, params }) => {
  assertCanWrite(actor, await loadDraft(getDb(), params.draftId));
  const { name } = await readJson(request, z.object({ name: revisionNameSchema }));
  return Response.json(await createNamedRevision({ actor, draftId: params.draftId, name }), { status: 201 });
});
