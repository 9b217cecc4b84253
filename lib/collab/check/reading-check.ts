// What may enter a reading document, judged from what one update did (see shadow-guard.ts): the items
// it added must be entries of the known roots holding one plain value per field, and every key it
// changed must follow the policy: new entries in your own name with well-typed fields, edits and
// deletes of your own words only, resolving as lib/policies allows, +1 only your own. Work follows the
// update: only added items and changed keys are looked at (removing a highlight also looks at the
// comments, to keep classmates' threads from losing their passage).
import * as Y from "yjs";
import { MAX_CONTEXT_LENGTH, MAX_EXACT_LENGTH } from "../../anchoring/selectors.ts";
import { can, type Actor, type SessionTeams } from "../../policies/index.ts";
import { MAX_COMMENT_LENGTH } from "../../rich-text/limits.ts";
import { HIGHLIGHT_KINDS, READING_ROOTS } from "../reading-doc.ts";
import type { AppliedUpdate, Inspector, Judge, NewEntry, SharedType } from "./shadow-guard.ts";
import {
  boolean,
  ENTRY_ID,
  fieldValue,
  literal,
  nullable,
  oneOf,
  recentTimestamp,
  record,
  safeInteger,
  string,
  USER_ID,
  type ValueCheck,
} from "./values.ts";

/** Whole-document limits: keys ever used per root (a removed highlight or +1 keeps its key). */
export const READING_LIMITS = { highlights: 10_000, comments: 20_000, reactions: 100_000 } as const;

export interface ReadingCheckContext {
  actor: Actor;
  session: SessionTeams;
  /** The server's clock (ms), for timestamps of new entries. */
  now: number;
  /**
   * Set only by the annotation import (lib/interchange), never by a connection: new entries may then be
   * attributed to other class members (the importer has matched them) and carry their original, old
   * timestamps, and a comment may arrive already deleted (a placeholder that keeps its replies' place).
   * Honoured only for an actor who may import annotations.
   */
  importing?: boolean;
  /**
   * What a highlight's `target` must be: by default a text quote with its offsets in the abstract
   * (textTargetCheck); draft threads pass draftAnchorCheck, a quote held by Yjs relative positions.
   */
  target?: ValueCheck;
  /** Who may resolve a thread started by `threadAuthorId`; by default lib/policies' "thread:resolve" for the session. */
  mayResolve?: (threadAuthorId: string) => boolean;
  /**
   * Whether its questions can be marked "Answered in presentation" (answeredIn on a question highlight or
   * a thread's first comment, by lib/policies' "question:answer"): a reading's, not a draft's threads.
   */
  questions?: boolean;
  /** What the refusals call the document: a reading's by default; a draft's threads say "draft". */
  words?: CheckWords;
}

export interface CheckWords {
  /** "a reading document" */
  document: string;
  /** "this reading" */
  subject: string;
}

const READING_WORDS: CheckWords = { document: "a reading document", subject: "this reading" };

type Root = (typeof READING_ROOTS)[number];

const MAX_POSITION = 10_000_000;
const entryId = string({ max: 64, pattern: ENTRY_ID });
const userId = string({ max: 64, pattern: USER_ID });

/** A reading's highlight target: the quote with its context and offsets into the abstract. */
export const textTargetCheck: ValueCheck = (value) => {
  const problem = record({
    exact: string({ min: 1, max: MAX_EXACT_LENGTH }),
    prefix: string({ max: MAX_CONTEXT_LENGTH }),
    suffix: string({ max: MAX_CONTEXT_LENGTH }),
    start: safeInteger({ min: 0, max: MAX_POSITION }),
    end: safeInteger({ min: 1, max: MAX_POSITION }),
  })(value);
  if (problem) return problem;
  const target = value as { exact: string; start: number; end: number };
  return target.end - target.start === target.exact.length ? null : "does not span exactly its quote";
};

/** An imported entry keeps its original time: any past time, but not one in the future. */
const pastTimestamp =
  (now: number): ValueCheck =>
  (value) =>
    recentTimestamp(now)(value) === "is too old" ? null : recentTimestamp(now)(value);

function highlightFields(now: number, imported: boolean, target: ValueCheck): Record<string, ValueCheck> {
  return { id: entryId, authorId: userId, kind: oneOf(HIGHLIGHT_KINDS), target, createdAt: (imported ? pastTimestamp : recentTimestamp)(now) };
}

function commentFields(now: number, imported: boolean): Record<string, ValueCheck> {
  return {
    id: entryId,
    highlightId: nullable(entryId),
    parentId: nullable(entryId),
    authorId: userId,
    body: string({ max: MAX_COMMENT_LENGTH }),
    createdAt: (imported ? pastTimestamp : recentTimestamp)(now),
    editedAt: literal(null),
    resolvedAt: literal(null),
    resolvedBy: literal(null),
    deleted: imported ? boolean : literal(false),
  };
}

/** The import mode applies only to an actor the policy lets import; for anyone else the flag is ignored. */
function importing(context: ReadingCheckContext): boolean {
  return context.importing === true && can(context.actor, "annotations:import");
}

/** The current plain fields of an entry map (only called on maps whose items were checked or stored). */
function fieldsOf(entry: Y.Map<unknown>, includeDeleted = false): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, item] of entry._map) {
    if (item.deleted && !includeDeleted) continue;
    const read = fieldValue(item);
    out.set(key, read.ok ? read.value : undefined);
  }
  return out;
}

/** An entry's fields as (name, item) pairs, or why it is not an entry of fields. */
type EntryFields = Array<[string, Y.Item]> | string;

function entryFields(entry: unknown, noun: string): EntryFields {
  if (!(entry instanceof Y.Map)) return `A ${noun} must be an entry of fields.`;
  if (entry._start !== null) return "Entries may not contain list content.";
  return [...entry._map].filter(([, item]) => !item.deleted);
}

/** The values of a new entry's fields, each checked by type against `fields`, or what is wrong with them. */
function readNewEntry(entry: EntryFields, key: string, fields: Record<string, ValueCheck>, noun: string): Map<string, unknown> | string {
  if (typeof entry === "string") return entry;
  const values = new Map<string, unknown>();
  for (const [field, item] of entry) {
    if (!fields[field]) return `A ${noun} has an unknown field "${field.slice(0, 40)}".`;
    const read = fieldValue(item);
    if (!read.ok) return `A ${noun}'s ${field} ${read.reason}.`;
    const problem = fields[field]!(read.value);
    if (problem) return `A ${noun}'s ${field} ${problem}.`;
    values.set(field, read.value);
  }
  for (const field of Object.keys(fields)) if (!values.has(field)) return `A ${noun} is missing its ${field}.`;
  if (values.get("id") !== key) return `A ${noun}'s id must match its key.`;
  return values;
}

/**
 * The entries a new comment or +1 may refer to. The full check reads the shadow after the update; the
 * quick one reads the shadow and the entries the update itself adds.
 */
interface ThreadLookup {
  hasHighlight(id: string): boolean;
  hasComment(id: string): boolean;
  /** A comment's fields, or null when there is no such comment entry. */
  comment(id: string): { get(field: string): unknown } | null;
}

function shadowLookup(roots: Roots): ThreadLookup {
  return {
    hasHighlight: (id) => roots.highlights.has(id),
    hasComment: (id) => roots.comments.has(id),
    comment: (id) => {
      const comment = roots.comments.get(id);
      return comment instanceof Y.Map ? comment : null;
    },
  };
}

export function readingInspector(context: ReadingCheckContext): Inspector {
  const { actor } = context;
  const words = context.words ?? READING_WORDS;
  return (applied: AppliedUpdate) => {
    const { doc, transaction } = applied;
    const roots = rootsOf(doc);
    const rootOf = (type: SharedType): Root | null => {
      for (const name of READING_ROOTS) if (roots[name] === type) return name;
      return null;
    };

    // 1. Shape of every added item: an entry of a known root, or one plain field of such an entry.
    for (const item of applied.added) {
      const parent = item.parent as SharedType;
      if (parent._item === null) {
        const root = rootOf(parent);
        if (!root) return `Unknown part "${(Y.findRootTypeKey(parent) ?? "?").slice(0, 40)}" in ${words.document}.`;
        if (item.parentSub === null) return `Only keyed entries may be added to ${words.document}.`;
        if (item.content instanceof Y.ContentDeleted) continue;
        if (root === "reactions") {
          const read = fieldValue(item);
          if (!read.ok || read.value !== true) return "A +1 is just true.";
        } else if (!(item.content instanceof Y.ContentType) || !(item.content.type instanceof Y.Map)) {
          return "An entry must be a map of fields.";
        }
        continue;
      }
      const entryItem = parent._item;
      const grand = entryItem.parent as SharedType;
      if (grand._item !== null || !rootOf(grand) || rootOf(grand) === "reactions") return "Entries may not contain nested shared types.";
      if (!(parent instanceof Y.Map)) return "An entry must be a map of fields.";
      if (item.parentSub === null) return "Entries may not contain list content.";
      if (item.content instanceof Y.ContentDeleted) continue;
      const read = fieldValue(item);
      if (!read.ok) return `A field "${item.parentSub.slice(0, 40)}" ${read.reason}.`;
    }

    // 2. What changed, key by key, against the policy.
    for (const [type, keys] of transaction.changed) {
      if (keys.has(null)) return type._item === null ? `Only keyed entries may be added to ${words.document}.` : "Entries may not contain list content.";
      if (type._item === null) {
        const root = rootOf(type);
        if (!root) return `Unknown part "${(Y.findRootTypeKey(type) ?? "?").slice(0, 40)}" in ${words.document}.`;
        const event = new Y.YMapEvent(type as unknown as Y.Map<unknown>, transaction, keys as Set<string>);
        for (const [key, change] of event.keys) {
          const problem =
            root === "highlights"
              ? checkHighlightKey(key, change, roots, context)
              : root === "comments"
                ? checkCommentKey(key, change, roots, context)
                : reactionProblem(key, change.action, roots.reactions.get(key), shadowLookup(roots), actor, words);
          if (problem) return problem;
        }
        continue;
      }
      const grand = type._item.parent as SharedType;
      const root = grand._item === null ? rootOf(grand) : null;
      if (!root || root === "reactions" || !(type instanceof Y.Map)) return "Entries may not contain nested shared types.";
      const event = new Y.YMapEvent(type, transaction, keys as Set<string>);
      const problem =
        root === "highlights" ? checkHighlightEdit(type, event, context) : checkCommentEdit(type, event, context);
      if (problem) return problem;
    }

    for (const name of READING_ROOTS) {
      if (roots[name]._map.size > READING_LIMITS[name]) return `${words.subject[0]!.toUpperCase()}${words.subject.slice(1)} has reached its limit of ${READING_LIMITS[name].toLocaleString("en-US")} ${name}.`;
    }
    return null;
  };
}

type KeyChange = { action: "add" | "update" | "delete"; oldValue: unknown };
type Roots = Record<Root, Y.Map<unknown>>;

function checkHighlightKey(key: string, change: KeyChange, roots: Roots, context: ReadingCheckContext): string | null {
  const { actor } = context;
  if (change.action === "update") return "A highlight cannot be replaced.";
  if (change.action === "delete") {
    // The removed entry's fields were deleted with it, in this very transaction: their values are still there.
    const old = change.oldValue instanceof Y.Map ? fieldsOf(change.oldValue, true) : null;
    if (!old || !can(actor, "annotation:edit", { authorId: String(old.get("authorId")) })) return "You can only remove your own highlights.";
    for (const [, item] of roots.comments._map) {
      const comment = item.content instanceof Y.ContentType && item.content.type instanceof Y.Map ? item.content.type : null;
      if (!comment || item.deleted) continue;
      if (comment.get("highlightId") === key && comment.get("authorId") !== actor.id && comment.get("deleted") !== true) {
        return "This highlight has classmates' comments; it cannot be removed.";
      }
    }
    return null;
  }
  return newHighlightProblem(key, entryFields(roots.highlights.get(key), "highlight"), context);
}

function newHighlightProblem(key: string, entry: EntryFields, context: ReadingCheckContext): string | null {
  const { actor, now } = context;
  if (!can(actor, "reading:annotate")) return `You may not highlight ${(context.words ?? READING_WORDS).subject}.`;
  const highlight = readNewEntry(entry, key, highlightFields(now, importing(context), context.target ?? textTargetCheck), "highlight");
  if (typeof highlight === "string") return highlight;
  if (highlight.get("authorId") !== actor.id && !importing(context)) return "A highlight must be made in your own name.";
  return null;
}

const ANSWERED_IN = nullable(record({ draftId: string({ min: 1, max: 64, pattern: USER_ID }), href: string({ max: 500, pattern: /^\/sessions\/\S+$/ }) }));

/** "Answered in presentation" on a question: set or cleared by the lead team or the instructor, never removed as a key. */
function checkAnsweredIn(entry: Y.Map<unknown>, change: KeyChange, context: ReadingCheckContext): string | null {
  if (change.action === "delete") return "A question's answeredIn is cleared with null, not removed.";
  if (!can(context.actor, "question:answer", { session: context.session })) return "Only the lead team and the instructor mark a question answered in the presentation.";
  const read = fieldValue(entry._map.get("answeredIn")!);
  if (!read.ok || ANSWERED_IN(read.value)) return "A question's answeredIn is null or { draftId, href } with a link into a session's draft.";
  return null;
}

function checkHighlightEdit(entry: Y.Map<unknown>, event: Y.YMapEvent<unknown>, context: ReadingCheckContext): string | null {
  const { actor } = context;
  const authorId = String(entry.get("authorId"));
  for (const [field, change] of event.keys) {
    if (field === "answeredIn" && context.questions) {
      if (entry.get("kind") !== "question") return "Only a question highlight is answered in the presentation.";
      const problem = checkAnsweredIn(entry, change, context);
      if (problem) return problem;
      continue;
    }
    if (field !== "kind") return "Only a highlight's kind can change.";
    if (change.action === "delete") return "A highlight's kind cannot be removed.";
    if (!can(actor, "annotation:edit", { authorId })) return "You can only change your own highlights.";
    const item = entry._map.get(field)!;
    const read = fieldValue(item);
    if (!read.ok || oneOf(HIGHLIGHT_KINDS)(read.value)) return "A highlight's kind must be one of the known kinds.";
  }
  return null;
}

function checkCommentKey(key: string, change: KeyChange, roots: Roots, context: ReadingCheckContext): string | null {
  if (change.action !== "add") return "Comments are never removed or replaced; delete marks them as deleted.";
  return newCommentProblem(key, entryFields(roots.comments.get(key), "comment"), shadowLookup(roots), context);
}

function newCommentProblem(key: string, entry: EntryFields, lookup: ThreadLookup, context: ReadingCheckContext): string | null {
  const { actor, now } = context;
  if (!can(actor, "reading:annotate")) return `You may not comment on ${(context.words ?? READING_WORDS).subject}.`;
  const comment = readNewEntry(entry, key, commentFields(now, importing(context)), "comment");
  if (typeof comment === "string") {
    if (/^A comment's (editedAt|resolvedAt|resolvedBy|deleted)/.test(comment)) return "A new comment starts open and unedited.";
    if (comment.startsWith("A comment's body is longer")) return `Comments can be at most ${MAX_COMMENT_LENGTH.toLocaleString("en-US")} characters.`;
    return comment;
  }
  if (comment.get("authorId") !== actor.id && !importing(context)) return "A comment must be written in your own name.";
  if (comment.get("deleted") === true) {
    if (comment.get("body") !== "") return "A deleted comment keeps no text.";
  } else if (!String(comment.get("body")).trim()) return "A comment needs some text.";
  const highlightId = comment.get("highlightId") as string | null;
  if (highlightId !== null && !lookup.hasHighlight(highlightId)) return "That highlight does not exist.";
  const parentId = comment.get("parentId") as string | null;
  if (parentId !== null) {
    if (parentId === key) return "A comment cannot reply to itself.";
    const parent = lookup.comment(parentId);
    if (!parent) return "The comment you reply to does not exist.";
    if (parent.get("highlightId") !== highlightId) return "A reply belongs to its parent's thread.";
  }
  return null;
}

const EDITABLE_BY_AUTHOR = new Set(["body", "editedAt", "deleted"]);
const RESOLUTION = new Set(["resolvedAt", "resolvedBy"]);

function checkCommentEdit(entry: Y.Map<unknown>, event: Y.YMapEvent<unknown>, context: ReadingCheckContext): string | null {
  const { actor, session, now } = context;
  const authorId = String(entry.get("authorId"));
  const after = fieldsOf(entry);
  let authorEdit = false;
  let resolution = false;
  for (const [field, change] of event.keys) {
    if (field === "answeredIn" && context.questions) {
      if (after.get("parentId") !== null) return "Only a thread's first comment is answered in the presentation.";
      const problem = checkAnsweredIn(entry, change, context);
      if (problem) return problem;
      continue;
    }
    if (change.action === "delete") return `A comment's ${field.slice(0, 40)} cannot be removed.`;
    if (EDITABLE_BY_AUTHOR.has(field)) authorEdit = true;
    else if (RESOLUTION.has(field)) resolution = true;
    else return `A comment's ${field.slice(0, 40)} cannot change.`;
    const read = fieldValue(entry._map.get(field)!);
    if (!read.ok) return `A comment's ${field} ${read.reason}.`;
  }
  const createdAt = after.get("createdAt");
  const laterTime = (value: unknown) => recentTimestamp(now)(value) ?? (typeof createdAt === "number" && (value as number) < createdAt ? "is before the comment was written" : null);
  if (authorEdit) {
    if (!can(actor, "annotation:edit", { authorId })) return "You can only edit or delete your own comments.";
    const old = new Map(after);
    for (const [field, change] of event.keys) old.set(field, change.oldValue);
    const body = after.get("body");
    const problem =
      string({ max: MAX_COMMENT_LENGTH })(body) ??
      boolean(after.get("deleted")) ??
      (event.keys.has("editedAt") ? laterTime(after.get("editedAt")) : null);
    if (problem) return problem.startsWith("is longer") ? `Comments can be at most ${MAX_COMMENT_LENGTH.toLocaleString("en-US")} characters.` : `A comment's edit ${problem}.`;
    if (old.get("deleted") === true) return "A deleted comment cannot be changed or restored.";
    if (after.get("deleted") === true && body !== "") return "A deleted comment keeps no text.";
    if (after.get("deleted") !== true && !String(body).trim()) return "A comment needs some text.";
    if (event.keys.has("body") && after.get("deleted") !== true && !event.keys.has("editedAt")) return "An edited comment records when it was edited.";
  }
  if (resolution) {
    if (after.get("parentId") !== null) return "Only a thread's first comment is resolved.";
    const mayResolve = context.mayResolve ?? ((threadAuthorId: string) => can(actor, "thread:resolve", { threadAuthorId, session }));
    if (!mayResolve(authorId)) return "You may not resolve this thread.";
    const resolvedAt = after.get("resolvedAt");
    const resolvedBy = after.get("resolvedBy");
    if (resolvedAt === null) {
      if (resolvedBy !== null) return "A reopened thread has no resolver.";
    } else {
      const problem = laterTime(resolvedAt);
      if (problem) return `A thread's resolution time ${problem}.`;
      if (resolvedBy !== actor.id) return "A thread is resolved in your own name.";
    }
  }
  return null;
}

/** A +1 added (`value` is what the key now holds) or removed. */
function reactionProblem(key: string, action: KeyChange["action"], value: unknown, lookup: ThreadLookup, actor: Actor, words: CheckWords): string | null {
  const parts = key.split("|");
  if (parts.length !== 2 || parts[1] !== actor.id) return "You can only add or remove your own +1.";
  if (!ENTRY_ID.test(parts[0]!) || !lookup.hasComment(parts[0]!)) return "That comment does not exist.";
  if (!can(actor, "reading:annotate")) return `You may not react on ${words.subject}.`;
  if (action !== "delete" && value !== true) return "A +1 is just true.";
  return null;
}

/**
 * The reading check as a Judge: the inspector, and the quick judgement of updates that only add new
 * entries (shadow-guard.ts). The quick judgement runs the inspector's own rules on the decoded entries
 * and accepts only what the inspector would; whatever it is unsure of (an entry it cannot see yet, an
 * import) goes to the inspector.
 */
export function readingJudge(context: ReadingCheckContext): Judge {
  const inspect = readingInspector(context);
  if (context.importing) return { inspect };
  const words = context.words ?? READING_WORDS;
  return {
    inspect,
    acceptsNewEntries(entries, view) {
      const roots = rootsOf(view.doc);
      const added = new Map<string, NewEntry>();
      const counts = { highlights: 0, comments: 0, reactions: 0 } satisfies Record<Root, number>;
      for (const entry of entries) {
        if (!isRoot(entry.root)) return false;
        counts[entry.root]++;
        added.set(`${entry.root}\u0000${entry.key}`, entry);
      }
      for (const name of READING_ROOTS) if (view.size(name) + counts[name] > READING_LIMITS[name]) return false;
      // An entry this update adds, or one accepted moments ago that the shadow does not hold yet.
      const addedEntry = (root: Root, id: string) => added.get(`${root}\u0000${id}`) ?? view.queued(root, id);
      const lookup: ThreadLookup = {
        hasHighlight: (id) => roots.highlights.has(id) || addedEntry("highlights", id) !== undefined,
        hasComment: (id) => roots.comments.has(id) || addedEntry("comments", id) !== undefined,
        comment: (id) => {
          const settled = roots.comments.get(id);
          if (settled !== undefined) return settled instanceof Y.Map ? settled : null;
          const fields = addedEntry("comments", id)?.fields;
          if (!fields) return null;
          return { get: (name) => fields.find(([field]) => field === name)?.[1].content.getContent()[0] };
        },
      };
      for (const entry of entries) {
        const fields: EntryFields = entry.fields ?? "not an entry of fields";
        if (entry.root === "highlights") {
          if (entry.fields === null || newHighlightProblem(entry.key, fields, context) !== null) return false;
        } else if (entry.root === "comments") {
          if (entry.fields === null || newCommentProblem(entry.key, fields, lookup, context) !== null) return false;
        } else {
          const read = entry.fields === null ? fieldValue(entry.item) : null;
          if (!read?.ok || reactionProblem(entry.key, "add", read.value, lookup, context.actor, words) !== null) return false;
        }
      }
      return true;
    },
  };
}

function rootsOf(doc: Y.Doc): Roots {
  return { highlights: doc.getMap<unknown>("highlights"), comments: doc.getMap<unknown>("comments"), reactions: doc.getMap<unknown>("reactions") };
}

function isRoot(name: string): name is Root {
  return (READING_ROOTS as readonly string[]).includes(name);
}
