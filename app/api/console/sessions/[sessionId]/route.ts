import { z } from "zod";
import { authorize } from "@/lib/policies";
import { readJson, route } from "@/lib/http/route";
import { assignSessionTeams } from "@/lib/sessions/assign-teams";

const teamsSchema = z.object({ leadTeamId: z.string().max(64).nullable(), blogTeamId: z.string().max(64).nullable() });

export const PATCH = route<{ sessionId: string }>(async ({ request, actor, params }) => {
  authorize(actor, "session:assign-teams");
  const teams = await readJson(request, teamsSchema);
  const session = await assignSessionTeams({ actor, sessionId: params.sessionId, ...teams });
  return { id: session.id, leadTeamId: session.leadTeamId, blogTeamId: session.blogTeamId };
});
