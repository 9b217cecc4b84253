import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { requireMember } from "@/lib/auth/page-guard";
import { can } from "@/lib/policies";
import { getSession } from "@/lib/sessions/get-session";
import { listSessionNews } from "@/lib/last-seen/list-session-news";
import { listMostHighlighted } from "@/lib/questions/list-most-highlighted";
import { DocumentNewsLine } from "@/components/activity/document-news";
import type { ReadingSectionName } from "@/lib/readings/session-text";
import { SECTION_LABELS } from "@/components/reading/section-heading";
import { SearchBox } from "@/components/search/search-box";
import { EmptyState } from "@/components/ui/empty-state";
import { TeamBadge } from "@/components/ui/team-badge";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const actor = await getCurrentActor();
  if (!can(actor, "course:view")) return { title: "Session" };
  const session = await getSession({ actor, slug: (await params).slug });
  return { title: session?.title ?? "Session not found" };
}

const ORDER: ReadingSectionName[] = ["REQUIRED", "MORE", "RELATED"];

export default async function SessionPage({ params }: Params) {
  const { slug } = await params;
  const actor = await requireMember(`/sessions/${encodeURIComponent(slug)}`);
  const session = await getSession({ actor, slug });
  if (!session) notFound();
  const news = await listSessionNews({ actor, sessionId: session.id });
  const mostHighlighted = await listMostHighlighted({ actor, sessionId: session.id });
  return (
    <div>
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <Link href="/" className="hover:text-ink">
          Sessions
        </Link>
      </nav>
      <h1 className="mt-2 font-serif text-3xl font-semibold tracking-tight sm:text-4xl">{session.title}</h1>
      <p className="mt-3 flex flex-wrap items-center gap-2">
        <TeamBadge role="Lead" team={session.leadTeam} />
        <TeamBadge role="Blog" team={session.blogTeam} />
        {can(actor, "questions:view") ? (
          <Link href={`/sessions/${session.slug}/questions`} className="text-sm font-medium text-accent underline hover:text-ink">
            Questions
          </Link>
        ) : null}
        {can(actor, "annotations:export") ? (
          <a href={`/api/sessions/${encodeURIComponent(session.slug)}/annotations`} download className="ml-auto text-sm font-medium text-accent underline hover:text-ink">
            Export annotations (W3C)
          </a>
        ) : null}
      </p>
      {can(actor, "annotations:search") ? <SearchBox sessionSlug={session.slug} className="mt-6" /> : null}
      <section aria-labelledby="drafts-heading" className="mt-8">
        <h2 id="drafts-heading" className="sr-only">
          Drafts
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2">
          {[
            { slug: "presentation", title: "Lead team's presentation", team: session.leadTeam, news: news.drafts.PRESENTATION },
            { slug: "blog-post", title: "Blog post", team: session.blogTeam, news: news.drafts.BLOG_POST },
          ].map((draft) => (
            <li key={draft.slug}>
              <Link
                href={`/sessions/${session.slug}/drafts/${draft.slug}`}
                className="block rounded-xl border border-rule bg-white p-4 shadow-sm transition hover:border-accent/40 hover:shadow"
              >
                <span className="font-semibold text-ink">{draft.title}</span>
                <span className="mt-1 block text-sm text-muted">{draft.team ? `Written by ${draft.team.name}` : "No team assigned yet"}</span>
                <DocumentNewsLine news={draft.news} />
              </Link>
            </li>
          ))}
        </ul>
      </section>
      {session.readings.length === 0 ? <EmptyState title="This session has no readings yet." /> : null}
      {ORDER.map((section) => {
        const readings = session.readings.filter((reading) => reading.section === section);
        if (readings.length === 0) return null;
        return (
          <section key={section} aria-labelledby={`section-${section}`} className="mt-10">
            <h2 id={`section-${section}`} className="border-b border-rule pb-2 text-sm font-semibold uppercase tracking-wider text-muted">
              {SECTION_LABELS[section]}
            </h2>
            <ol className="mt-2 divide-y divide-rule">
              {readings.map((reading) => (
                <li key={reading.id} className="py-4">
                  <Link href={`/readings/${reading.id}`} className="font-serif text-lg font-semibold text-ink hover:text-accent">
                    {reading.title}
                  </Link>
                  {reading.authors.length > 0 ? <p className="mt-1 text-sm text-muted">{formatAuthors(reading.authors)}</p> : null}
                  {reading.url ? <p className="mt-1 truncate text-xs text-muted">{new URL(reading.url).host}</p> : null}
                  <DocumentNewsLine news={news.readings[reading.id]} />
                  {mostHighlighted[reading.id] ? (
                    <figure className="mt-2 text-sm">
                      <figcaption className="text-xs text-muted">
                        Most highlighted passage ({mostHighlighted[reading.id]!.count} {mostHighlighted[reading.id]!.count === 1 ? "highlight" : "highlights"})
                      </figcaption>
                      <blockquote className="mt-1 border-l-4 border-accent/50 pl-3 font-serif text-ink">{mostHighlighted[reading.id]!.text}</blockquote>
                    </figure>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}

function formatAuthors(authors: string[]): string {
  return authors.length > 4 ? `${authors.slice(0, 3).join(", ")} and ${authors.length - 3} others` : authors.join(", ");
}
