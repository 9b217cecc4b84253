import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { requireMember } from "@/lib/auth/page-guard";
import { can } from "@/lib/policies";
import { getReading } from "@/lib/readings/get-reading";
import { getReadingAnnotations } from "@/lib/readings/get-reading-annotations";
import { getDb } from "@/lib/db/client";
import { listMembersForMentions } from "@/lib/members/handles";
import { citationsForSession } from "@/lib/drafts/quote-highlight";
import { getLastSeen } from "@/lib/last-seen/get-last-seen";
import { NewsSourceProvider } from "@/components/annotations/news";
import { ReadingWorkspace } from "@/components/annotations/reading-workspace";
import { SECTION_BADGES } from "@/components/reading/section-heading";
import { ExternalLink } from "@/components/ui/external-link";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const actor = await getCurrentActor();
  if (!can(actor, "course:view")) return { title: "Reading" };
  const reading = await getReading({ actor, id: (await params).id });
  return { title: reading?.title ?? "Reading not found" };
}

export default async function ReadingPage({ params }: Params) {
  const { id } = await params;
  const actor = await requireMember(`/readings/${encodeURIComponent(id)}`);
  const reading = await getReading({ actor, id });
  if (!reading) notFound();
  const members = await listMembersForMentions({ actor, db: getDb() });
  const citations = await citationsForSession({ sessionId: reading.sessionId, readingId: reading.id });
  const lastSeen = await getLastSeen({ actor, place: { documentKind: "reading", documentId: reading.id } });
  // Rendered into the HTML, so the page is readable before its live connection (or without script).
  const annotations = await getReadingAnnotations({ actor, readingId: reading.id });
  if (!annotations) notFound();
  return (
    <article className="mx-auto max-w-6xl">
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <Link href="/" className="hover:text-ink">
          Sessions
        </Link>
        <span aria-hidden="true"> / </span>
        <Link href={`/sessions/${reading.session.slug}`} className="hover:text-ink">
          {reading.session.title}
        </Link>
      </nav>
      <p className="mt-4 text-xs font-semibold uppercase tracking-wider text-accent">{SECTION_BADGES[reading.section]}</p>
      <h1 className="mt-1 font-serif text-3xl font-semibold leading-tight tracking-tight sm:text-4xl">{reading.title}</h1>
      {reading.authors.length > 0 ? (
        <p className="mt-3 text-muted">
          <span className="sr-only">Authors: </span>
          {reading.authors.join(", ")}
        </p>
      ) : null}
      {reading.url || reading.extraLinks.length > 0 ? (
        <ul className="mt-4 flex flex-wrap gap-x-5 gap-y-2 text-sm" aria-label="Links">
          {reading.url ? (
            <li>
              <ExternalLink href={reading.url}>{linkLabel(reading.url)}</ExternalLink>
            </li>
          ) : null}
          {reading.extraLinks.map((link) => (
            <li key={link.url}>
              <ExternalLink href={link.url}>{link.label ?? linkLabel(link.url)}</ExternalLink>
            </li>
          ))}
        </ul>
      ) : null}
      <section aria-labelledby="abstract-heading" className="mt-8">
        <h2 id="abstract-heading" className="text-sm font-semibold uppercase tracking-wider text-muted">
          Abstract
        </h2>
        {reading.abstract ? (
          <div className="mt-3">
            <NewsSourceProvider source={{ document: `reading:${reading.id}`, lastSeenAt: lastSeen?.getTime() ?? null }}>
              <ReadingWorkspace
                readingId={reading.id}
                abstract={reading.abstract}
                actor={actor}
                session={{ leadTeamId: reading.session.leadTeamId, blogTeamId: reading.session.blogTeamId }}
                members={members}
                drafts={{ readingId: reading.id, sessionSlug: reading.session.slug, citations }}
                initial={annotations}
              />
            </NewsSourceProvider>
          </div>
        ) : (
          <p className="mt-3 text-muted">The reading list gives no abstract for this reading.</p>
        )}
      </section>
    </article>
  );
}

function linkLabel(url: string): string {
  const { host, pathname } = new URL(url);
  if (host.endsWith("arxiv.org")) return `arXiv ${pathname.replace(/^\/abs\//, "")}`;
  return host.replace(/^www\./, "");
}
