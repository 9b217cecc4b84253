"use client";
// A highlight's link to the session's drafts: where it is quoted, and (for the lead and blog teams)
// buttons that quote it into the presentation or the blog post.
import Link from "next/link";
import { useState } from "react";
import { can } from "@/lib/policies";
import { submitJson } from "@/components/ui/submit";
import type { ThreadContext } from "./thread-context";

type DraftKind = "PRESENTATION" | "BLOG_POST";
const LABEL: Record<DraftKind, { quote: string; cited: string; slug: string }> = {
  PRESENTATION: { quote: "Quote in presentation", cited: "Quoted in the presentation", slug: "presentation" },
  BLOG_POST: { quote: "Quote in blog post", cited: "Quoted in the blog post", slug: "blog-post" },
};

export function DraftQuotes({ highlightId, ctx }: { highlightId: string; ctx: ThreadContext }) {
  const drafts = ctx.drafts;
  const [cited, setCited] = useState<DraftKind[]>(drafts?.citations[highlightId] ?? []);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, setPending] = useState<DraftKind | null>(null);
  if (!drafts) return null;
  const writable = (["PRESENTATION", "BLOG_POST"] as const).filter((kind) => can(ctx.actor, "highlight:quote", { draftKind: kind, session: ctx.session }));

  async function quote(kind: DraftKind) {
    setPending(kind);
    const result = await submitJson(`/api/readings/${drafts!.readingId}/highlights/${highlightId}/quote`, "POST", { kind });
    setPending(null);
    if (result.ok) {
      setCited((current) => (current.includes(kind) ? current : [...current, kind]));
      setMessage({ error: false, text: `${LABEL[kind].cited}.` });
    } else setMessage({ error: true, text: result.error.message });
  }

  if (cited.length === 0 && writable.length === 0) return null;
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2 text-xs">
      {cited.map((kind) => (
        <Link key={kind} href={`/sessions/${drafts.sessionSlug}/drafts/${LABEL[kind].slug}`} className="rounded-full bg-accent-soft px-2 py-0.5 font-medium text-accent hover:underline">
          {LABEL[kind].cited}
        </Link>
      ))}
      {writable.map((kind) => (
        <button
          key={kind}
          type="button"
          disabled={pending !== null}
          onClick={() => void quote(kind)}
          className="min-h-8 rounded-md border border-rule bg-white px-2 font-medium text-ink hover:bg-paper disabled:opacity-60"
        >
          {pending === kind ? "Quoting…" : LABEL[kind].quote}
        </button>
      ))}
      <span role="status" className={message?.error ? "text-red-700" : "text-muted"}>
        {message?.text}
      </span>
    </div>
  );
}
