"use client";
import { useId, useState } from "react";
import type { Comment } from "@/lib/collab/reading-doc";
import { can } from "@/lib/policies";
import { AnsweredBadge } from "@/components/questions/answered-badge";
import { CommentBody } from "./comment-body";
import { CommentComposer } from "./comment-composer";
import { CopyLink } from "./copy-link";
import { isoTime, relativeTime } from "./relative-time";
import type { ThreadContext } from "./thread-context";
import { isUnreadable, type Thread, type ThreadComment } from "./threads";

const SMALL_BUTTON =
  "inline-flex min-h-8 items-center gap-1 rounded-md px-2 text-xs font-medium text-muted hover:bg-accent-soft/60 hover:text-ink aria-pressed:bg-accent-soft aria-pressed:text-accent aria-disabled:cursor-not-allowed aria-disabled:opacity-50";

function Timestamp({ at, ctx }: { at: number; ctx: ThreadContext }) {
  return (
    <time dateTime={isoTime(at)} title={ctx.exactTime(at)} className="text-xs text-muted">
      {relativeTime(at, ctx.now)}
    </time>
  );
}

/** A control that writes, while the live document is not there: announced as unavailable, saying why. */
export function unavailable(ctx: ThreadContext) {
  return ctx.unavailableId ? { "aria-disabled": true, "aria-describedby": ctx.unavailableId } : {};
}

export const UNREADABLE_COMMENT = "This comment could not be read.";

function CommentItem({ comment, ctx }: { comment: ThreadComment; ctx: ThreadContext }) {
  if (isUnreadable(comment)) {
    return (
      <p className="min-w-0 text-sm italic text-muted" data-comment-id={comment.id} data-unreadable="">
        {UNREADABLE_COMMENT}
      </p>
    );
  }
  return <ReadableComment comment={comment} ctx={ctx} />;
}

function ReadableComment({ comment, ctx }: { comment: Comment; ctx: ThreadContext }) {
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const mine = !comment.deleted && can(ctx.actor, "annotation:edit", { authorId: comment.authorId });
  const reactedBy = ctx.reactions.get(comment.id) ?? [];
  const reacted = reactedBy.includes(ctx.actor.id);
  const isNew = ctx.isNew?.(comment) ?? false;
  const editedAt = comment.editedAt === null ? undefined : ctx.exactTime(comment.editedAt);

  return (
    // Focusable so that a deep link or "Next new" can move focus here (deep-link.ts).
    <div className="min-w-0 scroll-mt-4 rounded-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-accent/40" data-comment-id={comment.id} id={`comment-${comment.id}`} tabIndex={-1} data-new-comment={isNew || undefined}>
      <p className="flex flex-wrap items-baseline gap-x-2">
        {isNew ? <span className="rounded bg-accent-soft px-1.5 py-0.5 text-xs font-semibold text-accent">New</span> : null}
        <span className="text-sm font-medium text-ink">{comment.deleted ? "deleted" : ctx.nameOf(comment.authorId)}</span>
        <Timestamp at={comment.createdAt} ctx={ctx} />
        {comment.editedAt !== null && !comment.deleted ? (
          <span className="text-xs text-muted" title={editedAt && `Edited ${editedAt}`}>
            (edited)
          </span>
        ) : null}
      </p>
      {comment.deleted ? (
        <p className="mt-1 text-sm italic text-muted">This comment was deleted.</p>
      ) : editing ? (
        <div className="mt-2">
          <CommentComposer
            label="Edit comment"
            submitLabel="Save"
            members={ctx.members}
            initialValue={comment.body}
            autoFocus
            unavailableId={ctx.unavailableId}
            onCancel={() => setEditing(false)}
            onSubmit={(body) => {
              if (body !== comment.body) ctx.actions?.edit(comment.id, body);
              setEditing(false);
              return true;
            }}
          />
        </div>
      ) : (
        <CommentBody body={comment.body} mentionLabel={ctx.mentionLabel} className="mt-1 space-y-2 break-words text-sm leading-relaxed text-ink [&_.mention]:font-medium [&_.mention]:text-accent" />
      )}
      {!comment.deleted && !editing ? (
        <div className="mt-1 flex flex-wrap items-center gap-1">
          <button
            type="button"
            aria-pressed={reacted}
            disabled={!ctx.canAnnotate}
            {...unavailable(ctx)}
            onClick={() => ctx.actions?.toggleReaction(comment.id)}
            title={reactedBy.length > 0 ? `+1 from ${reactedBy.map(ctx.nameOf).join(", ")}` : "Give this +1"}
            className={`${SMALL_BUTTON} disabled:cursor-default disabled:hover:bg-transparent`}
          >
            +1 <span className="tabular-nums">{reactedBy.length}</span>
          </button>
          <CopyLink target={{ kind: "comment", id: comment.id }} className={SMALL_BUTTON} />
          {mine && !confirmingDelete ? (
            <>
              <button type="button" className={SMALL_BUTTON} onClick={() => setEditing(true)}>
                Edit
              </button>
              <button type="button" className={SMALL_BUTTON} onClick={() => setConfirmingDelete(true)}>
                Delete
              </button>
            </>
          ) : null}
          {mine && confirmingDelete ? (
            <span role="group" aria-label="Delete this comment?" className="inline-flex items-center gap-1 rounded-md bg-red-50 px-1 text-xs text-red-900">
              Delete this comment?
              <button
                type="button"
                autoFocus
                className="min-h-8 rounded-md px-2 font-semibold text-red-800 hover:bg-red-100 aria-disabled:cursor-not-allowed aria-disabled:opacity-50"
                {...unavailable(ctx)}
                onClick={() => {
                  if (!ctx.actions) return;
                  ctx.actions.remove(comment.id);
                  setConfirmingDelete(false);
                }}
              >
                Yes, delete
              </button>
              <button type="button" className="min-h-8 rounded-md px-2 font-medium text-muted hover:text-ink" onClick={() => setConfirmingDelete(false)}>
                Cancel
              </button>
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

export interface ThreadViewProps {
  thread: Thread;
  ctx: ThreadContext;
  /** Resolved threads open when their highlight is the one being looked at. */
  forceOpen?: boolean;
}

export function ThreadView({ thread, ctx, forceOpen = false }: ThreadViewProps) {
  const bodyId = useId();
  const [toggled, setToggled] = useState<boolean | null>(null);
  const [replying, setReplying] = useState(false);
  const { root } = thread;
  const revealed = ctx.revealedCommentId != null && [root, ...thread.replies].some((comment) => comment.id === ctx.revealedCommentId);
  const open = !thread.resolved || (toggled ?? (forceOpen || revealed));
  const unreadableRoot = isUnreadable(root);
  // Nothing is offered on a root that cannot be read: the server could not check it either.
  const canResolve =
    !unreadableRoot && (ctx.mayResolve ? ctx.mayResolve(root.authorId) : can(ctx.actor, "thread:resolve", { threadAuthorId: root.authorId, session: ctx.session }));
  const canReply = ctx.canAnnotate && !unreadableRoot;
  const starter = unreadableRoot ? "a comment that could not be read" : root.deleted ? "a deleted comment" : ctx.nameOf(root.authorId);

  return (
    <article aria-label={`Thread started by ${starter}`} data-thread-id={root.id} data-resolved={thread.resolved || undefined} className="rounded-lg border border-rule bg-white p-3">
      {thread.resolved ? (
        <div className={`flex flex-wrap items-center gap-2 ${open ? "mb-2" : ""}`}>
          <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-semibold text-emerald-800 ring-1 ring-emerald-200">Resolved</span>
          {!unreadableRoot && root.resolvedBy ? <span className="text-xs text-muted">by {ctx.nameOf(root.resolvedBy)}</span> : null}
          <button type="button" aria-expanded={open} aria-controls={bodyId} onClick={() => setToggled(!open)} className={`${SMALL_BUTTON} ml-auto`}>
            {open ? "Hide" : `Show thread (${1 + thread.replies.length})`}
          </button>
        </div>
      ) : null}
      <div id={bodyId} hidden={!open}>
        {isUnreadable(root) ? null : <AnsweredBadge answeredIn={root.answeredIn} />}
        <CommentItem comment={root} ctx={ctx} />
        {thread.replies.length > 0 ? (
          <ol aria-label="Replies" className="mt-3 space-y-3 border-l-2 border-rule pl-3">
            {thread.replies.map((reply) => (
              <li key={reply.id}>
                <CommentItem comment={reply} ctx={ctx} />
              </li>
            ))}
          </ol>
        ) : null}
        {canReply ? (
          <div className="mt-2 flex flex-wrap items-center gap-1 border-t border-rule/70 pt-2">
            {replying ? null : (
              <button type="button" className={SMALL_BUTTON} onClick={() => setReplying(true)}>
                Reply
              </button>
            )}
            {canResolve ? (
              <button type="button" className={`${SMALL_BUTTON} ml-auto`} {...unavailable(ctx)} onClick={() => ctx.actions?.setResolved(root.id, !thread.resolved)}>
                {thread.resolved ? "Reopen" : "Resolve"}
              </button>
            ) : null}
          </div>
        ) : null}
        {replying ? (
          <div className="mt-2">
            <CommentComposer
              label="Reply"
              submitLabel="Send reply"
              rows={2}
              members={ctx.members}
              autoFocus
              unavailableId={ctx.unavailableId}
              onCancel={() => setReplying(false)}
              onSubmit={(body) => {
                ctx.actions?.reply(root.id, root.highlightId, body);
                setReplying(false);
                return true;
              }}
            />
          </div>
        ) : null}
      </div>
    </article>
  );
}
