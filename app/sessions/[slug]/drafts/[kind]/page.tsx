import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { getDraftPage } from "@/lib/drafts/drafts";
import { loadDraftJson } from "@/lib/drafts/load-draft-json";
import { listMembersForMentions } from "@/lib/members/handles";
import { getLastSeen } from "@/lib/last-seen/get-last-seen";
import { DraftWorkspace } from "@/components/drafts/draft-workspace";
import { renderStaticDraft } from "@/components/drafts/static-draft";

export const metadata: Metadata = { title: "Draft" };
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string; kind: string }> };

export default async function DraftPage({ params }: Params) {
  const { slug, kind } = await params;
  const actor = await requireMember(`/sessions/${encodeURIComponent(slug)}/drafts/${encodeURIComponent(kind)}`);
  const page = await getDraftPage({ actor, sessionSlug: slug, kindSlug: kind });
  if (!page) notFound();
  const [members, lastSeen, json] = await Promise.all([
    listMembersForMentions({ actor, db: getDb() }),
    getLastSeen({ actor, place: { documentKind: "draft-threads", documentId: page.draft.id } }),
    loadDraftJson({ actor, draftId: page.draft.id }),
  ]);
  return (
    <div>
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <Link href="/" className="hover:text-ink">
          Sessions
        </Link>
        <span aria-hidden="true"> / </span>
        <Link href={`/sessions/${page.draft.sessionSlug}`} className="hover:text-ink">
          {page.draft.sessionTitle}
        </Link>
      </nav>
      <h1 className="mt-2 font-serif text-3xl font-semibold tracking-tight">{page.draft.title}</h1>
      <div className="mt-6" data-draft-id={page.draft.id}>
        {/* The draft is rendered here, on the server; the editor takes its place once it has loaded. */}
        <DraftWorkspace
          draft={page.draft}
          actor={actor}
          session={page.session}
          canWrite={page.canWrite}
          members={members}
          news={{ document: `draft-threads:${page.draft.id}`, lastSeenAt: lastSeen?.getTime() ?? null }}
          initial={renderStaticDraft(json)}
        />
      </div>
    </div>
  );
}
