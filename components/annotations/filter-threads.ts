// Filters for the Comments panel: by highlight kind, by who started the thread, open or resolved, and
// "mine", over the threads the panel already has (no request). Each count says how many threads that
// choice would show with the other filters as they are.
import type { HighlightKind } from "@/lib/collab/reading-doc";
import { isUnreadable, type Thread, type ThreadHighlight, type ThreadIndex } from "./threads";

/** "whole": threads on the whole paper or draft (no passage). */
export type KindChoice = HighlightKind | "whole";
export type StatusChoice = "open" | "resolved";

export interface ThreadFilter {
  kind: KindChoice | null;
  /** Who started the thread (or made a highlight nobody commented on yet). */
  authorId: string | null;
  status: StatusChoice | null;
  /** Threads the actor started or replied to, and threads on (or bare highlights of) the actor's highlights. */
  mine: boolean;
}

export const NO_FILTER: ThreadFilter = { kind: null, authorId: null, status: null, mine: false };

export function isFiltering(filter: ThreadFilter): boolean {
  return filter.kind !== null || filter.authorId !== null || filter.status !== null || filter.mine;
}

/** One thing the panel lists: a thread, or a highlight with no thread yet. */
interface Item {
  kind: KindChoice;
  /** Null when the starter cannot be shown (a deleted or unreadable first comment). */
  authorId: string | null;
  status: StatusChoice;
  mine: boolean;
}

export interface FilterCounts {
  /** Threads and bare highlights, with no filter. */
  total: number;
  /** What the current filter shows. */
  shown: number;
  kinds: ReadonlyMap<KindChoice, number>;
  authors: ReadonlyMap<string, number>;
  statuses: ReadonlyMap<StatusChoice, number>;
  mine: number;
}

function threadItem(thread: Thread, kind: KindChoice, highlight: ThreadHighlight | null, actorId: string): Item {
  const root = thread.root;
  const authorId = isUnreadable(root) || root.deleted ? null : root.authorId;
  const wrote = [root, ...thread.replies].some((comment) => !isUnreadable(comment) && !comment.deleted && comment.authorId === actorId);
  return { kind, authorId, status: thread.resolved ? "resolved" : "open", mine: wrote || highlight?.authorId === actorId };
}

function bareHighlightItem(highlight: ThreadHighlight, actorId: string): Item {
  return { kind: highlight.kind, authorId: highlight.authorId, status: "open", mine: highlight.authorId === actorId };
}

type Facet = "kind" | "authorId" | "status" | "mine";

function matches(item: Item, filter: ThreadFilter, except?: Facet): boolean {
  return (
    (except === "kind" || filter.kind === null || item.kind === filter.kind) &&
    (except === "authorId" || filter.authorId === null || item.authorId === filter.authorId) &&
    (except === "status" || filter.status === null || item.status === filter.status) &&
    (except === "mine" || !filter.mine || item.mine)
  );
}

function tally<K>(items: readonly Item[], filter: ThreadFilter, facet: Facet, key: (item: Item) => K | null): Map<K, number> {
  const counts = new Map<K, number>();
  for (const item of items) {
    const value = key(item);
    if (value !== null && matches(item, filter, facet)) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

/** The index with only the threads (and bare highlights) the filter lets through, and the counts for each choice. */
export function filterThreads(index: ThreadIndex, filter: ThreadFilter, actorId: string): { index: ThreadIndex; counts: FilterCounts } {
  const items: Item[] = [];
  const keep = (item: Item) => {
    items.push(item);
    return matches(item, filter);
  };
  const groups = (list: ThreadIndex["anchored"]) =>
    list.flatMap((group) => {
      if (group.threads.length === 0) return keep(bareHighlightItem(group.highlight, actorId)) ? [group] : [];
      const threads = group.threads.filter((thread) => keep(threadItem(thread, group.highlight.kind, group.highlight, actorId)));
      return threads.length > 0 ? [{ ...group, threads }] : [];
    });
  const filtered: ThreadIndex = {
    anchored: groups(index.anchored),
    detached: groups(index.detached),
    paper: index.paper.filter((thread) => keep(threadItem(thread, "whole", null, actorId))),
    // Unreadable highlights have no kind, author or status to filter by: shown only when nothing is filtered.
    unreadableHighlights: isFiltering(filter) ? [] : index.unreadableHighlights,
  };
  return {
    index: filtered,
    counts: {
      total: items.length,
      shown: items.filter((item) => matches(item, filter)).length,
      kinds: tally(items, filter, "kind", (item) => item.kind),
      authors: tally(items, filter, "authorId", (item) => item.authorId),
      statuses: tally(items, filter, "status", (item) => item.status),
      mine: items.filter((item) => item.mine && matches(item, filter, "mine")).length,
    },
  };
}
