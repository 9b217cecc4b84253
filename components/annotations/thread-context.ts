// What every comment in the panel needs to know and do, passed as one object instead of a dozen props.
import type { Actor, SessionTeams } from "@/lib/policies";
import type { Comment, HighlightKind } from "@/lib/collab/reading-doc";
import type { Member } from "./mention-autocomplete";

/** The writes on a thread document, each one transaction (thread-actions.ts binds them to a document). */
export interface ThreadActions {
  startThread(highlightId: string | null, body: string): void;
  reply(rootId: string, highlightId: string | null, body: string): void;
  edit(commentId: string, body: string): void;
  remove(commentId: string): void;
  toggleReaction(commentId: string): void;
  setResolved(rootId: string, resolved: boolean): void;
  setKind(highlightId: string, kind: HighlightKind): void;
  deleteHighlight(highlightId: string): void;
}

export interface ThreadContext {
  actor: Actor;
  session: SessionTeams;
  members: readonly Member[];
  canAnnotate: boolean;
  /** commentId -> ids of users who gave it +1 */
  reactions: ReadonlyMap<string, string[]>;
  now: number;
  /** The exact time for a <time>'s title, in the reader's time zone; undefined in the server's render, which does not know it. */
  exactTime(at: number): string | undefined;
  nameOf(userId: string): string;
  mentionLabel(handle: string): string | undefined;
  /** Null while the live document is not there yet: every control that writes is then shown unavailable. */
  actions: ThreadActions | null;
  /** While `actions` is null, the id of the element saying why; those controls point at it (aria-describedby). */
  unavailableId: string | null;
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
