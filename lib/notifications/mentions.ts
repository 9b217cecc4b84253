// Mentions of a user, read from the projection of every reading's comments.
import { getDb, type DbClient } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";

export interface MentionItem {
  commentId: string;
  readingId: string;
  readingTitle: string;
  authorName: string;
  excerpt: string;
  createdAt: Date;
  isNew: boolean;
}

export async function listMentions({ actor, db = getDb(), take = 50 }: { actor: Actor | null; db?: DbClient; take?: number }): Promise<MentionItem[]> {
  const me = authorize(actor, "course:view");
  const [user, mentions] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: me.id }, select: { mentionsSeenAt: true } }),
    db.mentionRow.findMany({ where: { mentionedUserId: me.id }, orderBy: { createdAt: "desc" }, take }),
  ]);
  if (mentions.length === 0) return [];
  const [comments, readings, authors] = await Promise.all([
    // Comment ids are unique within a reading only.
    db.commentRow.findMany({ where: { OR: mentions.map((mention) => ({ readingId: mention.readingId, id: mention.commentId })) }, select: { readingId: true, id: true, body: true } }),
    db.reading.findMany({ where: { id: { in: mentions.map((mention) => mention.readingId) } }, select: { id: true, title: true } }),
    db.user.findMany({ where: { id: { in: mentions.map((mention) => mention.authorId) } }, select: { id: true, name: true, email: true } }),
  ]);
  return mentions.map((mention) => {
    const body = comments.find((comment) => comment.readingId === mention.readingId && comment.id === mention.commentId)?.body ?? "";
    const author = authors.find((candidate) => candidate.id === mention.authorId);
    return {
      commentId: mention.commentId,
      readingId: mention.readingId,
      readingTitle: readings.find((reading) => reading.id === mention.readingId)?.title ?? "A reading",
      authorName: author?.name ?? author?.email ?? "A classmate",
      excerpt: body.length > 200 ? `${body.slice(0, 200)}…` : body,
      createdAt: mention.createdAt,
      isNew: !user.mentionsSeenAt || mention.createdAt > user.mentionsSeenAt,
    };
  });
}

export async function countNewMentions({ actor, db = getDb() }: { actor: Actor; db?: DbClient }): Promise<number> {
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { mentionsSeenAt: true } });
  return db.mentionRow.count({ where: { mentionedUserId: actor.id, ...(user?.mentionsSeenAt ? { createdAt: { gt: user.mentionsSeenAt } } : {}) } });
}

export async function markMentionsSeen({ actor, db = getDb() }: { actor: Actor | null; db?: DbClient }): Promise<void> {
  const me = authorize(actor, "course:view");
  await db.user.update({ where: { id: me.id }, data: { mentionsSeenAt: new Date() } });
}
