// One line under a reading or draft on the session page: its highlights, comments and open questions,
// and "N new" when something by others came since the reader's last visit.
import type { DocumentNews } from "@/lib/last-seen/list-session-news";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export function DocumentNewsLine({ news }: { news: DocumentNews | undefined }) {
  if (!news || news.highlights + news.comments === 0) return <p className="mt-1 text-xs text-muted">No highlights or comments yet</p>;
  return (
    <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted" data-testid="document-news">
      <span>{plural(news.highlights, "highlight", "highlights")}</span>
      <span>{plural(news.comments, "comment", "comments")}</span>
      {news.openQuestions > 0 ? <span>{plural(news.openQuestions, "open question", "open questions")}</span> : null}
      {news.newItems > 0 ? <span className="rounded-full bg-accent px-2 py-0.5 font-semibold text-white">{news.newItems} new</span> : null}
    </p>
  );
}
