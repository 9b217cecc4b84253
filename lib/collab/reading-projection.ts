// Relational rows derived from a thread document, a reading's or a draft's (`draft-threads:<draftId>`),
// for search, activity, export and mentions; the column "readingId" holds the document's id and
// "documentKind" its kind. Nothing
// else writes these tables. The document is read in the worker thread and compared with the stored
// rows' digests; only rows whose content changed are written, so one new comment writes one row. The
// worker also encodes the rows, as one Postgres array per column; here they go into
// INSERT ... SELECT FROM unnest(...) as they are, so a thousand rows cost the event loop about what one
// does (the ORM's createMany spent hundreds of milliseconds per thousand rows on the main thread).
import type { Db } from "../db/client.ts";
import { Prisma } from "../db/generated/client.ts";
import { readRootStates, threadChangeStatement } from "../activity/record-thread-changes.ts";
import type * as Y from "yjs";
import { COMMENT_COLUMNS, HIGHLIGHT_COLUMNS, planThreadProjection, type ChangedEntries, type ReadingProjectionPlan } from "./yjs-worker-tasks.ts";
import { ownBytes, runYjsTask } from "./yjs-worker-pool.ts";

type SqlType = "text" | "int4" | "bool" | "time";
const HIGHLIGHT_TYPES: Record<string, SqlType> = { start: "int4", end: "int4", createdAt: "time" };
const COMMENT_TYPES: Record<string, SqlType> = { createdAt: "time", editedAt: "time", resolvedAt: "time", deleted: "bool", reactionCount: "int4" };
const ARRAY_TYPE: Record<SqlType, string> = { text: "text[]", int4: "int4[]", bool: "bool[]", time: "float8[]" };

/** The live-document kinds whose documents hold threads (the reading's schema). */
export type ThreadDocumentKind = "reading" | "draft-threads";

/** One INSERT per statement the worker prepared; times arrive as epoch milliseconds and are stored as UTC. */
function insertStatements(db: Db, table: string, { documentKind, readingId }: ThreadDocument, names: string[], types: Record<string, SqlType>, statements: Array<Record<string, string>>) {
  const target = Prisma.raw(`"${table}" ("readingId", "documentKind", ${names.map((name) => `"${name}"`).join(", ")})`);
  const values = Prisma.join(names.map((name, index) => Prisma.raw(types[name] === "time" ? `(to_timestamp(r.c${index} / 1000.0) AT TIME ZONE 'UTC')` : `r.c${index}`)));
  const aliases = Prisma.raw(names.map((_, index) => `c${index}`).join(", "));
  return statements.map((columns) => {
    const arrays = Prisma.join(names.map((name) => Prisma.sql`${columns[name]}::${Prisma.raw(ARRAY_TYPE[types[name] ?? "text"])}`));
    // ON CONFLICT DO NOTHING: another instance projecting the same change at the same moment is not an error.
    return db.$executeRaw`INSERT INTO ${target} SELECT ${readingId}, ${documentKind}, ${values} FROM unnest(${arrays}) AS r(${aliases}) ON CONFLICT DO NOTHING`;
  });
}

function deleteStatements(db: Db, table: string, { documentKind, readingId }: ThreadDocument, idLists: string[]) {
  return idLists.map(
    (ids) => db.$executeRaw`DELETE FROM ${Prisma.raw(`"${table}"`)} WHERE "readingId" = ${readingId} AND "documentKind" = ${documentKind} AND id = ANY(${ids}::text[])`,
  );
}

interface ThreadDocument {
  documentKind: ThreadDocumentKind;
  /** The document's id (a reading's, or for draft threads the draft's), stored in the "readingId" column. */
  readingId: string;
}

export function rebuildReadingProjection(db: Db, readingId: string, state: Uint8Array): Promise<void> {
  return rebuildThreadProjection({ db, documentKind: "reading", documentId: readingId, state });
}

export async function rebuildThreadProjection(options: { db: Db; documentKind: ThreadDocumentKind; documentId: string; state: Uint8Array }): Promise<void> {
  const { db, documentKind, documentId: readingId, state } = options;
  const document: ThreadDocument = { documentKind, readingId };
  const stored = await storedProjection(db, document, null);
  const plan = await runYjsTask("planReadingProjection", { state: ownBytes(state), kind: documentKind, storedHighlights: stored.highlights, storedComments: stored.comments });
  await writeProjection(db, document, plan, stored.mentions);
}

/**
 * Projects only the entries a few logged updates changed, from the document as the worker holds it
 * (compaction-job.ts): reads and compares those entries' rows alone, so one new comment on a reading of
 * thousands costs one comment's work. Runs in the worker thread, where the document is.
 */
export async function projectThreadChanges(options: { db: Db; documentKind: ThreadDocumentKind; documentId: string; doc: Y.Doc; changed: ChangedEntries }): Promise<void> {
  const { db, documentKind, documentId: readingId, doc, changed } = options;
  if (changed.highlights.size === 0 && changed.comments.size === 0) return;
  const document: ThreadDocument = { documentKind, readingId };
  const stored = await storedProjection(db, document, changed);
  const plan = planThreadProjection({ doc, kind: documentKind, storedHighlights: stored.highlights, storedComments: stored.comments, only: changed });
  await writeProjection(db, document, plan, stored.mentions);
}

interface StoredMention {
  commentId: string;
  mentionedUserId: string;
  authorId: string;
  createdAt: Date;
}

/** The stored rows' digests ("id hash" lines) and mentions: of the whole document, or of the `only` entries. */
async function storedProjection(db: Db, { documentKind, readingId }: ThreadDocument, only: ChangedEntries | null) {
  // The digests arrive as one text value each (ids and digests hold no spaces or newlines) and are parsed
  // in the worker, not decoded row by row on the event loop.
  const highlightIds = only ? Prisma.sql`AND id = ANY(${[...only.highlights]}::text[])` : Prisma.empty;
  const commentIds = only ? Prisma.sql`AND id = ANY(${[...only.comments]}::text[])` : Prisma.empty;
  const [[digests], mentions] = await Promise.all([
    db.$queryRaw<Array<{ highlights: string; comments: string }>>`
      SELECT (SELECT coalesce(string_agg(id || ' ' || hash, chr(10)), '') FROM "HighlightRow" WHERE "readingId" = ${readingId} AND "documentKind" = ${documentKind} ${highlightIds}) AS highlights,
             (SELECT coalesce(string_agg(id || ' ' || hash, chr(10)), '') FROM "CommentRow" WHERE "readingId" = ${readingId} AND "documentKind" = ${documentKind} ${commentIds}) AS comments`,
    db.mentionRow.findMany({
      where: { readingId, documentKind, ...(only ? { commentId: { in: [...only.comments] } } : {}) },
      select: { commentId: true, mentionedUserId: true, authorId: true, createdAt: true },
    }),
  ]);
  return { highlights: digests!.highlights, comments: digests!.comments, mentions: mentions as StoredMention[] };
}

/** Writes a plan: changed rows, the mentions that came or went, and resolve/reopen news, in one transaction. */
async function writeProjection(db: Db, document: ThreadDocument, plan: ReadingProjectionPlan, storedMentions: StoredMention[]): Promise<void> {
  const { documentKind, readingId } = document;
  const handles = new Map<string, string>();
  const mentioned = new Set(plan.mentions.flatMap((mention) => mention.handles));
  if (mentioned.size > 0) {
    const users = await db.user.findMany({ where: { handle: { in: [...mentioned] } }, select: { id: true, handle: true } });
    for (const user of users) handles.set(user.handle!, user.id);
  }
  const mentionKey = (row: StoredMention) =>
    `${row.commentId}|${row.mentionedUserId}|${row.authorId}|${row.createdAt.getTime()}`;
  const wanted = new Map<string, { readingId: string; documentKind: string; commentId: string; mentionedUserId: string; authorId: string; createdAt: Date }>();
  for (const mention of plan.mentions) {
    for (const handle of mention.handles) {
      const userId = handles.get(handle);
      if (!userId || userId === mention.authorId) continue;
      const row = { readingId, documentKind, commentId: mention.commentId, mentionedUserId: userId, authorId: mention.authorId, createdAt: new Date(mention.createdAt) };
      wanted.set(mentionKey(row), row);
    }
  }
  const storedMentionKeys = new Set(storedMentions.map(mentionKey));
  const mentionInserts = [...wanted].filter(([key]) => !storedMentionKeys.has(key)).map(([, row]) => row);
  const mentionRemovals = storedMentions.filter((row) => !wanted.has(mentionKey(row)));

  const { highlights, comments } = plan;
  if (highlights.inserts + highlights.removes + comments.inserts + comments.removes + mentionInserts.length + mentionRemovals.length === 0) return;
  // Resolving or reopening is news for the thread's author (Activity): compare the rewritten roots before and after.
  const threadChanges = threadChangeStatement(db, document, await readRootStates(db, document, comments.remove));
  await db.$transaction([
    ...deleteStatements(db, "HighlightRow", document, highlights.remove),
    ...deleteStatements(db, "CommentRow", document, comments.remove),
    ...(mentionRemovals.length > 0
      ? [db.mentionRow.deleteMany({ where: { readingId, documentKind, OR: mentionRemovals.map((row) => ({ commentId: row.commentId, mentionedUserId: row.mentionedUserId })) } })]
      : []),
    ...insertStatements(db, "HighlightRow", document, HIGHLIGHT_COLUMNS, HIGHLIGHT_TYPES, highlights.insert),
    ...insertStatements(db, "CommentRow", document, COMMENT_COLUMNS, COMMENT_TYPES, comments.insert),
    ...(mentionInserts.length > 0 ? [db.mentionRow.createMany({ data: mentionInserts, skipDuplicates: true })] : []),
    ...(threadChanges ? [threadChanges] : []),
  ]);
}
