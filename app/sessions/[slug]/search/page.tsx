import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/auth/page-guard";
import { isAppError } from "@/lib/errors/app-error";
import { searchAnnotations, type AnnotationHit, type MarkedText, type SearchResult } from "@/lib/search/search-annotations";
import { getSession } from "@/lib/sessions/get-session";
import { KIND_STYLES } from "@/components/annotations/kinds";
import { SearchBox } from "@/components/search/search-box";
import { EmptyState } from "@/components/ui/empty-state";
import type { HighlightKind } from "@/lib/collab/reading-doc";

export const metadata: Metadata = { title: "Search annotations" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SearchPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const raw = (await searchParams).q;
  const query = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  const actor = await requireMember(`/sessions/${encodeURIComponent(slug)}/search${query ? `?q=${encodeURIComponent(query)}` : ""}`);
  const session = await getSession({ actor, slug });
  if (!session) notFound();

  let result: SearchResult | null = null;
  let problem: string | null = null;
  if (query.trim() !== "") {
    try {
      result = await searchAnnotations({ actor, sessionId: session.id, query });
    } catch (error) {
      if (!isAppError(error) || error.code !== "INVALID_INPUT") throw error;
      problem = error.message;
    }
  }

  return (
    <div className="mx-auto max-w-3xl">
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <Link href="/" className="hover:text-ink">
          Sessions
        </Link>
        <span aria-hidden="true"> / </span>
        <Link href={`/sessions/${session.slug}`} className="hover:text-ink">
          {session.title}
        </Link>
      </nav>
      <h1 className="mt-2 font-serif text-3xl font-semibold tracking-tight">Search annotations</h1>
      <p className="mt-1 text-sm text-muted">Comments and highlighted passages on this session&apos;s readings and drafts.</p>
      <SearchBox sessionSlug={session.slug} query={query} className="mt-4" />

      {problem ? (
        <p role="alert" className="mt-4 rounded-lg border border-rose-300 bg-rose-50 p-3 text-sm text-rose-900">
          {problem}
        </p>
      ) : null}

      {result && !result.searchable ? (
        <EmptyState title="Nothing to search for">The words are too common, or all excluded with a minus. Add a more specific word, such as a method, a model or a dataset.</EmptyState>
      ) : null}
      {result && result.searchable && result.hits.length === 0 ? (
        <EmptyState title={`Nothing matches “${query.trim()}”`}>Try fewer words, or another form of the word.</EmptyState>
      ) : null}
      {result && result.hits.length > 0 ? (
        <section aria-labelledby="results-heading" className="mt-6">
          <h2 id="results-heading" className="text-sm font-semibold text-muted">
            {result.more ? `The ${result.hits.length} best matches` : `${result.hits.length} ${result.hits.length === 1 ? "match" : "matches"}`} for “{query.trim()}”
          </h2>
          <ol className="mt-2 divide-y divide-rule rounded-xl border border-rule bg-white" aria-label="Search results">
            {result.hits.map((hit) => (
              <SearchHit key={`${hit.place.href}`} hit={hit} />
            ))}
          </ol>
          {result.more ? <p className="mt-2 text-sm text-muted">More annotations match: add a word to narrow the search.</p> : null}
        </section>
      ) : null}
    </div>
  );
}

function SearchHit({ hit }: { hit: AnnotationHit }) {
  const kind = hit.highlightKind && hit.highlightKind in KIND_STYLES ? KIND_STYLES[hit.highlightKind as HighlightKind] : null;
  return (
    <li className="min-w-0 p-4" data-search-hit={hit.type}>
      <p className="flex flex-wrap items-baseline gap-x-2 text-sm text-muted">
        <Link href={hit.place.href} className="font-medium text-accent underline hover:text-ink">
          {hit.type === "comment" ? "Comment" : "Highlight"} on {hit.place.title}
        </Link>
        <span>
          by <strong className="font-medium text-ink">{hit.authorName}</strong>{" "}
          <time dateTime={hit.createdAt.toISOString()}>{hit.createdAt.toISOString().slice(0, 16).replace("T", " ")}</time>
        </span>
      </p>
      {hit.passage ? (
        <blockquote className={`mt-2 border-l-4 pl-3 font-serif text-ink ${kind?.quote ?? "border-rule"}`}>
          {kind ? <span className="sr-only">Passage marked {kind.label}: </span> : null}
          <Marked text={hit.passage} />
        </blockquote>
      ) : null}
      {hit.snippet ? (
        <p className="mt-2 whitespace-pre-wrap break-words text-ink">
          <Marked text={hit.snippet} />
        </p>
      ) : null}
    </li>
  );
}

/** Matched words in <mark>; everything is React text, never HTML. */
function Marked({ text }: { text: MarkedText }) {
  return (
    <>
      {text.map((run, index) =>
        run.match ? (
          <mark key={index} className="rounded-sm bg-amber-200 px-0.5 text-ink">
            {run.text}
          </mark>
        ) : (
          <span key={index}>{run.text}</span>
        ),
      )}
    </>
  );
}
