// The session's question queue: every open question across its current readings (question-kind
// highlights and open threads that ask something; the rule is in questions.ts), read from the reading
// projections, ranked by +1 and recency, each with its passage, deep link and "Answered in presentation".
import { getDb, type DbClient } from "../db/client.ts";
import { AppError } from "../errors/app-error.ts";
import { authorize, can, type Actor } from "../policies/index.ts";
import { collectOpenQuestions, rankQuestions, type AnsweredIn } from "./questions.ts";

export interface ListOpenQuestionsOptions {
  /** Who is looking: a course member. */
  actor: Actor | null;
  /** The class session whose readings are searched for questions. */
  sessionId: string;
  /** Only this reading's questions (one of the session's current readings). */
  readingId?: string;
  db?: DbClient;
}

export interface OpenQuestion {
  /** The question highlight's id, or the thread's first comment's id. */
  id: string;
  type: "highlight" | "thread";
  reading: { id: string; title: string };
  highlightId: string | null;
  commentId: string | null;
  /** The highlighted passage; null for a thread on the whole paper. */
  passage: string | null;
  /** What was asked (Markdown source of the comment), or null for a question highlight with no comment. */
  text: string | null;
  authorName: string;
  votes: number;
  askedAt: Date;
  /** Deep link to the highlight or the comment on the reading page. */
  href: string;
  answeredIn: AnsweredIn | null;
}

export interface QuestionQueue {
  questions: OpenQuestion[];
  /** The session's current readings, for the filter. */
  readings: Array<{ id: string; title: string }>;
  /** May the actor mark questions answered and quote them into the presentation (lead team, instructor)? */
  canAnswer: boolean;
}

export async function listOpenQuestions({ actor, sessionId, readingId, db = getDb() }: ListOpenQuestionsOptions): Promise<QuestionQueue> {
  authorize(actor, "questions:view");
  const session = await db.classSession.findUnique({
    where: { id: sessionId },
    select: { leadTeamId: true, blogTeamId: true, readings: { where: { archivedAt: null }, orderBy: { position: "asc" }, select: { id: true, title: true } } },
  });
  if (!session) throw new AppError("NOT_FOUND", "There is no such session.");
  if (readingId !== undefined && !session.readings.some((reading) => reading.id === readingId)) {
    throw new AppError("NOT_FOUND", "That reading is not one of this session's readings.");
  }
  const readingIds = readingId === undefined ? session.readings.map((reading) => reading.id) : [readingId];
  const [highlights, threads] = await Promise.all([
    db.highlightRow.findMany({
      where: { documentKind: "reading", readingId: { in: readingIds } },
      select: { readingId: true, id: true, authorId: true, kind: true, exact: true, createdAt: true, answeredIn: true },
    }),
    db.commentRow.findMany({
      where: { documentKind: "reading", readingId: { in: readingIds }, parentId: null },
      select: { readingId: true, id: true, highlightId: true, authorId: true, body: true, createdAt: true, resolvedAt: true, deleted: true, reactionCount: true, answeredIn: true },
    }),
  ]);
  const ranked = rankQuestions(collectOpenQuestions(highlights, threads));
  const authors = await db.user.findMany({ where: { id: { in: [...new Set(ranked.map((question) => question.authorId))] } }, select: { id: true, name: true } });
  const names = new Map(authors.map((author) => [author.id, author.name]));
  const titles = new Map(session.readings.map((reading) => [reading.id, reading.title]));

  return {
    questions: ranked.map((question) => ({
      id: question.id,
      type: question.type,
      reading: { id: question.readingId, title: titles.get(question.readingId) ?? "A reading" },
      highlightId: question.highlightId,
      commentId: question.commentId,
      passage: question.passage,
      text: question.text,
      authorName: names.get(question.authorId) ?? "A former member",
      votes: question.votes,
      askedAt: new Date(question.askedAt),
      href: question.type === "highlight" ? `/readings/${question.readingId}#highlight-${question.id}` : `/readings/${question.readingId}#comment-${question.id}`,
      answeredIn: question.answeredIn,
    })),
    readings: session.readings,
    canAnswer: can(actor, "question:answer", { session }),
  };
}
