// The shared document of one reading: highlights, comment threads and +1 reactions. Used by the
// browser to make changes and by the server's write policy to check them, so both read one schema.
//
//   highlights: Y.Map<id, Y.Map>  id, authorId, kind, target { exact, prefix, suffix, start, end }, createdAt
//   comments:   Y.Map<id, Y.Map>  id, highlightId | null, parentId | null, authorId, body, createdAt,
//                                 editedAt, resolvedAt, resolvedBy, deleted
//   reactions:  Y.Map<"<commentId>|<userId>", true>
//   A question highlight or a thread's first comment may also hold answeredIn: { draftId, href } | null,
//   set by the lead team or the instructor ("Answered in presentation", lib/questions).
import * as Y from "yjs";
import { z } from "zod/mini";
import { textTargetSchema } from "../anchoring/selectors.ts";
import { MAX_COMMENT_LENGTH } from "../rich-text/limits.ts";
import { HIGHLIGHT_KINDS, type HighlightKind } from "./highlight-kinds.ts";

export { HIGHLIGHT_KINDS, type HighlightKind };

export const READING_ROOTS = ["highlights", "comments", "reactions"] as const;

export const entryIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/));
const userIdSchema = z.string().check(z.minLength(1), z.maxLength(64));
/** The latest instant a JavaScript Date can hold; later "timestamps" cannot even be formatted. */
export const MAX_TIME = 8.64e15;
const timeSchema = z.number().check(z.int(), z.nonnegative(), z.maximum(MAX_TIME));
/** Where the presentation answers a question: the draft and a link to the place in it. */
export const answeredInSchema = z.strictObject({
  draftId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  href: z.string().check(z.maxLength(500), z.regex(/^\/sessions\/\S+$/)),
});

export const highlightSchema = z.strictObject({
  id: entryIdSchema,
  authorId: userIdSchema,
  kind: z.enum(HIGHLIGHT_KINDS),
  target: textTargetSchema,
  createdAt: timeSchema,
  answeredIn: z.optional(z.nullable(answeredInSchema)),
});
export type Highlight = z.infer<typeof highlightSchema>;

export const commentSchema = z.strictObject({
  id: entryIdSchema,
  highlightId: z.nullable(entryIdSchema),
  parentId: z.nullable(entryIdSchema),
  authorId: userIdSchema,
  body: z.string().check(z.maxLength(MAX_COMMENT_LENGTH)),
  createdAt: timeSchema,
  editedAt: z.nullable(timeSchema),
  resolvedAt: z.nullable(timeSchema),
  resolvedBy: z.nullable(userIdSchema),
  deleted: z.boolean(),
  answeredIn: z.optional(z.nullable(answeredInSchema)),
});
export type Comment = z.infer<typeof commentSchema>;

export interface ReadingMaps {
  highlights: Y.Map<Y.Map<unknown>>;
  comments: Y.Map<Y.Map<unknown>>;
  reactions: Y.Map<true>;
}

export function readingMaps(doc: Y.Doc): ReadingMaps {
  return {
    highlights: doc.getMap<Y.Map<unknown>>("highlights"),
    comments: doc.getMap<Y.Map<unknown>>("comments"),
    reactions: doc.getMap<true>("reactions"),
  };
}

export function newEntryId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function reactionKey(commentId: string, userId: string): string {
  return `${commentId}|${userId}`;
}

function entryMap(data: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(data)) map.set(key, value);
  return map;
}

/**
 * An entry whose stored value does not match the schema (written by an older version, or by a
 * client before the server checked everything). Readers report it instead of dropping it, so the
 * page can say "could not be read" in its place.
 */
export interface UnreadableEntry {
  root: (typeof READING_ROOTS)[number];
  /** The key it is stored under. */
  id: string;
  unreadable: true;
  /** For a comment, the thread it hangs in when those two fields can still be read; otherwise null. */
  highlightId: string | null;
  parentId: string | null;
}

export interface ReadingEntries {
  highlights: Highlight[];
  comments: Comment[];
  /** commentId -> the ids of the users who gave it +1. */
  reactions: Map<string, string[]>;
  unreadable: UnreadableEntry[];
}

/** Reads an entry map as plain data, or null when it does not match the schema (or its id is not its key). Never throws. */
export function readEntry<T>(schema: z.ZodMiniType<T>, value: unknown, key?: string): T | null {
  try {
    if (!(value instanceof Y.Map)) return null;
    const plain: Record<string, unknown> = {};
    for (const [field, raw] of value.entries()) {
      // toJSON would turn a nested Y.Text into a string that passes; no writer ever stores one.
      if (raw instanceof Y.AbstractType || raw instanceof Y.Doc || raw instanceof Uint8Array) return null;
      plain[field] = raw;
    }
    const parsed = schema.safeParse(plain);
    if (!parsed.success) return null;
    if (key !== undefined && (parsed.data as { id?: unknown }).id !== key) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

function unreadable(root: UnreadableEntry["root"], key: string, value: unknown): UnreadableEntry {
  const field = (name: string): string | null => {
    try {
      const raw = value instanceof Y.Map ? value.get(name) : null;
      return entryIdSchema.safeParse(raw).success ? (raw as string) : null;
    } catch {
      return null;
    }
  };
  return { root, id: key, unreadable: true, highlightId: root === "comments" ? field("highlightId") : null, parentId: root === "comments" ? field("parentId") : null };
}

/** A +1 stored as `<commentId>|<userId>` -> true, or null when it is anything else. */
function readReaction(key: string, value: unknown): [string, string] | null {
  const parts = key.split("|");
  const [commentId, userId] = parts;
  if (value !== true || parts.length !== 2 || !entryIdSchema.safeParse(commentId).success || !userIdSchema.safeParse(userId).success) return null;
  return [commentId!, userId!];
}

/**
 * One stored entry on its own: null when it reads fine (or is not there), otherwise how it is
 * unreadable. For a page that keeps its list current from the entries each update touched.
 */
export function readUnreadableEntry(doc: Y.Doc, root: UnreadableEntry["root"], key: string): UnreadableEntry | null {
  try {
    const map = doc.getMap<unknown>(root);
    if (!map.has(key)) return null;
    const value = map.get(key);
    if (root === "reactions") return readReaction(key, value) ? null : unreadable(root, key, value);
    const readable = root === "highlights" ? readEntry(highlightSchema, value, key) : readEntry(commentSchema, value, key);
    return readable ? null : unreadable(root, key, value);
  } catch {
    return { root, id: "", unreadable: true, highlightId: null, parentId: null };
  }
}

/** Every highlight that can be read, in text order, and those that cannot. */
export function readHighlightEntries(doc: Y.Doc): { highlights: Highlight[]; unreadable: UnreadableEntry[] } {
  const highlights: Highlight[] = [];
  const bad: UnreadableEntry[] = [];
  guarded("highlights", () => doc.getMap<Y.Map<unknown>>("highlights").forEach((value, key) => {
    const highlight = readEntry(highlightSchema, value, key);
    if (highlight) highlights.push(highlight);
    else bad.push(unreadable("highlights", key, value));
  }), bad);
  highlights.sort((a, b) => a.target.start - b.target.start || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return { highlights, unreadable: bad.sort(byId) };
}

/** Every comment that can be read, oldest first, and those that cannot. */
export function readCommentEntries(doc: Y.Doc): { comments: Comment[]; unreadable: UnreadableEntry[] } {
  const comments: Comment[] = [];
  const bad: UnreadableEntry[] = [];
  guarded("comments", () => doc.getMap<Y.Map<unknown>>("comments").forEach((value, key) => {
    const comment = readEntry(commentSchema, value, key);
    if (comment) comments.push(comment);
    else bad.push(unreadable("comments", key, value));
  }), bad);
  comments.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return { comments, unreadable: bad.sort(byId) };
}

/**
 * Every +1 that can be read (commentId -> user ids, sorted), and the keys that cannot; with `of`, only
 * the +1s of those comments (others' keys are skipped unparsed).
 */
export function readReactionEntries(doc: Y.Doc, of?: ReadonlySet<string>): { reactions: Map<string, string[]>; unreadable: UnreadableEntry[] } {
  const reactions = new Map<string, string[]>();
  const bad: UnreadableEntry[] = [];
  guarded("reactions", () => doc.getMap<unknown>("reactions").forEach((value, key) => {
    if (of && !of.has(key.slice(0, key.indexOf("|")))) return;
    const reaction = readReaction(key, value);
    if (!reaction) {
      bad.push(unreadable("reactions", key, value));
      return;
    }
    const [commentId, userId] = reaction;
    reactions.set(commentId, [...(reactions.get(commentId) ?? []), userId]);
  }), bad);
  // Map iteration order differs between replicas; the answer should not.
  for (const users of reactions.values()) users.sort();
  return { reactions, unreadable: bad.sort(byId) };
}

/** The whole reading document, read once; never throws, whatever is stored. */
export function readReadingEntries(doc: Y.Doc): ReadingEntries {
  const highlights = readHighlightEntries(doc);
  const comments = readCommentEntries(doc);
  const reactions = readReactionEntries(doc);
  return {
    highlights: highlights.highlights,
    comments: comments.comments,
    reactions: reactions.reactions,
    unreadable: [...highlights.unreadable, ...comments.unreadable, ...reactions.unreadable],
  };
}

/** Only the entries that cannot be read, for a page that already has the rest. */
export function readUnreadableEntries(doc: Y.Doc): UnreadableEntry[] {
  return readReadingEntries(doc).unreadable;
}

export function readHighlights(doc: Y.Doc): Highlight[] {
  return readHighlightEntries(doc).highlights;
}

export function readComments(doc: Y.Doc): Comment[] {
  return readCommentEntries(doc).comments;
}

/** commentId -> the ids of the users who gave it +1. */
export function readReactions(doc: Y.Doc): Map<string, string[]> {
  return readReactionEntries(doc).reactions;
}

/** Runs one root's reader; a root that cannot even be iterated is one unreadable entry, not a crash. */
function guarded(root: UnreadableEntry["root"], read: () => void, bad: UnreadableEntry[]): void {
  try {
    read();
  } catch {
    bad.push({ root, id: "", unreadable: true, highlightId: null, parentId: null });
  }
}

function byId(a: UnreadableEntry, b: UnreadableEntry): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// Changes, each one transaction, as the browser makes them. The server checks every one.

export function createHighlight(
  doc: Y.Doc,
  input: { authorId: string; kind: HighlightKind; target: Highlight["target"]; firstComment?: string },
): { highlightId: string; commentId: string | null } {
  const highlightId = newEntryId();
  let commentId: string | null = null;
  doc.transact(() => {
    const now = Date.now();
    readingMaps(doc).highlights.set(
      highlightId,
      entryMap({ id: highlightId, authorId: input.authorId, kind: input.kind, target: input.target, createdAt: now }),
    );
    if (input.firstComment?.trim()) {
      commentId = addComment(doc, { authorId: input.authorId, highlightId, parentId: null, body: input.firstComment.trim(), now });
    }
  });
  return { highlightId, commentId };
}

function addComment(doc: Y.Doc, input: { authorId: string; highlightId: string | null; parentId: string | null; body: string; now: number }): string {
  const id = newEntryId();
  readingMaps(doc).comments.set(
    id,
    entryMap({
      id,
      highlightId: input.highlightId,
      parentId: input.parentId,
      authorId: input.authorId,
      body: input.body,
      createdAt: input.now,
      editedAt: null,
      resolvedAt: null,
      resolvedBy: null,
      deleted: false,
    }),
  );
  return id;
}

/** A new thread (parentId null) on a highlight or the whole paper (highlightId null), or a reply. */
export function createComment(doc: Y.Doc, input: { authorId: string; highlightId: string | null; parentId: string | null; body: string }): string {
  let id = "";
  doc.transact(() => {
    id = addComment(doc, { ...input, now: Date.now() });
  });
  return id;
}

export function editComment(doc: Y.Doc, commentId: string, body: string): void {
  const entry = readingMaps(doc).comments.get(commentId);
  if (!entry) return;
  doc.transact(() => {
    entry.set("body", body);
    entry.set("editedAt", Date.now());
  });
}

/** Soft delete: the comment stays (replies keep their place) as "deleted", its text gone. */
export function deleteComment(doc: Y.Doc, commentId: string): void {
  const entry = readingMaps(doc).comments.get(commentId);
  if (!entry) return;
  doc.transact(() => {
    entry.set("deleted", true);
    entry.set("body", "");
  });
}

export function setThreadResolved(doc: Y.Doc, rootCommentId: string, userId: string, resolved: boolean): void {
  const entry = readingMaps(doc).comments.get(rootCommentId);
  if (!entry) return;
  doc.transact(() => {
    entry.set("resolvedAt", resolved ? Date.now() : null);
    entry.set("resolvedBy", resolved ? userId : null);
  });
}

export function toggleReaction(doc: Y.Doc, commentId: string, userId: string): void {
  const { reactions } = readingMaps(doc);
  const key = reactionKey(commentId, userId);
  doc.transact(() => {
    if (reactions.has(key)) reactions.delete(key);
    else reactions.set(key, true);
  });
}

export function setHighlightKind(doc: Y.Doc, highlightId: string, kind: HighlightKind): void {
  const entry = readingMaps(doc).highlights.get(highlightId);
  if (entry) doc.transact(() => entry.set("kind", kind));
}

/** Removes one's own highlight; the server refuses it while others' comments hang off it. */
export function deleteHighlight(doc: Y.Doc, highlightId: string): void {
  doc.transact(() => readingMaps(doc).highlights.delete(highlightId));
}
