// The shared document of one reading: highlights, comment threads and +1 reactions. Used by the
// browser to make changes and by the server's write policy to check them, so both read one schema.
//
//   highlights: Y.Map<id, Y.Map>  id, authorId, kind, target { exact, prefix, suffix, start, end }, createdAt
//   comments:   Y.Map<id, Y.Map>  id, highlightId | null, parentId | null, authorId, body, createdAt,
//                                 editedAt, resolvedAt, resolvedBy, deleted
//   reactions:  Y.Map<"<commentId>|<userId>", true>
import * as Y from "yjs";
import { z } from "zod";
import { textTargetSchema } from "../anchoring/selectors.ts";
import { MAX_COMMENT_LENGTH } from "../rich-text/limits.ts";

export const READING_ROOTS = ["highlights", "comments", "reactions"] as const;
export const HIGHLIGHT_KINDS = ["question", "key-idea", "critique", "method", "note"] as const;
export type HighlightKind = (typeof HIGHLIGHT_KINDS)[number];

export const entryIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const userIdSchema = z.string().min(1).max(64);
const timeSchema = z.number().int().nonnegative();

export const highlightSchema = z.strictObject({
  id: entryIdSchema,
  authorId: userIdSchema,
  kind: z.enum(HIGHLIGHT_KINDS),
  target: textTargetSchema,
  createdAt: timeSchema,
});
export type Highlight = z.infer<typeof highlightSchema>;

export const commentSchema = z.strictObject({
  id: entryIdSchema,
  highlightId: entryIdSchema.nullable(),
  parentId: entryIdSchema.nullable(),
  authorId: userIdSchema,
  body: z.string().max(MAX_COMMENT_LENGTH),
  createdAt: timeSchema,
  editedAt: timeSchema.nullable(),
  resolvedAt: timeSchema.nullable(),
  resolvedBy: userIdSchema.nullable(),
  deleted: z.boolean(),
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

/** Reads an entry map as plain data, or null when it does not match the schema. */
export function readEntry<T>(schema: z.ZodType<T>, value: unknown): T | null {
  if (!(value instanceof Y.Map)) return null;
  const parsed = schema.safeParse(value.toJSON());
  return parsed.success ? parsed.data : null;
}

export function readHighlights(doc: Y.Doc): Highlight[] {
  const out: Highlight[] = [];
  readingMaps(doc).highlights.forEach((value) => {
    const highlight = readEntry(highlightSchema, value);
    if (highlight) out.push(highlight);
  });
  return out.sort((a, b) => a.target.start - b.target.start || a.createdAt - b.createdAt);
}

export function readComments(doc: Y.Doc): Comment[] {
  const out: Comment[] = [];
  readingMaps(doc).comments.forEach((value) => {
    const comment = readEntry(commentSchema, value);
    if (comment) out.push(comment);
  });
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** commentId -> the ids of the users who gave it +1. */
export function readReactions(doc: Y.Doc): Map<string, string[]> {
  const out = new Map<string, string[]>();
  readingMaps(doc).reactions.forEach((value, key) => {
    const [commentId, userId] = key.split("|");
    if (value !== true || !commentId || !userId) return;
    out.set(commentId, [...(out.get(commentId) ?? []), userId]);
  });
  // Map iteration order differs between replicas; the answer should not.
  for (const users of out.values()) users.sort();
  return out;
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
