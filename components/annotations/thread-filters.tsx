"use client";
// The Comments panel's filter bar: kind, author, open or resolved, and "mine", each choice with how many
// threads it would show. Native controls, so they work by keyboard and read well at 375 px.
import { useId } from "react";
import { isFiltering, NO_FILTER, type FilterCounts, type KindChoice, type StatusChoice, type ThreadFilter } from "./filter-threads";
import { KIND_STYLES, KINDS } from "./kinds";

export interface ThreadFiltersProps {
  filter: ThreadFilter;
  counts: FilterCounts;
  onChange: (filter: ThreadFilter) => void;
  nameOf: (userId: string) => string;
  /** The label of threads on no passage ("On the whole paper", "On the whole draft"). */
  wholeLabel: string;
}

const SELECT =
  "min-h-9 w-full min-w-0 rounded-md border border-rule bg-white px-2 py-1 text-sm text-ink focus:border-accent focus:outline-none focus-visible:ring-2 focus-visible:ring-accent/30";
const KIND_CHOICES: readonly KindChoice[] = [...KINDS, "whole"];

export function ThreadFilters({ filter, counts, onChange, nameOf, wholeLabel }: ThreadFiltersProps) {
  const id = useId();
  const active = isFiltering(filter);
  const count = (n: number | undefined) => ` (${n ?? 0})`;
  const kindLabel = (kind: KindChoice) => (kind === "whole" ? wholeLabel : KIND_STYLES[kind].label);
  // Only choices that would show something, plus whatever is chosen now (so it can be seen and undone).
  const kinds = KIND_CHOICES.filter((kind) => (counts.kinds.get(kind) ?? 0) > 0 || filter.kind === kind);
  const authors = [...new Set([...counts.authors.keys(), ...(filter.authorId ? [filter.authorId] : [])])]
    .map((authorId) => ({ authorId, name: nameOf(authorId) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const statuses: StatusChoice[] = ["open", "resolved"];

  if (counts.total === 0) return null;
  return (
    <div role="group" aria-labelledby={`${id}-heading`} className="mt-4 rounded-xl border border-rule bg-white/70 p-3">
      <h3 id={`${id}-heading`} className="sr-only">
        Filter threads
      </h3>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-[repeat(3,minmax(0,1fr))_auto]">
        <label className="flex min-w-0 flex-col gap-1 text-xs font-medium text-muted">
          Kind
          <select className={SELECT} value={filter.kind ?? ""} onChange={(event) => onChange({ ...filter, kind: (event.target.value || null) as KindChoice | null })}>
            <option value="">All kinds</option>
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {kindLabel(kind)}
                {count(counts.kinds.get(kind))}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-w-0 flex-col gap-1 text-xs font-medium text-muted">
          Author
          <select className={SELECT} value={filter.authorId ?? ""} onChange={(event) => onChange({ ...filter, authorId: event.target.value || null })}>
            <option value="">Anyone</option>
            {authors.map(({ authorId, name }) => (
              <option key={authorId} value={authorId}>
                {name}
                {count(counts.authors.get(authorId))}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-w-0 flex-col gap-1 text-xs font-medium text-muted">
          Status
          <select className={SELECT} value={filter.status ?? ""} onChange={(event) => onChange({ ...filter, status: (event.target.value || null) as StatusChoice | null })}>
            <option value="">Open or resolved</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {status === "open" ? "Open" : "Resolved"}
                {count(counts.statuses.get(status))}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-h-9 items-center gap-2 self-end text-sm text-ink">
          <input type="checkbox" className="size-4 accent-accent" checked={filter.mine} onChange={(event) => onChange({ ...filter, mine: event.target.checked })} />
          Mine{count(counts.mine)}
        </label>
      </div>
      <p className="mt-2 flex flex-wrap items-center justify-between gap-2 text-xs text-muted">
        <span role="status">{active ? `Showing ${counts.shown} of ${counts.total}` : ""}</span>
        {active ? (
          <button type="button" className="rounded-md px-2 py-1 font-medium text-accent underline hover:bg-accent-soft/60 hover:text-ink" onClick={() => onChange(NO_FILTER)}>
            Clear filters
          </button>
        ) : null}
      </p>
    </div>
  );
}
