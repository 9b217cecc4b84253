// Relational rows derived from a reading document (for search, activity, export and mentions). Nothing
// else writes these tables. The document is read in the worker thread and compared with the stored
// rows' digests; only rows whose content changed are written, so one new comment writes one row.
import type { Db } from "../db/client.ts";
import { ownBytes, runYjsTask } from "./yjs-worker-pool.ts";

// Rows per statement: far below Postgres's 65,535 bind parameters for the widest row.
const CHUNK = 1000;
function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += CHUNK) out.push(items.slice(index, index + CHUNK));
  return out;
}

export async function rebuildReadingProjection(db: Db, readingId: string, state: Uint8Array): Promise<void> {
  const [storedHighlights, storedComments, storedMentions] = await Promise.all([
    db.highlightRow.findMany({ where: { readingId }, select: { id: true, hash: true } }),
    db.commentRow.findMany({ where: { readingId }, select: { id: true, hash: true } }),
    db.mentionRow.findMany({ where: { readingId }, select: { commentId: true, mentionedUserId: true, authorId: true, createdAt: true } }),
  ]);
  const plan = await runYjsTask("planReadingProjection", {
    readingId,
    state: ownBytes(state),
    storedHighlights: Object.fromEntries(storedHighlights.map((row) => [row.id, row.hash])),
    storedComments: Object.fromEntries(storedComments.map((row) => [row.id, row.hash])),
  });

  const handles = new Map<string, string>();
  const mentioned = new Set(plan.mentions.flatMap((mention) => mention.handles));
  if (mentioned.size > 0) {
    const users = await db.user.findMany({ where: { handle: { in: [...mentioned] } }, select: { id: true, handle: true } });
    for (const user of users) handles.set(user.handle!, user.id);
  }
  const mentionKey = (row: { commentId: string; mentionedUserId: string; authorId: string; createdAt: Date }) =>
    `${row.commentId}|${row.mentionedUserId}|${row.authorId}|${row.createdAt.getTime()}`;
  const wanted = new Map<string, { readingId: string; commentId: string; mentionedUserId: string; authorId: string; createdAt: Date }>();
  for (const mention of plan.mentions) {
    for (const handle of mention.handles) {
      const userId = handles.get(handle);
      if (!userId || userId === mention.authorId) continue;
      const row = { readingId, commentId: mention.commentId, mentionedUserId: userId, authorId: mention.authorId, createdAt: mention.createdAt };
      wanted.set(mentionKey(row), row);
    }
  }
  const storedMentionKeys = new Set(storedMentions.map(mentionKey));
  const mentionInserts = [...wanted].filter(([key]) => !storedMentionKeys.has(key)).map(([, row]) => row);
  const mentionRemovals = storedMentions.filter((row) => !wanted.has(mentionKey(row)));

  const { highlights, comments } = plan;
  const written = highlights.insert.length + highlights.remove.length + comments.insert.length + comments.remove.length + mentionInserts.length + mentionRemovals.length;
  if (written === 0) return;
  await db.$transaction([
    ...chunks(highlights.remove).map((ids) => db.highlightRow.deleteMany({ where: { readingId, id: { in: ids } } })),
    ...chunks(comments.remove).map((ids) => db.commentRow.deleteMany({ where: { readingId, id: { in: ids } } })),
    ...chunks(mentionRemovals).map((rows) =>
      db.mentionRow.deleteMany({ where: { readingId, OR: rows.map((row) => ({ commentId: row.commentId, mentionedUserId: row.mentionedUserId })) } }),
    ),
    // skipDuplicates: another instance projecting the same change at the same moment is not an error.
    ...chunks(highlights.insert).map((data) => db.highlightRow.createMany({ data, skipDuplicates: true })),
    ...chunks(comments.insert).map((data) => db.commentRow.createMany({ data, skipDuplicates: true })),
    ...chunks(mentionInserts).map((data) => db.mentionRow.createMany({ data, skipDuplicates: true })),
  ]);
}
