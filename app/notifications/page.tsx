import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/auth/page-guard";
import { listMentions } from "@/lib/notifications/mentions";
import { EmptyState } from "@/components/ui/empty-state";
import { MarkSeenButton } from "@/components/ui/mark-seen-button";

export const metadata: Metadata = { title: "Mentions" };
export const dynamic = "force-dynamic";

export default async function MentionsPage() {
  const actor = await requireMember("/notifications");
  const mentions = await listMentions({ actor });
  return (
    <div className="mx-auto max-w-3xl">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="font-serif text-3xl font-semibold tracking-tight">Mentions</h1>
        {mentions.some((mention) => mention.isNew) ? <MarkSeenButton /> : null}
      </div>
      {mentions.length === 0 ? (
        <EmptyState title="Nobody has mentioned you yet">When a classmate writes @ and your name in a comment, it shows up here.</EmptyState>
      ) : (
        <ol className="mt-6 divide-y divide-rule rounded-xl border border-rule bg-white" aria-label="Mentions of you">
          {mentions.map((mention) => (
            <li key={`${mention.documentKind}:${mention.readingId}:${mention.commentId}`} className="p-4">
              <p className="text-sm text-muted">
                {mention.isNew ? <span className="mr-2 rounded bg-accent-soft px-1.5 py-0.5 text-xs font-semibold text-accent">New</span> : null}
                <strong className="text-ink">{mention.authorName}</strong> mentioned you on{" "}
                <Link href={mention.href} className="font-medium text-accent underline">
                  {mention.readingTitle}
                </Link>{" "}
                <time dateTime={mention.createdAt.toISOString()}>{mention.createdAt.toISOString().slice(0, 16).replace("T", " ")}</time>
              </p>
              <p className="mt-1 whitespace-pre-wrap text-ink">{mention.excerpt}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
