import { authorize } from "@/lib/policies";
import { route } from "@/lib/http/route";
import { rotateJoinCode } from "@/lib/course/course-settings";

/** Replaces the course's join code with a new random one. */
export const POST = route(async ({ actor }) => {
  authorize(actor, "join-code:manage");
  return rotateJoinCode({ actor });
});
