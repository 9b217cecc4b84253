"use client";
// The Comments panel of a thread document, the same for a reading and for a draft (whose threads are
// the live document `draft-threads:<draftId>`; components/drafts/draft-workspace.tsx): threads on
// passages in text order, threads on the whole paper or draft, and what could not be placed or read.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import type { AnchorResult } from "@/lib/anchoring/anchor";
import type { UnreadableEntry } from "@/lib/collab/reading-doc";
import type { Actor, SessionTeams } from "@/lib/policies";
import { CommentAnnouncer } from "./comment-announcer";
import { CommentComposer } from "./comment-composer";
import { targetElementId, useHashTarget, type LinkTarget } from "./deep-link";
import { filterThreads, isFiltering, NO_FILTER, type ThreadFilter } from "./filter-threads";
import { ThreadView } from "./comment-thread";
import { HighlightCard, highlightCardId } from "./highlight-card";
import type { Member } from "./mention-autocomplete";
import { NewsBar, newCommentIds, nextNewComment, useNews, useNewsSource } from "./news";
import type { ReadingData } from "./reading-data";
import { absoluteTime } from "./relative-time";
import type { DraftLinks, ThreadActions, ThreadContext, ThreadPlace } from "./thread-context";
import { ThreadFilters } from "./thread-filters";
import { buildThreads, type ThreadHighlight } from "./threads";
import { useHydrated, useNow } from "./use-now";

export interface ActiveHighlight {
  id: string;
  /** Move focus to the highlight's card (the reader chose it); false when it was just created. */
  focus: boolean;
  scroll: boolean;
  /** Changes on every request, so choosing the same highlight twice scrolls again. */
  nonce: number;
}

/** The panel's words for what its threads hang on (a reading's by default). */
export interface PanelCopy {
  emptyMessage: string;
  /** Heading of the threads that hang on no passage. */
  wholeHeading: string;
  composerPlaceholder: string;
}

const READING_COPY: PanelCopy = {
  emptyMessage: "No comments yet. Select a passage to highlight it, or comment on the whole paper.",
  wholeHeading: "On the whole paper",
  composerPlaceholder: "On the whole paper… (@ to mention someone)",
};

export interface CommentsPanelProps {
  /** The reading's abstract (anchored passages are cut from it); for a draft, see passageText. */
  abstract: string;
  /** How a found passage reads now, where it is not a slice of `abstract` (a draft's live text). */
  passageText?: (highlight: ThreadHighlight, anchor: { start: number; end: number }) => string;
  /** The writes on the live document (thread-actions.ts); null until it is there, when they are shown unavailable. */
  actions: ThreadActions | null;
  data: ReadingData<ThreadHighlight>;
  /** Entries stored in a shape that cannot be read: each shown as such, in its place. */
  unreadable?: readonly UnreadableEntry[];
  anchors: ReadonlyMap<string, AnchorResult>;
  actor: Actor;
  session: SessionTeams;
  members: readonly Member[];
  /** can(actor, "reading:annotate"): without it the panel is read-only. */
  canAnnotate: boolean;
  activeHighlight: ActiveHighlight | null;
  onShowInText?: (highlightId: string) => void;
  /** Quoting into the session's drafts, and where highlights are quoted already. */
  drafts?: DraftLinks;
  /** Who may resolve a thread, when it is not the reading's rule (draft threads). */
  mayResolve?: (threadAuthorId: string) => boolean;
  place?: ThreadPlace;
  copy?: PanelCopy;
  /** Shown instead of the composer on the whole paper while given: a draft's "Comment on selection" form. */
  composer?: ReactNode;
  /** The region's accessible name, when it is not just its heading. */
  label?: string;
  /** When the server rendered the page (epoch ms), so hydration shows the same "5 min ago" as its render. */
  renderedAt?: number;
  className?: string;
}

export const EMPTY_MESSAGE = READING_COPY.emptyMessage;

/** Said (to assistive technology) of every control that writes, until the live document is there. */
export const UNAVAILABLE_REASON = "Still connecting to the live document: posting, replying, +1, editing and resolving work once it is live.";

const NOTHING_UNREADABLE: readonly UnreadableEntry[] = [];

export const UNREADABLE_HIGHLIGHT = "This highlight could not be read.";

export function CommentsPanel({
  abstract,
  passageText,
  actions,
  data,
  unreadable = NOTHING_UNREADABLE,
  anchors,
  actor,
  session,
  members,
  canAnnotate,
  activeHighlight,
  onShowInText,
  drafts,
  mayResolve,
  place,
  copy = READING_COPY,
  composer,
  label,
  renderedAt,
  className = "",
}: CommentsPanelProps) {
  const headingId = useId();
  const unavailableId = useId();
  const now = useNow(60_000, renderedAt);
  const hydrated = useHydrated();
  const allThreads = useMemo(
    () => buildThreads(data.highlights, data.comments, anchors, passageText ?? abstract, unreadable),
    [data.highlights, data.comments, anchors, passageText, abstract, unreadable],
  );
  const [filter, setFilter] = useState<ThreadFilter>(NO_FILTER);
  const filtered = useMemo(() => filterThreads(allThreads, filter, actor.id), [allThreads, filter, actor.id]);
  const index = filtered.index;
  // A highlight chosen in the text (or just made) is shown even where the filters would hide it.
  const [chosen, setChosen] = useState(activeHighlight);
  if (chosen !== activeHighlight) {
    setChosen(activeHighlight);
    const hidden = activeHighlight && ![...index.anchored, ...index.detached].some((group) => group.highlight.id === activeHighlight.id);
    if (hidden && isFiltering(filter)) setFilter(NO_FILTER);
  }

  // What is new since the last visit (the page provides when that was), and deep links / "Next new".
  const news = useNews(useNewsSource(), data.comments, actor.id);
  const panel = useRef<HTMLElement>(null);
  const [reveal, setReveal] = useState<(LinkTarget & { nonce: number }) | null>(null);
  const revealed = useRef(0);
  const revealedElement = useRef<HTMLElement | null>(null);
  const show = useCallback((target: LinkTarget) => setReveal((previous) => ({ ...target, nonce: (previous?.nonce ?? 0) + 1 })), []);
  // A link names one comment or highlight: show it even where the filters would hide it.
  useHashTarget(
    useCallback(
      (target: LinkTarget) => {
        setFilter(NO_FILTER);
        show(target);
      },
      [show],
    ),
  );
  const revealedCommentId = reveal?.kind === "comment" ? reveal.id : null;
  const { isNew } = news;

  const ctx = useMemo<ThreadContext>(() => {
    const byId = new Map(members.map((member) => [member.id, member.name]));
    const byHandle = new Map(members.flatMap((member) => (member.handle ? [[member.handle.toLowerCase(), member.name] as const] : [])));
    return {
      actor,
      session,
      members,
      canAnnotate,
      reactions: data.reactions,
      now,
      exactTime: (at) => (hydrated ? absoluteTime(at) : undefined),
      nameOf: (userId) => byId.get(userId) ?? (userId === actor.id ? actor.name : "A former member"),
      mentionLabel: (handle) => byHandle.get(handle),
      actions,
      unavailableId: actions ? null : unavailableId,
      drafts,
      mayResolve,
      place,
      isNew,
      revealedCommentId,
    };
  }, [actor, session, members, canAnnotate, data.reactions, now, hydrated, actions, unavailableId, drafts, mayResolve, place, isNew, revealedCommentId]);

  // Once the target is on the page (the document may still be loading), scroll to it and focus it, once per
  // request; and again if its thread moved while it had focus (a draft's passages are placed once the
  // editor has loaded, which re-renders their cards elsewhere and drops focus to the page).
  useEffect(() => {
    if (!reveal) return;
    const element = document.getElementById(targetElementId(reveal));
    if (!element) return;
    if (revealed.current === reveal.nonce && (element === revealedElement.current || document.activeElement !== document.body)) return;
    revealed.current = reveal.nonce;
    revealedElement.current = element;
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    element.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
    element.focus({ preventScroll: true });
  }, [reveal, index]);

  const nextNew = () => {
    const id = panel.current ? nextNewComment(newCommentIds(panel.current), revealedCommentId) : null;
    if (id) show({ kind: "comment", id });
  };

  useEffect(() => {
    if (!activeHighlight) return;
    const card = document.getElementById(highlightCardId(activeHighlight.id));
    if (!card) return;
    if (activeHighlight.scroll) {
      const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      card.scrollIntoView({ block: "nearest", behavior: smooth ? "smooth" : "auto" });
    }
    // Straight to the comment box when there is nothing to read yet.
    if (activeHighlight.focus) (card.querySelector("textarea") ?? card).focus({ preventScroll: true });
  }, [activeHighlight]);

  const commentCount = data.comments.filter((comment) => !comment.deleted).length;

  return (
    <section ref={panel} aria-labelledby={label ? undefined : headingId} aria-label={label} className={`min-w-0 ${className}`}>
      <h2 className="flex items-baseline gap-2 text-sm font-semibold uppercase tracking-wider text-muted">
        <span id={headingId}>Comments</span>
        {commentCount > 0 ? (
          <span className="rounded-full bg-accent-soft px-2 py-0.5 text-xs normal-case tracking-normal text-accent">
            {commentCount}
            <span className="sr-only"> comments</span>
          </span>
        ) : null}
      </h2>
      <NewsBar news={news} onNext={nextNew} />
      <CommentAnnouncer comments={data.comments} actorId={actor.id} nameOf={ctx.nameOf} />
      {actions ? null : (
        <p id={unavailableId} className="sr-only">
          {UNAVAILABLE_REASON}
        </p>
      )}

      {composer ??
        (canAnnotate ? (
          <div className="mt-3 rounded-xl border border-rule bg-white p-3">
            <CommentComposer
              label="Comment"
              submitLabel="Post"
              rows={2}
              members={members}
              placeholder={copy.composerPlaceholder}
              unavailableId={ctx.unavailableId}
              onSubmit={(body) => {
                actions?.startThread(null, body);
                return true;
              }}
            />
          </div>
        ) : null)}

      {commentCount === 0 ? <p className="mt-4 rounded-xl border border-dashed border-rule bg-white/60 p-4 text-center text-sm text-muted">{copy.emptyMessage}</p> : null}

      <ThreadFilters filter={filter} counts={filtered.counts} onChange={setFilter} nameOf={ctx.nameOf} wholeLabel={copy.wholeHeading} />
      {filtered.counts.total > 0 && filtered.counts.shown === 0 ? <p className="mt-4 rounded-xl border border-dashed border-rule bg-white/60 p-4 text-center text-sm text-muted">No threads match these filters.</p> : null}

      {index.anchored.length > 0 ? (
        <div className="mt-6">
          <h3 className="text-xs font-semibold uppercase tracking-wider text-muted">On highlighted passages</h3>
          <ol className="mt-2 space-y-3">
            {index.anchored.map((group) => (
              <HighlightCard
                key={group.highlight.id}
                group={group}
                ctx={ctx}
                active={activeHighlight?.id === group.highlight.id || (reveal?.kind === "highlight" && reveal.id === group.highlight.id)}
                onShowInText={onShowInText}
              />
            ))}
          </ol>
        </div>
      ) : null}

      {index.paper.length > 0 ? (
        <div className="mt-6">
          <h3 className="text-xs font-semibold uppercase tracking-wider text-muted">{copy.wholeHeading}</h3>
          <ol className="mt-2 space-y-3">
            {index.paper.map((thread) => (
              <li key={thread.root.id}>
                <ThreadView thread={thread} ctx={ctx} />
              </li>
            ))}
          </ol>
        </div>
      ) : null}

      {index.unreadableHighlights.length > 0 ? (
        <div className="mt-6">
          <h3 className="text-xs font-semibold uppercase tracking-wider text-muted">Unreadable highlights</h3>
          <p className="mt-1 text-xs text-muted">Stored in a form this page cannot read; they are kept as they are.</p>
          <ol className="mt-2 space-y-3">
            {index.unreadableHighlights.map((entry) => (
              <li key={entry.id} data-unreadable="" className="rounded-xl border border-dashed border-rule bg-white/60 p-3 text-sm italic text-muted">
                {UNREADABLE_HIGHLIGHT}
              </li>
            ))}
          </ol>
        </div>
      ) : null}

      {index.detached.length > 0 ? (
        <div className="mt-6">
          <h3 className="text-xs font-semibold uppercase tracking-wider text-muted">Detached highlights</h3>
          <p className="mt-1 text-xs text-muted">Passages that can no longer be found in the abstract, shown as they were highlighted.</p>
          <ol className="mt-2 space-y-3">
            {index.detached.map((group) => (
              <HighlightCard key={group.highlight.id} group={group} ctx={ctx} active={activeHighlight?.id === group.highlight.id || (reveal?.kind === "highlight" && reveal.id === group.highlight.id)} />
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
