// "Insert digest" on the blog post: per current reading, its key-idea highlights (in the order of the
// text) and its most +1'd comments with their authors, read from the reading projections.
import { getDb, type Db } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";
import { highlightHref } from "./quote-highlight.ts";
import { insertIntoDraft, type UndoableInsertion } from "./draft-insertions.ts";
import { buildDigest, readingHref, type DigestSection } from "./insertion-content.ts";

export interface InsertDigestOptions {
  /** Who asks: the session's blog team or the instructor. */
  actor: Actor | null;
  /** The session's blog post. */
  draftId: string;
  db?: Db;
}

export async function insertDigest({ actor, draftId, db = getDb() }: InsertDigestOptions): Promise<UndoableInsertion> {
  return insertIntoDraft({ actor, draftId, kind: "digest", db, build: ({ writer, sessionId }) => collectDigest({ actor: writer, sessionId, db }) });
}

/** What every member's reading pages show: current readings only, comments that are not deleted, threads of readings (not of drafts). */
async function collectDigest({ actor, sessionId, db }: { actor: Actor; sessionId: string; db: Db }) {
  authorize(actor, "course:view");
  const readings = await db.reading.findMany({ where: { sessionId, archivedAt: null }, orderBy: { position: "asc" }, select: { id: true, title: true } });
  const readingIds = readings.map((reading) => reading.id);
  const [keyIdeas, comments] = await Promise.all([
    db.highlightRow.findMany({
      where: { documentKind: "reading", readingId: { in: readingIds }, kind: "key-idea" },
      orderBy: [{ start: "asc" }, { id: "asc" }],
      select: { readingId: true, id: true, exact: true },
    }),
    db.commentRow.findMany({
      where: { documentKind: "reading", readingId: { in: readingIds }, deleted: false, reactionCount: { gt: 0 } },
      orderBy: [{ reactionCount: "desc" }, { createdAt: "asc" }, { id: "asc" }],
      select: { readingId: true, id: true, body: true, authorId: true, reactionCount: true },
    }),
  ]);
  const authors = await db.user.findMany({ where: { id: { in: [...new Set(comments.map((comment) => comment.authorId))] } }, select: { id: true, name: true } });
  const names = new Map(authors.map((author) => [author.id, author.name]));
  return buildDigest(
    readings.map((reading): DigestSection => ({
      reading,
      keyIdeas: keyIdeas
        .filter((idea) => idea.readingId === reading.id)
        .map((idea) => ({ exact: idea.exact, href: highlightHref(reading.id, idea.id) })),
      comments: comments
        .filter((comment) => comment.readingId === reading.id)
        .map((comment) => ({ body: comment.body, authorName: names.get(comment.authorId) ?? "A former member", votes: comment.reactionCount, href: `${readingHref(reading.id)}#comment-${comment.id}` })),
    })),
  );
}
