"use client";
// Comments on a draft: the reading's Comments panel over the draft's live threads document
// (`draft-threads:<draftId>`), plus the form for "Comment on selection", which starts a thread on the
// chosen passage (held by Yjs relative positions into the draft, so it follows the team's edits).
import { useEffect, useId, useMemo } from "react";
import type * as Y from "yjs";
import type { AnchorResult } from "@/lib/anchoring";
import { MAX_EXACT_LENGTH } from "@/lib/anchoring/selectors";
import { createDraftPassage, mayResolveDraftThread, type DraftHighlight } from "@/lib/collab/draft-threads-doc";
import type { UnreadableEntry } from "@/lib/collab/reading-doc";
import type { Actor, DraftKind, SessionTeams } from "@/lib/policies";
import { CommentComposer } from "../annotations/comment-composer";
import { CommentsPanel, type ActiveHighlight, type PanelCopy } from "../annotations/comments-panel";
import type { Member } from "../annotations/mention-autocomplete";
import type { ReadingData } from "../annotations/reading-data";
import { useThreadActions } from "../annotations/thread-actions";
import type { ThreadPlace } from "../annotations/thread-context";
import type { ThreadHighlight } from "../annotations/threads";
import type { SelectionAnchor } from "./comment-anchors";

export interface DraftCommentsPanelProps {
  /** The threads document; null until it is live (writes are then refused with a message). */
  doc: Y.Doc | null;
  data: ReadingData<DraftHighlight>;
  unreadable?: readonly UnreadableEntry[];
  /** Where each passage is in the editor now (detached: its text was removed). */
  anchors: ReadonlyMap<string, AnchorResult>;
  /** How a found passage reads now. */
  passageText: (highlight: ThreadHighlight, anchor: { start: number; end: number }) => string;
  actor: Actor;
  /** Which draft of which session: who resolves a thread is the policy's answer for these. */
  draftKind: DraftKind;
  session: SessionTeams;
  members: readonly Member[];
  canComment: boolean;
  /** The passage chosen with "Comment on selection"; null when none. */
  pending: SelectionAnchor | null;
  /** Changes every time "Comment on selection" is pressed, to move focus to the comment box again. */
  focusRequest: number;
  onClearPending: () => void;
  activeHighlight: ActiveHighlight | null;
  /** Selects the passage in the editor. */
  onShowPassage: (highlightId: string) => void;
  /** A thread was started on the pending passage. */
  onCreated: (highlightId: string) => void;
  className?: string;
}

const COPY: PanelCopy = {
  emptyMessage: "No comments yet. Select text in the draft and choose Comment on selection, or comment on the whole draft.",
  wholeHeading: "On the whole draft",
  composerPlaceholder: "On the whole draft… (@ to mention someone)",
};
const PLACE: ThreadPlace = { passageGone: "This passage was removed from the draft." };
const SMALL_BUTTON = "inline-flex min-h-8 items-center gap-1 rounded-md px-2 text-xs font-medium text-muted hover:bg-accent-soft/60 hover:text-ink";

export function DraftCommentsPanel(props: DraftCommentsPanelProps) {
  const { doc, actor, draftKind, session, pending, focusRequest, onClearPending } = props;
  const composerId = useId();
  const actions = useThreadActions(doc, actor.id);
  const mayResolve = useMemo(() => (threadAuthorId: string) => mayResolveDraftThread(actor, { threadAuthorId, draftKind, session }), [actor, draftKind, session]);

  useEffect(() => {
    if (focusRequest === 0) return;
    const field = document.getElementById(`${composerId}-body`);
    if (!field) return;
    field.scrollIntoView({ block: "nearest", behavior: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
    field.focus({ preventScroll: true });
  }, [focusRequest, composerId]);

  const passageComposer =
    pending && props.canComment ? (
      <div className="mt-3 rounded-xl border border-accent/40 bg-white p-3">
        <div className="mb-2 flex items-start gap-2">
          <blockquote className="min-w-0 flex-1 border-l-4 border-yellow-400 bg-yellow-50 px-2 py-1 text-sm italic text-ink">
            <span className="sr-only">Commenting on: </span>
            <span className="line-clamp-3 break-words">“{pending.quote}”</span>
          </blockquote>
          <button type="button" onClick={onClearPending} className={SMALL_BUTTON} title="Comment on the whole draft instead">
            Whole draft
          </button>
        </div>
        <CommentComposer
          id={composerId}
          label="Comment"
          submitLabel="Post"
          members={props.members}
          rows={2}
          placeholder="Your comment on this passage… (@ to mention someone)"
          onCancel={onClearPending}
          onSubmit={(body) => {
            if (!doc) return false;
            // The positions say where the passage is; the quote is only what it read, so a long one is cut.
            const target = { exact: pending.quote.slice(0, MAX_EXACT_LENGTH), from: pending.anchorFrom, to: pending.anchorTo };
            const { highlightId } = createDraftPassage(doc, { authorId: actor.id, target, firstComment: body });
            onClearPending();
            props.onCreated(highlightId);
            return true;
          }}
        />
      </div>
    ) : undefined;

  return (
    <CommentsPanel
      abstract=""
      passageText={props.passageText}
      actions={actions}
      data={props.data}
      unreadable={props.unreadable}
      anchors={props.anchors}
      actor={actor}
      session={session}
      members={props.members}
      canAnnotate={props.canComment}
      activeHighlight={props.activeHighlight}
      onShowInText={props.onShowPassage}
      mayResolve={mayResolve}
      place={PLACE}
      copy={COPY}
      label="Draft comments"
      className={props.className}
      composer={passageComposer}
    />
  );
}
