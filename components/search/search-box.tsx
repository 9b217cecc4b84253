// "Search annotations": a plain GET form to the session's search page, so it works without JavaScript
// and the results have an address to share or go back to.
import { MAX_QUERY_LENGTH } from "@/lib/search/search-annotations";

export function SearchBox({ sessionSlug, query = "", className = "" }: { sessionSlug: string; query?: string; className?: string }) {
  return (
    <form role="search" aria-label="Annotations" method="get" action={`/sessions/${encodeURIComponent(sessionSlug)}/search`} className={`flex min-w-0 flex-wrap items-end gap-2 ${className}`}>
      <label className="flex min-w-0 flex-1 basis-56 flex-col gap-1 text-sm font-medium text-ink">
        Search annotations
        <input
          type="search"
          name="q"
          defaultValue={query}
          maxLength={MAX_QUERY_LENGTH}
          required
          placeholder="Words, or a “quoted phrase”"
          className="w-full min-w-0 rounded-lg border border-rule bg-white px-3 py-2 text-base font-normal text-ink shadow-sm focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/30"
        />
      </label>
      <button type="submit" className="rounded-lg bg-accent px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-ink focus:outline-none focus-visible:ring-2 focus-visible:ring-accent/40">
        Search
      </button>
    </form>
  );
}
