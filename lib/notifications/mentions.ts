// Mentions of a user, read from the projection of every thread document's comments: readings' and
// drafts' (documentKind "draft-threads", whose readingId column holds the draft's id).
import { getDb, type DbClient } from "../db/client.ts";
import { DRAFT_SLUG_OF, DRAFT_TITLES } from "../drafts/drafts.ts";
import { authorize, type Actor } from "../policies/index.ts";

export interface MentionItem {
  commentId: string;
  /** The document's id: a reading's, or a draft's when `documentKind` is "draft-threads". */
  readingId: string;
  documentKind: "reading" | "draft-threads";
  /** What the comment is on: the reading's title, or the draft's with its session's. */
  readingTitle: string;
  /** Where the comment is, down to the comment. */
  href: string;
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
  const ids = (kind: string) => mentions.filter((mention) => mention.documentKind === kind).map((mention) => mention.readingId);
  const [comments, readings, drafts, authors] = await Promise.all([
    // Comment ids are unique within a document only.
    db.commentRow.findMany({
      where: { OR: mentions.map((mention) => ({ readingId: mention.readingId, documentKind: mention.documentKind, id: mention.commentId })) },
      select: { readingId: true, documentKind: true, id: true, body: true },
    }),
    db.reading.findMany({ where: { id: { in: ids("reading") } }, select: { id: true, title: true } }),
    db.draft.findMany({ where: { id: { in: ids("draft-threads") } }, select: { id: true, kind: true, session: { select: { slug: true, title: true } } } }),
    db.user.findMany({ where: { id: { in: mentions.map((mention) => mention.authorId) } }, select: { id: true, name: true, email: true } }),
  ]);
  return mentions.map((mention) => {
    const body = comments.find((comment) => comment.readingId === mention.readingId && comment.documentKind === mention.documentKind && comment.id === mention.commentId)?.body ?? "";
    const author = authors.find((candidate) => candidate.id === mention.authorId);
    const anchor = `#comment-${mention.commentId}`;
    let place = { title: "A reading", href: `/readings/${mention.readingId}${anchor}` };
    if (mention.documentKind === "draft-threads") {
      const draft = drafts.find((candidate) => candidate.id === mention.readingId);
      place = draft
        ? { title: `${DRAFT_TITLES[draft.kind]} (${draft.session.title})`, href: `/sessions/${draft.session.slug}/drafts/${DRAFT_SLUG_OF[draft.kind]}${anchor}` }
        : { title: "A draft", href: "/" };
    } else {
      place.title = readings.find((reading) => reading.id === mention.readingId)?.title ?? place.title;
    }
    return {
      commentId: mention.commentId,
      readingId: mention.readingId,
      documentKind: mention.documentKind === "draft-threads" ? "draft-threads" : "reading",
      readingTitle: place.title,
      href: place.href,
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
