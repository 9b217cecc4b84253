// What every comment in the panel needs to know and do, passed as one object instead of a dozen props.
import type { Actor, SessionTeams } from "@/lib/policies";
import type { Comment, HighlightKind } from "@/lib/collab/reading-doc";
import type { Member } from "./mention-autocomplete";

export interface ThreadActions {
  /** Each returns false when the document is not ready (nothing was changed). */
  startThread(highlightId: string | null, body: string): boolean;
  reply(rootId: string, highlightId: string | null, body: string): boolean;
  edit(commentId: string, body: string): boolean;
  remove(commentId: string): boolean;
  toggleReaction(commentId: string): boolean;
  setResolved(rootId: string, resolved: boolean): boolean;
  setKind(highlightId: string, kind: HighlightKind): boolean;
  deleteHighlight(highlightId: string): boolean;
}

export interface ThreadContext {
  actor: Actor;
  session: SessionTeams;
  members: readonly Member[];
  canAnnotate: boolean;
  /** commentId -> ids of users who gave it +1 */
  reactions: ReadonlyMap<string, string[]>;
  now: number;
  nameOf(userId: string): string;
  mentionLabel(handle: string): string | undefined;
  actions: ThreadActions;
  /** Where highlights can be quoted (the reading page); absent where drafts do not apply. */
  drafts?: DraftLinks;
  /**
   * Who may resolve a thread started by `threadAuthorId`, as the server's check of this document asks
   * it; by default lib/policies' "thread:resolve" for the session (a reading). Draft threads pass theirs.
   */
  mayResolve?: (threadAuthorId: string) => boolean;
  /** What the threads hang on, in words: the reading's abstract by default. */
  place?: ThreadPlace;
  /** Marked "New": by others since the reader's last visit (news.tsx). */
  isNew?: (comment: Comment) => boolean;
  /** The comment a deep link or "Next new" points at: its thread is shown open. */
  revealedCommentId?: string | null;
}

export interface ThreadPlace {
  /** Under a passage that can no longer be found. */
  passageGone: string;
}

export interface DraftLinks {
  readingId: string;
  sessionSlug: string;
  /** highlightId -> the session's drafts that quote it */
  citations: Readonly<Record<string, Array<"PRESENTATION" | "BLOG_POST">>>;
}
