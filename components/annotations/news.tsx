"use client";
// What is new on a thread document's page since the reader's last visit: comments by others created
// after it are marked "New"; "Next new" walks through them in page order; "Mark all read" clears them.
// Opening the page tells the server it was seen (so the session page's "N new" goes), once per visit.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { submitJson } from "@/components/ui/submit";
import type { Comment } from "@/lib/collab/reading-doc";
import { isUnreadable, type ThreadComment } from "./threads";

export interface NewsSource {
  /** What the server records as seen: `reading:<id>` or `draft-threads:<draftId>`. */
  document: string;
  /** When the reader last saw it before this visit (epoch ms); null: never. */
  lastSeenAt: number | null;
}

export interface News {
  isNew(comment: Comment): boolean;
  count: number;
  markAllRead(): void;
  /** Why the last "seen" could not be recorded; null when it was. */
  error: string | null;
}

export function isNewComment(comment: ThreadComment, actorId: string, cutoff: number): comment is Comment {
  return !isUnreadable(comment) && !comment.deleted && comment.authorId !== actorId && comment.createdAt > cutoff;
}

/** Tells the server the reader has seen `document` up to now; the problem in words when it could not. */
async function recordSeen(document: string): Promise<string | null> {
  const result = await submitJson("/api/last-seen", "POST", { document });
  return result.ok ? null : `Could not record that you have read this: ${result.error.message}`;
}

export function useNews(source: NewsSource | undefined, comments: readonly ThreadComment[], actorId: string): News {
  const [cutoff, setCutoff] = useState(source?.lastSeenAt ?? Number.NEGATIVE_INFINITY);
  const [error, setError] = useState<string | null>(null);
  const document = source?.document;

  const record = useCallback(() => {
    if (document) void recordSeen(document).then(setError);
  }, [document]);

  useEffect(record, [record]);

  const count = useMemo(() => (source ? comments.filter((comment) => isNewComment(comment, actorId, cutoff)).length : 0), [source, comments, actorId, cutoff]);
  const isNew = useCallback((comment: Comment) => source !== undefined && isNewComment(comment, actorId, cutoff), [source, actorId, cutoff]);
  return {
    isNew,
    count,
    markAllRead: () => {
      setCutoff(Math.max(Date.now(), ...comments.flatMap((comment) => (isUnreadable(comment) ? [] : [comment.createdAt]))));
      record();
    },
    error,
  };
}

/** The ids of the comments marked new inside `container`, in page order. */
export function newCommentIds(container: ParentNode): string[] {
  return [...container.querySelectorAll<HTMLElement>("[data-new-comment]")].flatMap((element) => (element.dataset.commentId ? [element.dataset.commentId] : []));
}

/** The new comment after `current` in page order, wrapping around; the first when `current` is not one. */
export function nextNewComment(ids: readonly string[], current: string | null): string | null {
  if (ids.length === 0) return null;
  const index = current === null ? -1 : ids.indexOf(current);
  return ids[(index + 1) % ids.length]!;
}

const BUTTON = "inline-flex min-h-8 items-center rounded-md border border-rule bg-white px-2 text-xs font-medium text-ink hover:bg-accent-soft/60";

export function NewsBar({ news, onNext }: { news: News; onNext: () => void }) {
  if (news.count === 0 && !news.error) return null;
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2 rounded-lg bg-accent-soft/50 px-3 py-2 text-sm" data-testid="news-bar">
      {news.count > 0 ? (
        <>
          <span className="font-semibold text-accent">{news.count} new</span>
          <button type="button" className={BUTTON} onClick={onNext}>
            Next new
          </button>
          <button type="button" className={BUTTON} onClick={news.markAllRead}>
            Mark all read
          </button>
        </>
      ) : null}
      <span role="status" className="text-xs text-red-700">
        {news.error}
      </span>
    </div>
  );
}

const NewsSourceContext = createContext<NewsSource | undefined>(undefined);

/** Set by the page (it knows when the reader last came): the Comments panel inside marks what is new. */
export function NewsSourceProvider({ source, children }: { source: NewsSource; children: ReactNode }) {
  return <NewsSourceContext.Provider value={source}>{children}</NewsSourceContext.Provider>;
}

export function useNewsSource(): NewsSource | undefined {
  return useContext(NewsSourceContext);
}
