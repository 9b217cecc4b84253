// Relational rows derived from a reading document (for search, activity, export and mentions).
// Rebuilt whole from the stored Yjs state; nothing else writes these tables.
import * as Y from "yjs";
import type { Db } from "../db/client.ts";
import { extractMentions } from "../rich-text/mentions.ts";
import { readComments, readHighlights, readReactions } from "./reading-doc.ts";

export async function rebuildReadingProjection(db: Db, readingId: string, state: Uint8Array): Promise<void> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const highlights = readHighlights(doc);
  const comments = readComments(doc);
  const reactions = readReactions(doc);
  doc.destroy();

  const handles = new Map<string, string>();
  const mentioned = new Set(comments.flatMap((comment) => (comment.deleted ? [] : extractMentions(comment.body))));
  if (mentioned.size > 0) {
    const users = await db.user.findMany({ where: { handle: { in: [...mentioned] } }, select: { id: true, handle: true } });
    for (const user of users) handles.set(user.handle!, user.id);
  }

  await db.$transaction([
    db.highlightRow.deleteMany({ where: { readingId } }),
    db.commentRow.deleteMany({ where: { readingId } }),
    db.mentionRow.deleteMany({ where: { readingId } }),
    db.highlightRow.createMany({
      data: highlights.map((highlight) => ({
        id: highlight.id,
        readingId,
        authorId: highlight.authorId,
        kind: highlight.kind,
        exact: highlight.target.exact,
        prefix: highlight.target.prefix,
        suffix: highlight.target.suffix,
        start: highlight.target.start,
        end: highlight.target.end,
        createdAt: new Date(highlight.createdAt),
      })),
    }),
    db.commentRow.createMany({
      data: comments.map((comment) => ({
        id: comment.id,
        readingId,
        highlightId: comment.highlightId,
        parentId: comment.parentId,
        authorId: comment.authorId,
        body: comment.body,
        createdAt: new Date(comment.createdAt),
        editedAt: comment.editedAt === null ? null : new Date(comment.editedAt),
        resolvedAt: comment.resolvedAt === null ? null : new Date(comment.resolvedAt),
        resolvedBy: comment.resolvedBy,
        deleted: comment.deleted,
        reactionCount: reactions.get(comment.id)?.length ?? 0,
      })),
    }),
    db.mentionRow.createMany({
      data: comments.flatMap((comment) =>
        comment.deleted
          ? []
          : extractMentions(comment.body)
              .map((handle) => handles.get(handle))
              .filter((userId): userId is string => Boolean(userId) && userId !== comment.authorId)
              .map((userId) => ({
                id: `${comment.id}:${userId}`,
                commentId: comment.id,
                readingId,
                mentionedUserId: userId,
                authorId: comment.authorId,
                createdAt: new Date(comment.createdAt),
              })),
      ),
    }),
  ]);
}
