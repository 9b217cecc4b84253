import { authorize } from "@/lib/policies";
import { readJson, route } from "@/lib/http/route";
import { markSeen } from "@/lib/last-seen/mark-seen";
import { markSeenInputSchema } from "@/lib/last-seen/seen-place";

/** "I have seen this up to now": a reading's or a draft's threads, or one's Activity. Idempotent. */
export const POST = route(async ({ request, actor }) => {
  authorize(actor, "last-seen:mark");
  const { document } = await readJson(request, markSeenInputSchema);
  const { seenAt } = await markSeen({ actor, place: document });
  return { seenAt: seenAt.toISOString() };
});
