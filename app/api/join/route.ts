import { z } from "zod";
import { clientAddressFrom } from "@/lib/auth/client-address";
import { joinCodeSchema } from "@/lib/auth/fields";
import { authorize } from "@/lib/policies";
import { readJson, route } from "@/lib/http/route";
import { joinCourse } from "@/lib/members/join-course";

export const POST = route(async ({ request, actor }) => {
  authorize(actor, "course:join");
  const { joinCode } = await readJson(request, z.object({ joinCode: joinCodeSchema }));
  await joinCourse({ actor, joinCode, clientAddress: clientAddressFrom(request.headers) });
  return { ok: true };
});
