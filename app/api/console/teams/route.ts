import { z } from "zod";
import { authorize } from "@/lib/policies";
import { readJson, route } from "@/lib/http/route";
import { createTeam, teamSlugSchema } from "@/lib/members/teams";

export const POST = route(async ({ request, actor }) => {
  authorize(actor, "roster:manage");
  const { slug } = await readJson(request, z.object({ slug: teamSlugSchema }));
  return Response.json(await createTeam({ actor, slug }), { status: 201 });
});
