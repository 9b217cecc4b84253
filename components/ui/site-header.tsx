import Link from "next/link";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/policies";
import { countNewMentions } from "@/lib/notifications/mentions";
import { countUnreadActivity } from "@/lib/activity/count-unread-activity";
import { SignOutButton } from "@/components/auth/sign-out-button";

export async function SiteHeader() {
  const actor = await getCurrentActor();
  const newMentions = actor && can(actor, "course:view") ? await countNewMentions({ actor }) : 0;
  const unreadActivity = actor && can(actor, "activity:view") ? await countUnreadActivity({ actor }) : 0;
  return (
    <header className="border-b border-rule bg-white/70 backdrop-blur">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="font-serif text-xl font-semibold tracking-tight text-ink no-underline">
          Marginalia
        </Link>
        {actor ? (
          <nav aria-label="Account" className="flex flex-wrap items-center gap-3 text-sm">
            {can(actor, "console:view") ? (
              <Link href="/console" className="font-medium text-ink hover:text-accent">
                Console
              </Link>
            ) : null}
            {can(actor, "activity:view") ? (
              <Link href="/activity" className="font-medium text-ink hover:text-accent">
                Activity
                {unreadActivity > 0 ? (
                  <span className="ml-1 rounded-full bg-accent px-1.5 py-0.5 text-xs font-semibold text-white">
                    {unreadActivity}
                    <span className="sr-only"> unread</span>
                  </span>
                ) : null}
              </Link>
            ) : null}
            <Link href="/notifications" className="font-medium text-ink hover:text-accent">
              Mentions
              {newMentions > 0 ? (
                <span className="ml-1 rounded-full bg-accent px-1.5 py-0.5 text-xs font-semibold text-white">
                  {newMentions}
                  <span className="sr-only"> new</span>
                </span>
              ) : null}
            </Link>
            <Link href="/account" className="font-medium text-ink hover:text-accent" data-testid="current-user">
              {actor.name}
            </Link>
            <SignOutButton />
          </nav>
        ) : null}
      </div>
    </header>
  );
}
