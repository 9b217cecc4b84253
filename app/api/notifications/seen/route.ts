import { authorize } from "@/lib/policies";
import { route } from "@/lib/http/route";
import { markMentionsSeen } from "@/lib/notifications/mentions";

/** Marks every mention of you as seen. */
export const POST = route(async ({ actor }) => {
  authorize(actor, "course:view");
  await markMentionsSeen({ actor });
  return { ok: true };
});
