"use client";
// Tells screen readers, politely, about comments that others post while the page is open ("New comment
// from Alice Moreau"): never about one's own, nor about what the document already held when it loaded.
import { useEffect, useRef, useState } from "react";
import type { Comment } from "@/lib/collab/reading-doc";

/**
 * The comments to announce: not seen before, written by someone else, and written after the page was
 * opened (a document's first load, from the offline copy or the server, brings older comments only).
 */
export function commentsToAnnounce(known: ReadonlySet<string>, comments: readonly Comment[], actorId: string, openedAt: number): Comment[] {
  return comments.filter((comment) => !known.has(comment.id) && !comment.deleted && comment.authorId !== actorId && comment.createdAt >= openedAt);
}

/** "New comment from Alice Moreau"; several at once: "3 new comments from Alice Moreau and Bob Tanaka". */
export function announcement(comments: readonly Comment[], nameOf: (userId: string) => string): string {
  const names = [...new Set(comments.map((comment) => nameOf(comment.authorId)))];
  const who = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0];
  return comments.length === 1 ? `New comment from ${who}` : `${comments.length} new comments from ${who}`;
}

export interface CommentAnnouncerProps {
  comments: readonly Comment[];
  actorId: string;
  nameOf: (userId: string) => string;
}

export function CommentAnnouncer({ comments, actorId, nameOf }: CommentAnnouncerProps) {
  const [openedAt] = useState(() => Date.now());
  const known = useRef(new Set<string>());
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);

  useEffect(() => {
    const fresh = commentsToAnnounce(known.current, comments, actorId, openedAt);
    for (const comment of comments) known.current.add(comment.id);
    if (fresh.length > 0) setMessage((previous) => ({ text: announcement(fresh, nameOf), n: (previous?.n ?? 0) + 1 }));
  }, [comments, actorId, nameOf, openedAt]);

  // A new node each time, so the same words twice in a row are read twice.
  return (
    <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="comment-announcements">
      {message ? <p key={message.n}>{message.text}</p> : null}
    </div>
  );
}
