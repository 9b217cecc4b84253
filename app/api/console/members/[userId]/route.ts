import { z } from "zod";
import { authorize } from "@/lib/policies";
import { readJson, route } from "@/lib/http/route";
import { moveMember } from "@/lib/members/move-member";

export const PATCH = route<{ userId: string }>(async ({ request, actor, params }) => {
  authorize(actor, "roster:manage");
  const { teamId } = await readJson(request, z.object({ teamId: z.string().max(64).nullable() }));
  const membership = await moveMember({ actor, userId: params.userId, teamId });
  return { userId: membership.userId, teamId: membership.teamId };
});
