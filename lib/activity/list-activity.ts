// A member's Activity: replies in their threads, @mentions, their threads resolved or reopened, their
// highlights quoted into a draft, new threads in their sessions, and draft edits per draft and hour.
// Computed when asked, from the thread projections (CommentRow, MentionRow), the edit tally
// (DraftEditHour) and the few events nothing else keeps (ActivityEvent): the projections are already
// kept current and keyed for these lookups, so there is no second copy of the comments to keep in step.
// An item is new until the member opens its document or their Activity page after it happened.
import { getDb, type DbClient } from "../db/client.ts";
import { DRAFT_SLUG_OF, DRAFT_TITLES } from "../drafts/drafts.ts";
import { authorize, can, type Actor } from "../policies/index.ts";

export type ActivityKind = "reply" | "mention" | "resolved" | "reopened" | "quoted" | "new-thread" | "draft-edits";

export interface ActivityItem {
  /** Stable across calls: kind and what it is about. */
  key: string;
  kind: ActivityKind;
  at: Date;
  /** Who did it (several for draft edits); empty when unknown. */
  actorNames: string[];
  /** What it happened on: a reading's title, or a draft's with its session's. */
  placeTitle: string;
  /** The exact place: the comment, the highlight, or the draft. */
  href: string;
  /** The comment's words, shortened (empty for events without a comment). */
  excerpt: string;
  /** For replies: whether the thread is the member's own. For draft edits: how many changes, in the hour from `from`. */
  detail: { ownThread?: boolean; edits?: number; from?: Date };
  isNew: boolean;
}

export interface ListActivityOptions {
  actor: Actor | null;
  /** How far back (default 30 days). */
  days?: number;
  /** At most this many items, newest first (default 100). */
  take?: number;
  db?: DbClient;
}

interface Raw {
  key: string;
  kind: ActivityKind;
  at: Date;
  actorIds: string[];
  documentKind: string;
  documentId: string;
  /** A comment (`comment-<id>`) or a highlight (`highlight-<id>`) on the document; null: the document itself. */
  fragment: string | null;
  /** Set when the place is a draft itself rather than its threads (quotes, edits). */
  draftId?: string;
  body: string;
  detail: ActivityItem["detail"];
}

type CommentHit = { readingId: string; documentKind: string; id: string; authorId: string; body: string; createdAt: Date };

const PER_KIND = 100;

export async function listActivity({ actor, days = 30, take = 100, db = getDb() }: ListActivityOptions): Promise<ActivityItem[]> {
  const me = authorize(actor, "activity:view");
  const since = new Date(Date.now() - days * 24 * 3600 * 1000);
  const sessionIds = await mySessionIds(db, me);
  const [replies, mentions, events, newThreads, edits, seen] = await Promise.all([
    repliesToMe(db, me.id, since),
    db.mentionRow.findMany({ where: { mentionedUserId: me.id, createdAt: { gt: since } }, orderBy: { createdAt: "desc" }, take: PER_KIND }),
    db.activityEvent.findMany({ where: { recipientId: me.id, createdAt: { gt: since } }, orderBy: { createdAt: "desc" }, take: PER_KIND }),
    newThreadsIn(db, me.id, sessionIds, since),
    draftEdits(db, me, since),
    db.lastSeen.findMany({ where: { userId: me.id }, select: { documentKind: true, documentId: true, seenAt: true } }),
  ]);
  const mentionBodies = await commentBodies(db, mentions.map((mention) => ({ readingId: mention.readingId, documentKind: mention.documentKind, id: mention.commentId })));

  // One item per comment: a mention beats a reply, a reply beats a new thread.
  const byComment = new Map<string, Raw>();
  const commentKey = (documentKind: string, documentId: string, id: string) => `${documentKind}:${documentId}:${id}`;
  const addComment = (kind: ActivityKind, hit: CommentHit, detail: Raw["detail"] = {}) => {
    const key = commentKey(hit.documentKind, hit.readingId, hit.id);
    if (byComment.has(key)) return;
    byComment.set(key, { key: `${kind}:${key}`, kind, at: hit.createdAt, actorIds: [hit.authorId], documentKind: hit.documentKind, documentId: hit.readingId, fragment: `comment-${hit.id}`, body: hit.body, detail });
  };
  for (const mention of mentions) {
    const body = mentionBodies.get(commentKey(mention.documentKind, mention.readingId, mention.commentId)) ?? "";
    addComment("mention", { readingId: mention.readingId, documentKind: mention.documentKind, id: mention.commentId, authorId: mention.authorId, body, createdAt: mention.createdAt });
  }
  for (const reply of replies) addComment("reply", reply, { ownThread: reply.ownThread });
  for (const thread of newThreads) addComment("new-thread", thread);

  const raws: Raw[] = [...byComment.values()];
  for (const event of events) {
    const quoted = event.kind === "quoted";
    raws.push({
      key: `${event.kind}:${event.id}`,
      kind: event.kind as ActivityKind,
      at: event.createdAt,
      actorIds: event.actorId ? [event.actorId] : [],
      documentKind: quoted ? "draft-threads" : event.documentKind,
      documentId: quoted ? event.draftId ?? "" : event.documentId,
      fragment: quoted ? null : `comment-${event.targetId}`,
      draftId: quoted ? event.draftId ?? undefined : undefined,
      body: "",
      detail: {},
    });
  }
  raws.push(...edits);
  raws.sort((a, b) => b.at.getTime() - a.at.getTime());
  const kept = raws.slice(0, take);
  return present(db, kept, seen);
}

/** Sessions whose lead or blog team is the member's team; every session for the instructor. */
async function mySessionIds(db: DbClient, me: Actor): Promise<string[]> {
  const where = me.role === "INSTRUCTOR" ? {} : me.teamId ? { OR: [{ leadTeamId: me.teamId }, { blogTeamId: me.teamId }] } : null;
  if (!where) return [];
  return (await db.classSession.findMany({ where, select: { id: true } })).map((session) => session.id);
}

/** Others' replies in threads the member started, or took part in (those after their first comment there). */
function repliesToMe(db: DbClient, userId: string, since: Date) {
  return db.$queryRaw<Array<CommentHit & { ownThread: boolean }>>`
    WITH mine AS (
      SELECT "readingId", "documentKind", coalesce("parentId", id) AS thread, min("createdAt") AS first
      FROM "CommentRow" WHERE "authorId" = ${userId} GROUP BY 1, 2, 3
    )
    SELECT c."readingId", c."documentKind", c.id, c."authorId", c.body, c."createdAt", (r."authorId" = ${userId}) AS "ownThread"
    FROM mine m
    JOIN "CommentRow" r ON r."readingId" = m."readingId" AND r.id = m.thread AND r."documentKind" = m."documentKind"
    JOIN "CommentRow" c ON c."readingId" = m."readingId" AND c."documentKind" = m."documentKind" AND c."parentId" = m.thread
    WHERE c."authorId" <> ${userId} AND NOT c.deleted AND c."createdAt" > ${since}
      AND (r."authorId" = ${userId} OR c."createdAt" > m.first)
    ORDER BY c."createdAt" DESC LIMIT ${PER_KIND}`;
}

/** Threads others started on the readings and drafts of the member's sessions. */
function newThreadsIn(db: DbClient, userId: string, sessionIds: string[], since: Date): Promise<CommentHit[]> {
  if (sessionIds.length === 0) return Promise.resolve([]);
  return db.$queryRaw<CommentHit[]>`
    SELECT c."readingId", c."documentKind", c.id, c."authorId", c.body, c."createdAt"
    FROM "CommentRow" c
    WHERE c."parentId" IS NULL AND NOT c.deleted AND c."authorId" <> ${userId} AND c."createdAt" > ${since}
      AND ((c."documentKind" = 'reading' AND c."readingId" IN (SELECT id FROM "Reading" WHERE "sessionId" = ANY(${sessionIds}::text[]) AND "archivedAt" IS NULL))
        OR (c."documentKind" = 'draft-threads' AND c."readingId" IN (SELECT id FROM "Draft" WHERE "sessionId" = ANY(${sessionIds}::text[]))))
    ORDER BY c."createdAt" DESC LIMIT ${PER_KIND}`;
}

/** Others' edits, per draft and hour, on the drafts the member writes. */
async function draftEdits(db: DbClient, me: Actor, since: Date): Promise<Raw[]> {
  const drafts = await db.draft.findMany({ select: { id: true, kind: true, session: { select: { leadTeamId: true, blogTeamId: true } } } });
  const mine = drafts.filter((draft) => can(me, "draft:write", { draftKind: draft.kind, session: draft.session })).map((draft) => draft.id);
  if (mine.length === 0) return [];
  const rows = await db.$queryRaw<Array<{ draftId: string; hour: Date; userIds: string[]; edits: number; lastAt: Date }>>`
    SELECT "draftId", hour, array_agg("userId" ORDER BY edits DESC) AS "userIds", sum(edits)::int AS edits, max("lastAt") AS "lastAt"
    FROM "DraftEditHour"
    WHERE "draftId" = ANY(${mine}::text[]) AND "userId" <> ${me.id} AND "lastAt" > ${since}
    GROUP BY "draftId", hour ORDER BY hour DESC LIMIT ${PER_KIND}`;
  return rows.map((row) => {
    return {
      key: `draft-edits:${row.draftId}:${row.hour.toISOString()}`,
      kind: "draft-edits" as const,
      at: row.lastAt,
      actorIds: row.userIds,
      documentKind: "draft-threads",
      documentId: row.draftId,
      fragment: null,
      draftId: row.draftId,
      body: "",
      detail: { edits: row.edits, from: row.hour },
    };
  });
}

async function commentBodies(db: DbClient, keys: Array<{ readingId: string; documentKind: string; id: string }>): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db.commentRow.findMany({ where: { OR: keys }, select: { readingId: true, documentKind: true, id: true, body: true } });
  return new Map(rows.map((row) => [`${row.documentKind}:${row.readingId}:${row.id}`, row.body]));
}

async function present(db: DbClient, raws: Raw[], seen: Array<{ documentKind: string; documentId: string; seenAt: Date }>): Promise<ActivityItem[]> {
  const readingIds = [...new Set(raws.filter((raw) => raw.documentKind === "reading").map((raw) => raw.documentId))];
  const draftIds = [...new Set(raws.filter((raw) => raw.documentKind === "draft-threads").map((raw) => raw.documentId))];
  const userIds = [...new Set(raws.flatMap((raw) => raw.actorIds))];
  const [readings, drafts, users] = await Promise.all([
    readingIds.length ? db.reading.findMany({ where: { id: { in: readingIds } }, select: { id: true, title: true } }) : [],
    draftIds.length ? db.draft.findMany({ where: { id: { in: draftIds } }, select: { id: true, kind: true, session: { select: { slug: true, title: true } } } }) : [],
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }) : [],
  ]);
  const seenAt = (documentKind: string, documentId: string) => seen.find((row) => row.documentKind === documentKind && row.documentId === documentId)?.seenAt.getTime() ?? 0;
  const activitySeen = seenAt("activity", "");
  return raws.map((raw) => {
    let placeTitle = "A reading";
    let path = `/readings/${raw.documentId}`;
    if (raw.documentKind === "draft-threads") {
      const draft = drafts.find((candidate) => candidate.id === raw.documentId);
      placeTitle = draft ? `${DRAFT_TITLES[draft.kind]} (${draft.session.title})` : "A draft";
      path = draft ? `/sessions/${draft.session.slug}/drafts/${DRAFT_SLUG_OF[draft.kind]}` : "/";
    } else {
      placeTitle = readings.find((reading) => reading.id === raw.documentId)?.title ?? placeTitle;
    }
    const names = raw.actorIds.map((id) => {
      const user = users.find((candidate) => candidate.id === id);
      return user?.name ?? user?.email ?? "A former member";
    });
    const excerpt = raw.body.length > 200 ? `${raw.body.slice(0, 200)}…` : raw.body;
    const readUpTo = Math.max(activitySeen, seenAt(raw.documentKind, raw.documentId));
    return {
      key: raw.key,
      kind: raw.kind,
      at: raw.at,
      actorNames: names,
      placeTitle,
      href: raw.fragment ? `${path}#${raw.fragment}` : path,
      excerpt,
      detail: raw.detail,
      isNew: raw.at.getTime() > readUpTo,
    };
  });
}
