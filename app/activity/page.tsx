import type { Metadata } from "next";
import { requireMember } from "@/lib/auth/page-guard";
import { authorize } from "@/lib/policies";
import { listActivity } from "@/lib/activity/list-activity";
import { ActivityList } from "@/components/activity/activity-list";
import { MarkActivitySeen } from "@/components/activity/mark-activity-seen";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Activity" };
export const dynamic = "force-dynamic";

export default async function ActivityPage() {
  const actor = authorize(await requireMember("/activity"), "activity:view");
  const items = await listActivity({ actor });
  const unread = items.filter((item) => item.isNew).length;
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="font-serif text-3xl font-semibold tracking-tight">Activity</h1>
      <p className="mt-2 text-sm text-muted">
        The last 30 days: replies to your threads and to threads you took part in, mentions, your threads resolved or reopened, your highlights quoted
        into a draft, new threads in your sessions, and edits to the drafts you write. {unread > 0 ? `${unread} new since you last looked.` : null}
      </p>
      <MarkActivitySeen />
      {items.length === 0 ? (
        <EmptyState title="Nothing yet">When classmates reply to you, mention you or start threads in your sessions, it shows up here.</EmptyState>
      ) : (
        <ActivityList items={items} />
      )}
    </div>
  );
}
