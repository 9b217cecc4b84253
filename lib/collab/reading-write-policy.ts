// Decides whether one Yjs update from one user may enter a reading document. The update is applied
// to a server-side shadow copy first; what it changed is read off as entry/field differences and each
// is checked against the policy. The caller rebuilds the shadow after a refusal.
import * as Y from "yjs";
import { can, type Actor, type SessionTeams } from "../policies/index.ts";
import { commentSchema, highlightSchema, READING_ROOTS, type Comment, type Highlight } from "./reading-doc.ts";

export const MAX_UPDATE_BYTES = 64 * 1024;

export type CheckResult = { ok: true; changed: boolean } | { ok: false; reason: string };

interface Snapshot {
  highlights: Map<string, unknown>;
  comments: Map<string, unknown>;
  reactions: Map<string, unknown>;
}

// Stands in for an entry of the wrong shape (not a Y.Map of plain values); no schema accepts it.
const MALFORMED = Object.freeze({ malformed: true });

function snapshot(doc: Y.Doc): Snapshot {
  const entries = (name: string) => {
    const out = new Map<string, unknown>();
    doc.getMap(name).forEach((value, key) => {
      const plain = value instanceof Y.Map && [...value.values()].every((field) => !(field instanceof Y.AbstractType));
      out.set(key, plain ? (value as Y.Map<unknown>).toJSON() : MALFORMED);
    });
    return out;
  };
  const reactions = new Map<string, unknown>();
  doc.getMap("reactions").forEach((value, key) => reactions.set(key, value instanceof Y.AbstractType ? MALFORMED : value));
  return { highlights: entries("highlights"), comments: entries("comments"), reactions };
}

export interface CheckOptions {
  shadow: Y.Doc;
  update: Uint8Array;
  actor: Actor;
  session: SessionTeams;
}

export function checkReadingUpdate({ shadow, update, actor, session }: CheckOptions): CheckResult {
  if (update.byteLength > MAX_UPDATE_BYTES) return { ok: false, reason: "That change is too large (over 64 KiB)." };
  for (const name of READING_ROOTS) shadow.getMap(name);
  const before = snapshot(shadow);
  let structural: string | null = null;
  const onTransaction = (transaction: Y.Transaction) => {
    transaction.changed.forEach((keys, type) => {
      if (type._item === null && keys.has(null)) structural = "Only keyed entries may be added to a reading document.";
      if (type._item !== null) {
        const parent = type._item.parent as Y.AbstractType<unknown> | null;
        const grand = parent && (parent as Y.AbstractType<unknown>)._item;
        if (grand !== null && grand !== undefined) structural = "Entries may not contain nested shared types.";
        if (keys.has(null)) structural = "Entries may not contain list content.";
      }
    });
  };
  shadow.on("afterTransaction", onTransaction);
  try {
    Y.applyUpdate(shadow, update, "policy-check");
  } catch {
    return { ok: false, reason: "That change could not be read." };
  } finally {
    shadow.off("afterTransaction", onTransaction);
  }
  if (structural) return { ok: false, reason: structural };
  if (shadow.store.pendingStructs !== null || shadow.store.pendingDs !== null) {
    return { ok: false, reason: "That change depends on changes the server does not have; reload the page." };
  }
  for (const name of shadow.share.keys()) {
    if (!(READING_ROOTS as readonly string[]).includes(name)) return { ok: false, reason: `Unknown part "${name}" in a reading document.` };
  }
  const after = snapshot(shadow);
  const changed = !sameSnapshot(before, after);
  const refusal = checkHighlights(before, after, actor) ?? checkComments(before, after, actor, session) ?? checkReactions(before, after, actor);
  return refusal ? { ok: false, reason: refusal } : { ok: true, changed };
}

function sameSnapshot(a: Snapshot, b: Snapshot): boolean {
  return (["highlights", "comments", "reactions"] as const).every((key) => JSON.stringify([...a[key]]) === JSON.stringify([...b[key]]));
}

function changedKeys(before: Map<string, unknown>, after: Map<string, unknown>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => JSON.stringify(before.get(key)) !== JSON.stringify(after.get(key)));
}

function checkHighlights(before: Snapshot, after: Snapshot, actor: Actor): string | null {
  for (const id of changedKeys(before.highlights, after.highlights)) {
    const old = before.highlights.get(id) as Highlight | undefined;
    const next = after.highlights.get(id);
    if (next === undefined) {
      if (!old || !can(actor, "annotation:edit", { authorId: old.authorId })) return "You can only remove your own highlights.";
      const othersComments = [...after.comments.values()].some((value) => {
        const comment = value as Partial<Comment>;
        return comment.highlightId === id && comment.authorId !== actor.id && !comment.deleted;
      });
      if (othersComments) return "This highlight has classmates' comments; it cannot be removed.";
      continue;
    }
    const parsed = highlightSchema.safeParse(next);
    if (!parsed.success || parsed.data.id !== id) return "A highlight is malformed.";
    if (!old) {
      if (!can(actor, "reading:annotate")) return "You may not highlight this reading.";
      if (parsed.data.authorId !== actor.id) return "A highlight must be made in your own name.";
      continue;
    }
    if (!can(actor, "annotation:edit", { authorId: old.authorId })) return "You can only change your own highlights.";
    const { kind: _kind, ...fixed } = parsed.data;
    const { kind: _oldKind, ...oldFixed } = old;
    if (JSON.stringify(fixed) !== JSON.stringify(oldFixed)) return "Only a highlight's kind can change.";
  }
  return null;
}

function checkComments(before: Snapshot, after: Snapshot, actor: Actor, session: SessionTeams): string | null {
  for (const id of changedKeys(before.comments, after.comments)) {
    const old = before.comments.get(id) as Comment | undefined;
    const next = after.comments.get(id);
    if (next === undefined) return "Comments are never removed; delete marks them as deleted.";
    const parsed = commentSchema.safeParse(next);
    if (!parsed.success || parsed.data.id !== id) {
      const tooLong = parsed.error?.issues.some((issue) => issue.path[0] === "body" && issue.code === "too_big");
      return tooLong ? "Comments can be at most 10,000 characters." : "A comment is malformed.";
    }
    const comment = parsed.data;
    if (!old) {
      if (!can(actor, "reading:annotate")) return "You may not comment on this reading.";
      if (comment.authorId !== actor.id) return "A comment must be written in your own name.";
      if (comment.deleted || comment.editedAt !== null || comment.resolvedAt !== null || comment.resolvedBy !== null) return "A new comment starts open and unedited.";
      if (!comment.body.trim()) return "A comment needs some text.";
      if (comment.highlightId !== null && !after.highlights.has(comment.highlightId)) return "That highlight does not exist.";
      if (comment.parentId !== null) {
        const parent = after.comments.get(comment.parentId) as Comment | undefined;
        if (!parent) return "The comment you reply to does not exist.";
        if (parent.highlightId !== comment.highlightId) return "A reply belongs to its parent's thread.";
      }
      continue;
    }
    for (const field of ["id", "highlightId", "parentId", "authorId", "createdAt"] as const) {
      if (comment[field] !== old[field]) return `A comment's ${field} cannot change.`;
    }
    const ownEdit = comment.body !== old.body || comment.editedAt !== old.editedAt || comment.deleted !== old.deleted;
    if (ownEdit) {
      if (!can(actor, "annotation:edit", { authorId: old.authorId })) return "You can only edit or delete your own comments.";
      if (old.deleted && !comment.deleted) return "A deleted comment cannot be restored.";
      if (comment.deleted && comment.body !== "") return "A deleted comment keeps no text.";
      if (!comment.deleted && !comment.body.trim()) return "A comment needs some text.";
    }
    if (comment.resolvedAt !== old.resolvedAt || comment.resolvedBy !== old.resolvedBy) {
      if (comment.parentId !== null) return "Only a thread's first comment is resolved.";
      if (!can(actor, "thread:resolve", { threadAuthorId: old.authorId, session })) return "You may not resolve this thread.";
      const resolving = comment.resolvedAt !== null;
      if (resolving ? comment.resolvedBy !== actor.id : comment.resolvedBy !== null) return "A thread is resolved in your own name.";
    }
  }
  return null;
}

function checkReactions(before: Snapshot, after: Snapshot, actor: Actor): string | null {
  for (const key of changedKeys(before.reactions, after.reactions)) {
    const [commentId, userId, extra] = key.split("|");
    if (extra !== undefined || userId !== actor.id) return "You can only add or remove your own +1.";
    if (!commentId || !after.comments.has(commentId)) return "That comment does not exist.";
    const value = after.reactions.get(key);
    if (value !== undefined && value !== true) return "A +1 is just true.";
    if (!can(actor, "reading:annotate")) return "You may not react on this reading.";
  }
  return null;
}
