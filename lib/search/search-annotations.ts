// "Search annotations": a session's comments and highlighted passages, found with PostgreSQL full-text
// search on the thread projections (generated, GIN-indexed tsvector columns; english stemming), best
// match first. Only the session's current readings and its drafts' threads; deleted comments never.
import { z } from "zod";
import { getDb, type DbClient } from "../db/client.ts";
import { Prisma } from "../db/generated/client.ts";
import { DRAFT_SLUG_OF, DRAFT_TITLES, type DraftKindName } from "../drafts/drafts.ts";
import { AppError } from "../errors/app-error.ts";
import { authorize, type Actor } from "../policies/index.ts";

/** Longest query searched: longer ones are refused (with this number), never cut silently. */
export const MAX_QUERY_LENGTH = 200;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 50;

// Marks around matched words in ts_headline's output: private-use characters, removed from the text
// first, so stored text can never forge a mark (and the text is rendered as text, never as HTML).
const START = "\uE000";
const STOP = "\uE001";
const HEADLINE = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
const WHOLE_HEADLINE = `StartSel=${START}, StopSel=${STOP}, HighlightAll=true`;
/**
 * The newest matches of each table that are ranked: a word in half the session's comments would
 * otherwise rank all of them. Anything narrower is ranked whole.
 */
const CANDIDATES = 1000;
/** A comment up to this long is shown whole; a longer one as the fragments around its matches. */
const WHOLE_BODY_LENGTH = 400;

export const searchQuerySchema = z
  .string()
  // Control characters (NUL cannot even reach Postgres) and the marks above are nothing to search for.
  .transform((query) => query.replace(/[\u0000-\u001f\u007f\uE000\uE001]/g, " ").trim())
  .pipe(z.string().min(1, "Type a word or phrase to search for.").max(MAX_QUERY_LENGTH, `Search for at most ${MAX_QUERY_LENGTH} characters.`));

export interface SearchAnnotationsOptions {
  /** Who is searching: a course member. */
  actor: Actor | null;
  /** The class session whose readings and drafts are searched. */
  sessionId: string;
  /** What the searcher typed: words, "a phrase", -excluded, or (web search syntax, websearch_to_tsquery). */
  query: string;
  /** Most hits returned (default 20, at most 50). */
  limit?: number;
  db?: DbClient;
}

/** Text with the matched words marked, as runs to render (never HTML). */
export type MarkedText = Array<{ text: string; match: boolean }>;

export interface AnnotationHit {
  type: "comment" | "highlight";
  id: string;
  /** Where it is: a reading or one of the session's drafts, and the deep link to the comment or highlight. */
  place: { kind: "reading" | "draft"; title: string; href: string };
  /** The highlighted passage: the highlight itself, or the one a comment is on; null for a comment on the whole paper or draft. */
  passage: MarkedText | null;
  /** The highlight's kind ("question", "key-idea", ...), when there is a passage. */
  highlightKind: string | null;
  /** The comment's words around the match; null for a highlight. */
  snippet: MarkedText | null;
  authorName: string;
  createdAt: Date;
}

export interface SearchResult {
  hits: AnnotationHit[];
  /** More hits exist than were returned. */
  more: boolean;
  /** False when the query holds only words too common to search for ("the", "and"), or only excluded ones ("-data"). */
  searchable: boolean;
}

interface Row {
  type: "comment" | "highlight";
  id: string;
  documentKind: string;
  documentId: string;
  title: string | null;
  draftKind: DraftKindName | null;
  highlightKind: string | null;
  passage: string | null;
  snippet: string | null;
  authorName: string | null;
  createdAt: Date;
}

export async function searchAnnotations({ actor, sessionId, query, limit = DEFAULT_LIMIT, db = getDb() }: SearchAnnotationsOptions): Promise<SearchResult> {
  authorize(actor, "annotations:search");
  const parsed = searchQuerySchema.safeParse(query);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]!.message, [{ field: "q", message: parsed.error.issues[0]!.message }]);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new AppError("INVALID_INPUT", `Ask for 1 to ${MAX_LIMIT} results.`);
  const session = await db.classSession.findUnique({ where: { id: sessionId }, select: { slug: true } });
  if (!session) throw new AppError("NOT_FOUND", "There is no such session.");

  const text = parsed.data;
  // querytree is 'T' when nothing in the query can be looked up, only excluded ("-word"): every row would match.
  const [{ searchable }] = await db.$queryRaw<[{ searchable: boolean }]>`
    SELECT numnode(q) > 0 AND querytree(q) <> 'T' AS searchable FROM websearch_to_tsquery('english', ${text}) AS q`;
  if (!searchable) return { hits: [], more: false, searchable: false };

  // The session's documents, listed first: as a list of ids the planner can choose per query between the
  // word's GIN index (rare words) and walking the newest rows first (a word in half the comments finds
  // its candidates in the first few thousand); as a join it scanned every comment of every document.
  const documents = await db.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM "Reading" WHERE "sessionId" = ${sessionId} AND "archivedAt" IS NULL
    UNION ALL SELECT id FROM "Draft" WHERE "sessionId" = ${sessionId}`;
  const documentIds = documents.map((document) => document.id);

  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    WITH q AS (SELECT websearch_to_tsquery('english', ${text}) AS query),
    docs AS (
      SELECT 'reading'::text AS kind, r.id, r.title, NULL::text AS "draftKind" FROM "Reading" r WHERE r."sessionId" = ${sessionId} AND r."archivedAt" IS NULL
      UNION ALL
      SELECT 'draft-threads', d.id, NULL, d.kind::text FROM "Draft" d WHERE d."sessionId" = ${sessionId}
    ),
    comments AS (
      SELECT c."documentKind", c."readingId", c.id, c."highlightId", c."authorId", c."createdAt", c."searchVector"
      FROM "CommentRow" c CROSS JOIN q
      WHERE c."searchVector" @@ q.query AND NOT c.deleted AND c."readingId" = ANY(${documentIds}::text[])
      ORDER BY c."createdAt" DESC LIMIT ${CANDIDATES}
    ),
    passages AS (
      SELECT h."documentKind", h."readingId", h.id, h."authorId", h."createdAt", h."searchVector"
      FROM "HighlightRow" h CROSS JOIN q
      WHERE h."searchVector" @@ q.query AND h."readingId" = ANY(${documentIds}::text[])
      ORDER BY h."createdAt" DESC LIMIT ${CANDIDATES}
    ),
    hits AS (
      (SELECT 'comment'::text AS type, c."documentKind", c."readingId", c.id, c."highlightId", c."authorId", c."createdAt", ts_rank(c."searchVector", q.query, 1) AS rank
       FROM comments c CROSS JOIN q)
      UNION ALL
      (SELECT 'highlight', h."documentKind", h."readingId", h.id, h.id, h."authorId", h."createdAt", ts_rank(h."searchVector", q.query, 1)
       FROM passages h CROSS JOIN q)
      ORDER BY rank DESC, "createdAt" DESC, id
      LIMIT ${limit + 1}
    )
    SELECT hits.type, hits.id, hits."documentKind", hits."readingId" AS "documentId", docs.title, docs."draftKind",
      p.kind AS "highlightKind",
      CASE WHEN hits.type = 'highlight' THEN ts_headline('english', translate(p.exact, ${START + STOP}, ''), q.query, ${WHOLE_HEADLINE}) ELSE p.exact END AS passage,
      CASE WHEN hits.type = 'comment' THEN ts_headline('english', translate(c.body, ${START + STOP}, ''), q.query, CASE WHEN length(c.body) <= ${WHOLE_BODY_LENGTH} THEN ${WHOLE_HEADLINE} ELSE ${HEADLINE} END) END AS snippet,
      u.name AS "authorName", hits."createdAt"
    FROM hits CROSS JOIN q
    JOIN docs ON docs.kind = hits."documentKind" AND docs.id = hits."readingId"
    LEFT JOIN "CommentRow" c ON hits.type = 'comment' AND c."readingId" = hits."readingId" AND c."documentKind" = hits."documentKind" AND c.id = hits.id
    LEFT JOIN "HighlightRow" p ON p."readingId" = hits."readingId" AND p."documentKind" = hits."documentKind" AND p.id = hits."highlightId"
    LEFT JOIN "User" u ON u.id = hits."authorId"
    ORDER BY hits.rank DESC, hits."createdAt" DESC, hits.id`);

  return {
    hits: rows.slice(0, limit).map((row) => toHit(row, session.slug)),
    more: rows.length > limit,
    searchable: true,
  };
}

function toHit(row: Row, sessionSlug: string): AnnotationHit {
  const fragment = `#${row.type}-${row.id}`;
  const place =
    row.documentKind === "reading"
      ? { kind: "reading" as const, title: row.title ?? "A reading", href: `/readings/${row.documentId}${fragment}` }
      : { kind: "draft" as const, title: DRAFT_TITLES[row.draftKind!], href: `/sessions/${sessionSlug}/drafts/${DRAFT_SLUG_OF[row.draftKind!]}${fragment}` };
  return {
    type: row.type,
    id: row.id,
    place,
    passage: row.passage === null ? null : parseMarks(row.passage),
    highlightKind: row.passage === null ? null : row.highlightKind,
    snippet: row.snippet === null ? null : parseMarks(row.snippet),
    authorName: row.authorName ?? "A former member",
    createdAt: row.createdAt,
  };
}

/** ts_headline's output, split at the marks into plain and matched runs. */
export function parseMarks(headline: string): MarkedText {
  const runs: MarkedText = [];
  let match = false;
  for (const piece of headline.split(/([\uE000\uE001])/)) {
    if (piece === START) match = true;
    else if (piece === STOP) match = false;
    else if (piece !== "") runs.push({ text: piece, match });
  }
  return runs;
}
