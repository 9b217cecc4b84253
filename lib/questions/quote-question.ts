// "Quote in presentation" from the question queue: the passage goes into the presentation the way a
// reading page quotes a highlight (lib/drafts/quote-highlight.ts), and the question is marked answered there.
import { z } from "zod";
import { getDb, type Db } from "../db/client.ts";
import { AppError } from "../errors/app-error.ts";
import { authorize, type Actor } from "../policies/index.ts";
import { quoteHighlight } from "../drafts/quote-highlight.ts";
import { markAnsweredSchema, markQuestionAnswered } from "./mark-question-answered.ts";
import type { AnsweredIn } from "./questions.ts";

export const quoteQuestionSchema = markAnsweredSchema.pick({ type: true, id: true }).extend({
  highlightId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "highlightId is the id of the passage to quote."),
});

export interface QuoteQuestionOptions {
  /** The session's lead team or the instructor (they write the presentation). */
  actor: Actor | null;
  readingId: string;
  /** The question: a question highlight or a thread's first comment. */
  type: "highlight" | "thread";
  id: string;
  /** The passage quoted: the question highlight itself, or the highlight the thread is on. */
  highlightId: string;
  db?: Db;
}

export async function quoteQuestion({ actor, readingId, type, id, highlightId, db = getDb() }: QuoteQuestionOptions): Promise<{ draftId: string; answeredIn: AnsweredIn | null }> {
  authorize(actor, "questions:view");
  if (type === "highlight" && highlightId !== id) throw new AppError("INVALID_INPUT", "A question highlight quotes its own passage: highlightId must be its id.");
  const reading = await db.reading.findFirst({ where: { id: readingId, archivedAt: null }, select: { session: { select: { leadTeamId: true, blogTeamId: true } } } });
  if (!reading) throw new AppError("NOT_FOUND", "There is no such reading.");
  authorize(actor, "question:answer", { session: reading.session });
  const { draftId } = await quoteHighlight({ actor, readingId, highlightId, kind: "PRESENTATION", db });
  const { answeredIn } = await markQuestionAnswered({ actor, readingId, type, id, answered: true, db });
  return { draftId, answeredIn };
}
