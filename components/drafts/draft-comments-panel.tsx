"use client";
// Comments on a draft: on a passage (anchored by Yjs relative positions, painted in the editor) or
// on the whole draft. They live in the database, not in the live document, so this panel talks to
// the JSON routes and reloads when the collaboration server says they changed.
import { useEffect, useId, useMemo, useState } from "react";
import { can, type Actor, type DraftKind, type SessionTeams } from "@/lib/policies";
import { CommentBody } from "../annotations/comment-body";
import { CommentComposer } from "../annotations/comment-composer";
import type { Member } from "../annotations/mention-autocomplete";
import { absoluteTime, relativeTime } from "../annotations/relative-time";
import { useNow } from "../annotations/use-live-data";
import { submitJson } from "../ui/submit";
import type { SelectionAnchor } from "./comment-anchors";
import type { DraftComment, DraftThread } from "./comments";

/** Whether an anchored comment's passage still has text in the editor ("unknown" until the draft has loaded). */
export type PassageState = "present" | "removed" | "unknown";

export interface DraftCommentsPanelProps {
  draftId: string;
  actor: Actor;
  canWrite: boolean;
  /** Which draft of which session: who may resolve a comment is the policy's answer for these. */
  draftKind: DraftKind;
  session: SessionTeams;
  members: readonly Member[];
  threads: readonly DraftThread[];
  status: "loading" | "ready" | "error";
  error: string | null;
  reload: () => Promise<void>;
  /** The passage chosen with "Comment on selection"; null for a comment on the whole draft. */
  pending: SelectionAnchor | null;
  /** Changes every time "Comment on selection" is pressed, to move focus to the comment box again. */
  focusRequest: number;
  onClearPending: () => void;
  passageState: (comment: DraftComment) => PassageState;
  /** Selects the comment's passage in the editor; false when it cannot be found. */
  onShowPassage: (comment: DraftComment) => boolean;
  className?: string;
}

const SMALL_BUTTON = "inline-flex min-h-8 items-center gap-1 rounded-md px-2 text-xs font-medium text-muted hover:bg-accent-soft/60 hover:text-ink";

/** Posts and resolves go through here: one place that turns a failed request into the server's message. */
async function send(url: string, method: string, body: unknown): Promise<string | null> {
  const result = await submitJson(url, method, body);
  return result.ok ? null : result.error.message;
}

export function DraftCommentsPanel(props: DraftCommentsPanelProps) {
  const { draftId, members, threads, status, error, reload, pending, focusRequest, onClearPending, className = "" } = props;
  const headingId = useId();
  const composerId = useId();
  const now = useNow();

  const names = useMemo(() => new Map(members.map((member) => [member.id, member.name])), [members]);
  const handles = useMemo(() => new Map(members.flatMap((member) => (member.handle ? [[member.handle.toLowerCase(), member.name] as const] : []))), [members]);
  const ctx: ThreadContext = {
    ...props,
    now,
    nameOf: (comment) => comment.authorName || names.get(comment.authorId) || "A classmate",
    nameOfUser: (userId) => names.get(userId) ?? (userId === props.actor.id ? props.actor.name : "someone"),
    mentionLabel: (handle) => handles.get(handle),
  };

  useEffect(() => {
    if (focusRequest === 0) return;
    const field = document.getElementById(`${composerId}-body`);
    if (!field) return;
    field.scrollIntoView({ block: "nearest", behavior: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
    field.focus({ preventScroll: true });
  }, [focusRequest, composerId]);

  const open = threads.filter((thread) => !thread.resolved);
  const resolved = threads.filter((thread) => thread.resolved);

  return (
    <section aria-label="Draft comments" className={`min-w-0 ${className}`}>
      <h2 id={headingId} className="flex items-baseline gap-2 text-sm font-semibold uppercase tracking-wider text-muted">
        Comments
        {open.length > 0 ? (
          <span className="rounded-full bg-accent-soft px-2 py-0.5 text-xs normal-case tracking-normal text-accent">
            {open.length}
            <span className="sr-only"> open</span>
          </span>
        ) : null}
      </h2>

      <div className="mt-3 rounded-xl border border-rule bg-white p-3">
        {pending ? (
          <div className="mb-2 flex items-start gap-2">
            <blockquote className="min-w-0 flex-1 border-l-4 border-yellow-400 bg-yellow-50 px-2 py-1 text-sm italic text-ink">
              <span className="sr-only">Commenting on: </span>
              <span className="line-clamp-3 break-words">“{pending.quote}”</span>
            </blockquote>
            <button type="button" onClick={onClearPending} className={SMALL_BUTTON} title="Comment on the whole draft instead">
              Whole draft
            </button>
          </div>
        ) : null}
        <CommentComposer
          id={composerId}
          label="Comment"
          submitLabel="Post"
          members={members}
          rows={2}
          placeholder={pending ? "Your comment on this passage… (@ to mention someone)" : "On the whole draft… (@ to mention someone)"}
          onCancel={pending ? onClearPending : undefined}
          onSubmit={async (body) => {
            const problem = await send(`/api/drafts/${draftId}/comments`, "POST", pending ? { body, anchorFrom: pending.anchorFrom, anchorTo: pending.anchorTo, quote: pending.quote } : { body });
            if (problem) return problem;
            onClearPending();
            await reload();
            return null;
          }}
        />
      </div>

      {status === "loading" ? (
        <p role="status" className="mt-4 text-sm text-muted">
          Loading comments…
        </p>
      ) : null}
      {status === "error" ? (
        <div role="alert" className="mt-4 flex flex-wrap items-center gap-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p className="min-w-0 flex-1">Comments could not be loaded: {error}</p>
          <button type="button" onClick={() => void reload()} className="rounded-md px-2 py-1 font-medium hover:bg-red-100">
            Try again
          </button>
        </div>
      ) : null}
      {status === "ready" && threads.length === 0 ? (
        <p className="mt-4 rounded-xl border border-dashed border-rule bg-white/60 p-4 text-center text-sm text-muted">No comments yet.</p>
      ) : null}

      {open.length > 0 ? (
        <ol aria-labelledby={headingId} className="mt-4 space-y-3">
          {open.map((thread) => (
            <li key={thread.root.id}>
              <ThreadView thread={thread} ctx={ctx} />
            </li>
          ))}
        </ol>
      ) : null}

      {resolved.length > 0 ? (
        <details className="group mt-4">
          <summary className="cursor-pointer rounded-md py-1 text-sm font-medium text-muted hover:text-ink">Resolved ({resolved.length})</summary>
          <ol aria-label="Resolved comments" className="mt-2 space-y-3">
            {resolved.map((thread) => (
              <li key={thread.root.id}>
                <ThreadView thread={thread} ctx={ctx} />
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

type ThreadContext = DraftCommentsPanelProps & {
  now: number;
  nameOf: (comment: DraftComment) => string;
  nameOfUser: (userId: string) => string;
  mentionLabel: (handle: string) => string | undefined;
};

function Timestamp({ iso, now }: { iso: string; now: number }) {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  return (
    <time dateTime={new Date(at).toISOString()} title={absoluteTime(at)} className="text-xs text-muted">
      {relativeTime(at, now)}
    </time>
  );
}

function CommentItem({ comment, ctx }: { comment: DraftComment; ctx: ThreadContext }) {
  return (
    <div className="min-w-0" data-comment-id={comment.id}>
      <p className="flex flex-wrap items-baseline gap-x-2">
        <span className="text-sm font-medium text-ink">{ctx.nameOf(comment)}</span>
        <Timestamp iso={comment.createdAt} now={ctx.now} />
      </p>
      <CommentBody body={comment.body} mentionLabel={ctx.mentionLabel} className="mt-1 space-y-2 break-words text-sm leading-relaxed text-ink [&_.mention]:font-medium [&_.mention]:text-accent" />
    </div>
  );
}

function Passage({ thread, ctx }: { thread: DraftThread; ctx: ThreadContext }) {
  const [notFound, setNotFound] = useState(false);
  if (!thread.anchored) return <p className="mb-2 text-xs font-medium uppercase tracking-wider text-muted">On the whole draft</p>;
  const quote = thread.root.quote?.trim() || "the commented passage";
  const state = ctx.passageState(thread.root);
  if (state === "removed" || notFound) {
    return (
      <p className="mb-2 border-l-4 border-rule px-2 py-1 text-sm text-muted">
        <span className="line-clamp-3 break-words italic line-through decoration-muted/50">“{quote}”</span> <span className="not-italic">(passage removed)</span>
      </p>
    );
  }
  return (
    <button
      type="button"
      onClick={() => setNotFound(!ctx.onShowPassage(thread.root))}
      className="mb-2 block w-full rounded-r-md border-l-4 border-yellow-400 bg-yellow-50 px-2 py-1 text-left text-sm italic text-ink hover:bg-yellow-100"
    >
      <span className="sr-only">Show in the draft: </span>
      <span className="line-clamp-3 break-words">“{quote}”</span>
    </button>
  );
}

function ThreadView({ thread, ctx }: { thread: DraftThread; ctx: ThreadContext }) {
  const [replying, setReplying] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { root } = thread;
  const mayResolve = can(ctx.actor, "draft-comment:resolve", { commentAuthorId: root.authorId, draftKind: ctx.draftKind, session: ctx.session });

  const toggleResolved = async () => {
    setBusy(true);
    const failure = await send(`/api/drafts/${ctx.draftId}/comments/${root.id}`, "PATCH", { resolved: !thread.resolved });
    setProblem(failure);
    if (!failure) await ctx.reload();
    setBusy(false);
  };

  return (
    <article aria-label={`Comment by ${ctx.nameOf(root)}`} data-thread-id={root.id} data-resolved={thread.resolved || undefined} className="rounded-lg border border-rule bg-white p-3">
      {thread.resolved ? (
        <p className="mb-2 flex flex-wrap items-center gap-2">
          <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-semibold text-emerald-800 ring-1 ring-emerald-200">Resolved</span>
          {root.resolvedBy ? <span className="text-xs text-muted">by {ctx.nameOfUser(root.resolvedBy)}</span> : null}
        </p>
      ) : null}
      <Passage thread={thread} ctx={ctx} />
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
      <div className="mt-2 flex flex-wrap items-center gap-1 border-t border-rule/70 pt-2">
        {replying ? null : (
          <button type="button" className={SMALL_BUTTON} onClick={() => setReplying(true)}>
            Reply
          </button>
        )}
        {mayResolve ? (
          <button type="button" className={`${SMALL_BUTTON} ml-auto`} disabled={busy} onClick={() => void toggleResolved()}>
            {thread.resolved ? "Reopen" : "Resolve"}
          </button>
        ) : null}
      </div>
      {problem ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {problem}
        </p>
      ) : null}
      {replying ? (
        <div className="mt-2">
          <CommentComposer
            label="Reply"
            submitLabel="Send reply"
            rows={2}
            members={ctx.members}
            autoFocus
            onCancel={() => setReplying(false)}
            onSubmit={async (body) => {
              const failure = await send(`/api/drafts/${ctx.draftId}/comments`, "POST", { body, parentId: root.id });
              if (failure) return failure;
              setReplying(false);
              await ctx.reload();
              return null;
            }}
          />
        </div>
      ) : null}
    </article>
  );
}

