"use client";
import { useId, useState } from "react";
import type { HighlightKind } from "@/lib/collab/reading-doc";
import { can } from "@/lib/policies";
import { CommentComposer } from "./comment-composer";
import { CopyLink } from "./copy-link";
import { AnsweredBadge } from "@/components/questions/answered-badge";
import { DraftQuotes } from "./draft-quotes";
import { ThreadView, unavailable } from "./comment-thread";
import { KIND_STYLES, KINDS } from "./kinds";
import { isoTime, relativeTime } from "./relative-time";
import type { ThreadContext } from "./thread-context";
import { isUnreadable, type HighlightGroup } from "./threads";

export function highlightCardId(highlightId: string): string {
  return `highlight-card-${highlightId}`;
}

export function KindBadge({ kind }: { kind: HighlightKind }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${KIND_STYLES[kind].badge}`}>{KIND_STYLES[kind].label}</span>;
}

export interface HighlightCardProps {
  group: HighlightGroup;
  ctx: ThreadContext;
  /** The highlight picked in the text: outlined, resolved threads open, comment box shown. */
  active: boolean;
  onShowInText?: (highlightId: string) => void;
}

export function HighlightCard({ group, ctx, active, onShowInText }: HighlightCardProps) {
  const headingId = useId();
  const [composing, setComposing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const { highlight, threads } = group;
  const detached = group.anchor.status === "detached";
  const mine = can(ctx.actor, "annotation:edit", { authorId: highlight.authorId });
  // The server refuses to delete a highlight others have commented on; don't offer what will bounce.
  const othersCommented = threads.some((thread) => [thread.root, ...thread.replies].some((comment) => isUnreadable(comment) || comment.authorId !== ctx.actor.id));
  const showComposer = ctx.canAnnotate && threads.length === 0 && (composing || active);

  return (
    <li
      id={highlightCardId(highlight.id)}
      tabIndex={-1}
      data-highlight-card={highlight.id}
      aria-labelledby={headingId}
      className={`scroll-mt-4 rounded-xl border p-3 transition-shadow focus:outline-none ${active ? "border-accent shadow-md ring-2 ring-accent/30" : "border-rule bg-white/60"}`}
    >
      <h4 id={headingId} className="flex flex-wrap items-center gap-2 text-xs text-muted">
        <KindBadge kind={highlight.kind} />
        <span>
          Highlighted by <span className="font-medium text-ink">{ctx.nameOf(highlight.authorId)}</span>
        </span>
        <time dateTime={isoTime(highlight.createdAt)} title={ctx.exactTime(highlight.createdAt)}>
          {relativeTime(highlight.createdAt, ctx.now)}
        </time>
      </h4>
      <blockquote className={`mt-2 border-l-4 pl-3 font-serif text-sm leading-relaxed text-ink ${KIND_STYLES[highlight.kind].quote}`}>
        <p className={active ? "" : "line-clamp-3"}>{group.quote}</p>
      </blockquote>
      {detached ? <p className="mt-1 text-xs text-muted">{ctx.place?.passageGone ?? "The abstract changed and this passage can no longer be found in it."}</p> : null}
      <AnsweredBadge answeredIn={highlight.answeredIn} />
      <DraftQuotes highlightId={highlight.id} ctx={ctx} />
      <div className="mt-2 flex flex-wrap items-center gap-2">
        {!detached && onShowInText ? (
          <button type="button" onClick={() => onShowInText(highlight.id)} className="min-h-8 rounded-md px-2 text-xs font-medium text-accent hover:bg-accent-soft/60">
            Show in text
          </button>
        ) : null}
        <CopyLink target={{ kind: "highlight", id: highlight.id }} className="inline-flex min-h-8 items-center rounded-md px-2 text-xs font-medium text-muted hover:bg-accent-soft/60 hover:text-ink" />
        {mine && ctx.canAnnotate ? (
          <label className="flex items-center gap-1 text-xs text-muted">
            Kind
            <select
              value={highlight.kind}
              disabled={!ctx.actions}
              aria-describedby={ctx.unavailableId ?? undefined}
              onChange={(event) => ctx.actions?.setKind(highlight.id, event.target.value as HighlightKind)}
              className="min-h-8 rounded-md border border-rule bg-white px-1 text-xs text-ink focus:border-accent disabled:opacity-50"
            >
              {KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_STYLES[kind].label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {mine && ctx.canAnnotate && !othersCommented ? (
          confirmingDelete ? (
            <span role="group" aria-label="Delete this highlight?" className="inline-flex items-center gap-1 rounded-md bg-red-50 px-1 text-xs text-red-900">
              Delete this highlight{threads.length > 0 ? " and its comments" : ""}?
              <button
                type="button"
                autoFocus
                {...unavailable(ctx)}
                onClick={() => ctx.actions?.deleteHighlight(highlight.id)}
                className="min-h-8 rounded-md px-2 font-semibold text-red-800 hover:bg-red-100 aria-disabled:cursor-not-allowed aria-disabled:opacity-50"
              >
                Yes, delete
              </button>
              <button type="button" onClick={() => setConfirmingDelete(false)} className="min-h-8 rounded-md px-2 font-medium text-muted hover:text-ink">
                Cancel
              </button>
            </span>
          ) : (
            <button type="button" onClick={() => setConfirmingDelete(true)} className="min-h-8 rounded-md px-2 text-xs font-medium text-muted hover:bg-accent-soft/60 hover:text-ink">
              Delete highlight
            </button>
          )
        ) : null}
      </div>
      {threads.length > 0 ? (
        <ol className="mt-3 space-y-3">
          {threads.map((thread) => (
            <li key={thread.root.id}>
              <ThreadView thread={thread} ctx={ctx} forceOpen={active} />
            </li>
          ))}
        </ol>
      ) : showComposer ? (
        <div className="mt-3">
          <CommentComposer
            label="Add a comment"
            submitLabel="Add comment"
            rows={2}
            members={ctx.members}
            unavailableId={ctx.unavailableId}
            onCancel={active ? undefined : () => setComposing(false)}
            onSubmit={(body) => {
              ctx.actions?.startThread(highlight.id, body);
              setComposing(false);
              return true;
            }}
          />
        </div>
      ) : ctx.canAnnotate ? (
        <button type="button" onClick={() => setComposing(true)} className="mt-2 min-h-8 rounded-md px-2 text-xs font-medium text-accent hover:bg-accent-soft/60">
          Add a comment
        </button>
      ) : null}
    </li>
  );
}
