// Groups a thread document's comments into what the Comments panel shows: highlight threads in text
// order, threads on the whole paper (or draft), and highlights whose passage can no longer be found.
// The same for readings and drafts: only where a passage is (`anchors`) and how it reads now differ.
import { anchorTarget, type AnchorResult } from "@/lib/anchoring/anchor";
import type { DraftHighlight } from "@/lib/collab/draft-threads-doc";
import type { Comment, Highlight, UnreadableEntry } from "@/lib/collab/reading-doc";

/** A commented passage: of a reading's abstract (text offsets) or of a live draft (relative positions). */
export type ThreadHighlight = Highlight | DraftHighlight;

/** A comment as the panel shows it: readable, or stored in a shape that cannot be read (shown as such, in its place). */
export type ThreadComment = Comment | UnreadableEntry;

export function isUnreadable(comment: ThreadComment): comment is UnreadableEntry {
  return "unreadable" in comment;
}

export interface Thread {
  root: ThreadComment;
  /** Every reply, at any depth, oldest first (unreadable ones last); each keeps its parentId. */
  replies: ThreadComment[];
  resolved: boolean;
}

export interface HighlightGroup {
  highlight: ThreadHighlight;
  anchor: AnchorResult;
  /** The passage as it reads now (or as stored, when detached). */
  quote: string;
  threads: Thread[];
}

export interface ThreadIndex {
  /** Highlights that were found in the abstract, in text order. */
  anchored: HighlightGroup[];
  /** Highlights that could not be placed: listed, never dropped. */
  detached: HighlightGroup[];
  /** Threads on the whole paper, plus threads whose highlight no longer exists (or cannot be read). */
  paper: Thread[];
  /** Highlights stored in a shape that cannot be read: listed as such, never dropped. */
  unreadableHighlights: UnreadableEntry[];
}

export function anchorHighlights(abstract: string, highlights: readonly Highlight[]): Map<string, AnchorResult> {
  return new Map(highlights.map((highlight) => [highlight.id, anchorTarget(abstract, highlight.target)]));
}

/** The root comment each comment belongs to, following parents (a missing or cyclic parent makes it a root). */
function rootOf(comment: ThreadComment, byId: ReadonlyMap<string, ThreadComment>): ThreadComment {
  const seen = new Set<string>([comment.id]);
  let current = comment;
  while (current.parentId !== null) {
    const parent = byId.get(current.parentId);
    if (!parent || seen.has(parent.id)) break;
    seen.add(parent.id);
    current = parent;
  }
  return current;
}

/**
 * Soft-deleted comments stay only as long as something visible hangs off them, so a deleted
 * comment with replies keeps its place ("deleted") and one without vanishes.
 */
export function visibleComments(comments: readonly ThreadComment[]): Set<string> {
  const children = new Map<string, ThreadComment[]>();
  for (const comment of comments) {
    if (comment.parentId !== null) children.set(comment.parentId, [...(children.get(comment.parentId) ?? []), comment]);
  }
  const memo = new Map<string, boolean>();
  const visible = (comment: ThreadComment, depth: number): boolean => {
    const known = memo.get(comment.id);
    if (known !== undefined) return known;
    memo.set(comment.id, false); // a cycle counts as nothing visible
    const result = isUnreadable(comment) || !comment.deleted || (depth < 1000 && (children.get(comment.id) ?? []).some((child) => visible(child, depth + 1)));
    memo.set(comment.id, result);
    return result;
  };
  return new Set(comments.filter((comment) => visible(comment, 0)).map((comment) => comment.id));
}

/** Where a thread sorts: unreadable roots have no time, and go last. */
function createdAtOf(comment: ThreadComment): number {
  return isUnreadable(comment) ? Number.MAX_SAFE_INTEGER : comment.createdAt;
}

/**
 * `text` is the reading's abstract, which anchored passages are cut from; or, for a draft, a function
 * that says how a found passage reads now. A detached passage shows its stored quote.
 */
export function buildThreads(
  highlights: readonly ThreadHighlight[],
  comments: readonly Comment[],
  anchors: ReadonlyMap<string, AnchorResult>,
  text: string | ((highlight: ThreadHighlight, anchor: Exclude<AnchorResult, { status: "detached" }>) => string),
  unreadable: readonly UnreadableEntry[] = [],
): ThreadIndex {
  const all: ThreadComment[] = [...comments, ...unreadable.filter((entry) => entry.root === "comments")];
  const byId = new Map(all.map((comment) => [comment.id, comment]));
  const shown = visibleComments(all);
  const threads = new Map<string, Thread>();
  for (const comment of all) {
    if (!shown.has(comment.id)) continue;
    const root = rootOf(comment, byId);
    if (!shown.has(root.id)) continue;
    const thread = threads.get(root.id) ?? { root, replies: [], resolved: !isUnreadable(root) && root.resolvedAt !== null };
    if (comment.id !== root.id) thread.replies.push(comment);
    threads.set(root.id, thread);
  }

  const byCreated = (a: Thread, b: Thread) => createdAtOf(a.root) - createdAtOf(b.root) || a.root.id.localeCompare(b.root.id);
  const highlightIds = new Set(highlights.map((highlight) => highlight.id));
  const threadsOf = new Map<string, Thread[]>();
  const paper: Thread[] = [];
  for (const thread of [...threads.values()].sort(byCreated)) {
    const highlightId = thread.root.highlightId;
    if (highlightId !== null && highlightIds.has(highlightId)) threadsOf.set(highlightId, [...(threadsOf.get(highlightId) ?? []), thread]);
    else paper.push(thread);
  }

  const anchored: HighlightGroup[] = [];
  const detached: HighlightGroup[] = [];
  for (const highlight of highlights) {
    const anchor = anchors.get(highlight.id) ?? { status: "detached" };
    const group = {
      highlight,
      anchor,
      quote: anchor.status === "detached" ? highlight.target.exact : typeof text === "string" ? text.slice(anchor.start, anchor.end) : text(highlight, anchor),
      threads: threadsOf.get(highlight.id) ?? [],
    };
    (anchor.status === "detached" ? detached : anchored).push(group);
  }
  const start = (group: HighlightGroup) => (group.anchor.status === "detached" ? 0 : group.anchor.start);
  const end = (group: HighlightGroup) => (group.anchor.status === "detached" ? 0 : group.anchor.end);
  anchored.sort((a, b) => start(a) - start(b) || end(a) - end(b) || a.highlight.createdAt - b.highlight.createdAt);
  detached.sort((a, b) => a.highlight.createdAt - b.highlight.createdAt);
  return { anchored, detached, paper, unreadableHighlights: unreadable.filter((entry) => entry.root === "highlights") };
}

