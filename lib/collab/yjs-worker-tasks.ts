// The heavy Yjs work of compaction and projection (O(document): merging a log into a state, reading
// every entry of a reading, a big draft's Markdown), run in a worker thread (yjs-worker.mjs) so that one
// big document never stalls every other document's updates on the event loop.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import * as Y from "yjs";
import { draftContent } from "../drafts/draft-content.ts";
import { extractMentions } from "../rich-text/mentions.ts";
import { draftHighlightSchema, readDraftHighlights, type DraftHighlight } from "./draft-threads-doc.ts";
import { commentSchema, highlightSchema, readComments, readEntry, readHighlights, readingMaps, readReactionEntries, readReactions, type Comment, type Highlight } from "./reading-doc.ts";

/**
 * The whole document after applying the logged updates to the stored state, garbage-collected. The
 * updates come packed, each preceded by its length (4 bytes, big-endian), as the log query returns them.
 */
export function foldUpdates(input: { state: Uint8Array; packedUpdates: Uint8Array }): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, input.state);
  for (const update of unpackUpdates(input.packedUpdates)) Y.applyUpdate(doc, update);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** The updates of a packed log, in order: each preceded by its length (4 bytes, big-endian). */
export function* unpackUpdates(packed: Uint8Array): Generator<Uint8Array> {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  for (let offset = 0; offset < packed.byteLength; ) {
    const length = view.getUint32(offset);
    yield packed.subarray(offset + 4, offset + 4 + length);
    offset += 4 + length;
  }
}

// The driver's own encoder of Postgres array literals ('{"a","b",NULL}'), so that the worker hands the main
// thread finished query parameters rather than thousands of rows to encode on the event loop.
const { prepareValue } = createRequire(import.meta.url)("pg/lib/utils.js") as { prepareValue(value: unknown): string };

/** Rows per statement: bounds each statement's work on the main thread and its size. */
export const ROWS_PER_STATEMENT = 1000;

export interface HighlightRowData {
  id: string;
  authorId: string;
  kind: string;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  createdAt: number;
  /** "Answered in presentation" as JSON text, or null. */
  answeredIn: string | null;
  hash: string;
}

export interface CommentRowData {
  id: string;
  highlightId: string | null;
  parentId: string | null;
  authorId: string;
  body: string;
  createdAt: number;
  editedAt: number | null;
  resolvedAt: number | null;
  resolvedBy: string | null;
  deleted: boolean;
  reactionCount: number;
  answeredIn: string | null;
  hash: string;
}

/**
 * Rows to write for one table: delete the ids in `remove` (gone or changed), then insert `insert` (new or
 * changed). Both come in statements of at most ROWS_PER_STATEMENT rows, each column (and each id list) as
 * a Postgres array literal; times are epoch milliseconds.
 */
export interface RowChanges<Row> {
  insert: Array<Record<keyof Row & string, string>>;
  remove: string[];
  /** How many rows are inserted and removed. */
  inserts: number;
  removes: number;
}

export interface ReadingProjectionPlan {
  highlights: RowChanges<HighlightRowData>;
  comments: RowChanges<CommentRowData>;
  /** Every live comment that mentions someone, with the handles it mentions. */
  mentions: Array<{ commentId: string; authorId: string; createdAt: number; handles: string[] }>;
  /** Entries that cannot be stored as rows (see storable), left out of the projection. */
  skipped: number;
}

// Postgres limits the schema's readers do not know about: a NUL in text, integers beyond int4, dates
// beyond what Date and timestamp hold. A row that breaks one would fail the projection's transaction
// on every attempt, so such an entry is left out instead.
const MAX_TIME = 8.64e15;
const MAX_INT4 = 2_147_483_647;
function storable(values: unknown[]): boolean {
  return values.every((value) => {
    if (typeof value === "string") return !value.includes("\u0000");
    if (typeof value === "number") return Number.isFinite(value);
    return true;
  });
}
const validTime = (time: number | null) => time === null || (time >= 0 && time <= MAX_TIME);
const validInt = (value: number) => Number.isInteger(value) && value >= 0 && value <= MAX_INT4;
const answeredText = (value: { draftId: string; href: string } | null | undefined) => (value ? JSON.stringify({ draftId: value.draftId, href: value.href }) : null);
const digest = (value: unknown) => createHash("sha1").update(JSON.stringify(value)).digest("base64url");

function parseDigests(lines: string): Map<string, string> {
  const digests = new Map<string, string>();
  for (const line of lines.split("\n")) {
    const space = line.indexOf(" ");
    if (space > 0) digests.set(line.slice(0, space), line.slice(space + 1));
  }
  return digests;
}

function statements<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += ROWS_PER_STATEMENT) out.push(items.slice(index, index + ROWS_PER_STATEMENT));
  return out;
}

function diffRows<Row extends { id: string; hash: string }>(rows: Row[], stored: Map<string, string>, names: Array<keyof Row & string>): RowChanges<Row> {
  const insert: Row[] = [];
  const remove: string[] = [];
  const present = new Set<string>();
  for (const row of rows) {
    present.add(row.id);
    const before = stored.get(row.id);
    if (before === row.hash) continue;
    if (before !== undefined) remove.push(row.id);
    insert.push(row);
  }
  for (const id of stored.keys()) if (!present.has(id)) remove.push(id);
  return {
    insert: statements(insert).map((chunk) => Object.fromEntries(names.map((name) => [name, prepareValue(chunk.map((row) => row[name]))])) as Record<keyof Row & string, string>),
    remove: statements(remove).map((ids) => prepareValue(ids)),
    inserts: insert.length,
    removes: remove.length,
  };
}

export const HIGHLIGHT_COLUMNS: Array<keyof HighlightRowData & string> = ["id", "authorId", "kind", "exact", "prefix", "suffix", "start", "end", "createdAt", "answeredIn", "hash"];
export const COMMENT_COLUMNS: Array<keyof CommentRowData & string> = [
  "id",
  "highlightId",
  "parentId",
  "authorId",
  "body",
  "createdAt",
  "editedAt",
  "resolvedAt",
  "resolvedBy",
  "deleted",
  "reactionCount",
  "answeredIn",
  "hash",
];

/** Which entries of a thread document changed: ids of highlights, and of comments (a +1 changes its comment). */
export interface ChangedEntries {
  highlights: Set<string>;
  comments: Set<string>;
}

/**
 * Compares a reading document with its stored projection (entry id -> row digest) and says which rows
 * to write. Entries the readers reject, entries that repeat an id already seen, and entries Postgres
 * cannot store are skipped, so a malformed entry never blocks the projection.
 */
export function planReadingProjection(input: {
  state: Uint8Array;
  /** Which thread document it is: a draft's passages have no offsets, only their quote. Default "reading". */
  kind?: "reading" | "draft-threads";
  /** The stored rows' digests, one "id hash" line per row. */
  storedHighlights: string;
  storedComments: string;
}): ReadingProjectionPlan {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, input.state);
  try {
    return planThreadProjection({ ...input, doc });
  } finally {
    doc.destroy();
  }
}

/**
 * The same plan over a document already in memory. With `only`, just those entries are read and compared,
 * and the stored digests given must be theirs alone: the incremental projection of what a few logged
 * updates changed costs what they changed, not what the document holds.
 */
export function planThreadProjection(input: {
  doc: Y.Doc;
  kind?: "reading" | "draft-threads";
  storedHighlights: string;
  storedComments: string;
  only?: ChangedEntries;
}): ReadingProjectionPlan {
  const { doc, only } = input;
  const asRow = (highlight: DraftHighlight) => ({ ...highlight, target: { exact: highlight.target.exact, prefix: "", suffix: "", start: 0, end: 0 }, answeredIn: null });
  let highlights: Highlight[];
  let comments: Comment[];
  let reactions: Map<string, string[]>;
  if (only) {
    const maps = readingMaps(doc);
    highlights = [];
    for (const id of only.highlights) {
      const value = maps.highlights.get(id);
      if (input.kind === "draft-threads") {
        const highlight = readEntry(draftHighlightSchema, value, id);
        if (highlight) highlights.push(asRow(highlight));
      } else {
        const highlight = readEntry(highlightSchema, value, id);
        if (highlight) highlights.push(highlight);
      }
    }
    comments = [];
    for (const id of only.comments) {
      const comment = readEntry(commentSchema, maps.comments.get(id), id);
      if (comment) comments.push(comment);
    }
    reactions = readReactionEntries(doc, only.comments).reactions;
  } else {
    highlights = input.kind === "draft-threads" ? readDraftHighlights(doc).map(asRow) : readHighlights(doc);
    comments = readComments(doc);
    reactions = readReactions(doc);
  }
  let skipped = 0;

  const highlightRows: HighlightRowData[] = [];
  const seenHighlights = new Set<string>();
  for (const highlight of highlights) {
    const { exact, prefix, suffix, start, end } = highlight.target;
    const fields = [highlight.id, highlight.authorId, highlight.kind, exact, prefix, suffix];
    if (seenHighlights.has(highlight.id) || !storable(fields) || !validInt(start) || !validInt(end) || !validTime(highlight.createdAt)) {
      skipped++;
      continue;
    }
    seenHighlights.add(highlight.id);
    const answeredIn = answeredText(highlight.answeredIn);
    // answeredIn enters the digest only when set, so rows stored before it existed keep their digest.
    const content = { authorId: highlight.authorId, kind: highlight.kind, exact, prefix, suffix, start, end, createdAt: highlight.createdAt, ...(answeredIn ? { answeredIn } : {}) };
    highlightRows.push({ id: highlight.id, ...content, answeredIn, hash: digest(content) });
  }

  const commentRows: CommentRowData[] = [];
  const mentions: ReadingProjectionPlan["mentions"] = [];
  const seenComments = new Set<string>();
  for (const comment of comments) {
    const fields = [comment.id, comment.highlightId, comment.parentId, comment.authorId, comment.body, comment.resolvedBy];
    if (seenComments.has(comment.id) || !storable(fields) || ![comment.createdAt, comment.editedAt, comment.resolvedAt].every(validTime)) {
      skipped++;
      continue;
    }
    seenComments.add(comment.id);
    const content = {
      highlightId: comment.highlightId,
      parentId: comment.parentId,
      authorId: comment.authorId,
      body: comment.body,
      createdAt: comment.createdAt,
      editedAt: comment.editedAt,
      resolvedAt: comment.resolvedAt,
      resolvedBy: comment.resolvedBy,
      deleted: comment.deleted,
      reactionCount: reactions.get(comment.id)?.length ?? 0,
      ...(answeredText(comment.answeredIn) ? { answeredIn: answeredText(comment.answeredIn) } : {}),
    };
    commentRows.push({ id: comment.id, ...content, answeredIn: answeredText(comment.answeredIn), hash: digest(content) });
    const handles = comment.deleted ? [] : extractMentions(comment.body);
    if (handles.length > 0) mentions.push({ commentId: comment.id, authorId: comment.authorId, createdAt: comment.createdAt, handles });
  }

  return {
    highlights: diffRows(highlightRows, parseDigests(input.storedHighlights), HIGHLIGHT_COLUMNS),
    comments: diffRows(commentRows, parseDigests(input.storedComments), COMMENT_COLUMNS),
    mentions,
    skipped,
  };
}

/**
 * A draft's JSON (as text: a string crosses to the main thread in one copy, a tree of objects is rebuilt
 * there node by node), Markdown and word count, with a digest to compare with the stored projection.
 */
export function draftProjection(input: { state: Uint8Array }): { jsonText: string; markdown: string; wordCount: number; hash: string } {
  const content = draftContent(input.state);
  const jsonText = JSON.stringify(content.json);
  return { jsonText, markdown: content.markdown, wordCount: content.wordCount, hash: digest([jsonText, content.markdown]) };
}

export const yjsTasks = { foldUpdates, planReadingProjection, draftProjection };
export type YjsTasks = typeof yjsTasks;
