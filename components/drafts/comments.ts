// The draft comments API as the browser sees it: the response is checked (it becomes UI), the flat
// list becomes threads, and the collaboration server's "something changed" nudge is recognised.
import { z } from "zod";

/** An optional text field, always present in the result: missing, null or malformed all become null. */
const maybe = <T extends z.ZodType<string>>(schema: T) =>
  schema
    .nullish()
    .catch(null)
    .transform((value) => value ?? null);

export const draftCommentSchema = z.object({
  id: z.string().min(1),
  parentId: maybe(z.string().min(1)),
  authorId: z.string(),
  authorName: maybe(z.string()),
  body: z.string(),
  anchorFrom: maybe(z.string().min(1).max(2_000)),
  anchorTo: maybe(z.string().min(1).max(2_000)),
  quote: maybe(z.string()),
  createdAt: z.string(),
  resolvedAt: maybe(z.string()),
  resolvedBy: maybe(z.string()),
});

export type DraftComment = z.output<typeof draftCommentSchema>;

export const commentListSchema = z.object({ comments: z.array(draftCommentSchema) });

export interface DraftThread {
  root: DraftComment;
  replies: DraftComment[];
  resolved: boolean;
  /** Both anchors present: a comment on a passage, not on the whole draft. */
  anchored: boolean;
}

const time = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
};

const byTime = (a: DraftComment, b: DraftComment) => time(a.createdAt) - time(b.createdAt) || a.id.localeCompare(b.id);

/**
 * Threads oldest first, open ones before resolved ones; replies oldest first. A reply whose parent
 * is missing (deleted, or not in this page of results) is shown as a thread of its own rather than lost.
 */
export function buildThreads(comments: readonly DraftComment[]): DraftThread[] {
  const ids = new Set(comments.map((comment) => comment.id));
  const replies = new Map<string, DraftComment[]>();
  const roots: DraftComment[] = [];
  for (const comment of comments) {
    if (comment.parentId && comment.parentId !== comment.id && ids.has(comment.parentId)) {
      const list = replies.get(comment.parentId) ?? [];
      list.push(comment);
      replies.set(comment.parentId, list);
    } else {
      roots.push(comment);
    }
  }
  // Replies to replies are flattened onto their thread's root.
  const collect = (id: string, seen: Set<string>): DraftComment[] =>
    (replies.get(id) ?? []).flatMap((reply) => (seen.has(reply.id) ? [] : (seen.add(reply.id), [reply, ...collect(reply.id, seen)])));
  const threads = roots.sort(byTime).map((root) => ({
    root,
    replies: collect(root.id, new Set([root.id])).sort(byTime),
    resolved: Boolean(root.resolvedAt),
    anchored: Boolean(root.anchorFrom && root.anchorTo),
  }));
  return [...threads.filter((thread) => !thread.resolved), ...threads.filter((thread) => thread.resolved)];
}

const changedSchema = z.object({ type: z.literal("draft-comments-changed") });

/** True for the collaboration server's `{"type":"draft-comments-changed"}` stateless message. */
export function isCommentsChanged(payload: string): boolean {
  try {
    return changedSchema.safeParse(JSON.parse(payload)).success;
  } catch {
    return false;
  }
}

/** Longest quote sent with a comment; the passage itself is kept by the anchors, the quote is for reading. */
export const MAX_QUOTE_LENGTH = 1_000;

/** The selected text as a quote: whitespace runs collapsed, cut at MAX_QUOTE_LENGTH with an ellipsis. */
export function quoteOf(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_QUOTE_LENGTH ? `${flat.slice(0, MAX_QUOTE_LENGTH - 1).trimEnd()}…` : flat;
}
