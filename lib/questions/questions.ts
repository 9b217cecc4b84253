// What counts as an open question, and the queue's order: pure, so the rules are table-tested
// (questions.test.ts) and the queue page, the agenda and the tests all read the same ones.
import type { z } from "zod";
import { answeredInSchema } from "../collab/reading-doc.ts";

/** Where a question will be answered: the presentation, and a link to the place in it (the reading document's field). */
export type AnsweredIn = z.infer<typeof answeredInSchema>;

/** The projection keeps answeredIn as JSON text; anything unreadable there counts as not answered. */
export function parseAnsweredIn(text: string | null | undefined): AnsweredIn | null {
  if (!text) return null;
  try {
    const parsed = answeredInSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const QUESTION_WORDS = ["who", "what", "when", "where", "why", "how", "which", "whose", "whom", "is", "are", "was", "were", "do", "does", "did", "can", "could", "should", "would", "will", "shall", "may", "might", "must", "has", "have", "had", "isn't", "aren't", "doesn't", "don't", "didn't", "can't", "couldn't", "shouldn't", "wouldn't", "won't"];
const STARTS_WITH_QUESTION_WORD = new RegExp(`(?:^|[.!?:;\\n]\\s*)(?:${QUESTION_WORDS.join("|")})\\b`, "i");

/**
 * "Asks something": the comment (Markdown source, trimmed) ends with "?" or one of its sentences
 * starts with a question word (who, what, why, how, is, does, can, should, ...). A sentence starts
 * at the beginning of the text or after . ! ? : ; or a line break.
 */
export function asksSomething(body: string): boolean {
  const text = body.trim();
  if (!text) return false;
  return text.endsWith("?") || STARTS_WITH_QUESTION_WORD.test(text);
}

export interface Rankable {
  id: string;
  /** +1s on the question (its thread's first comment, or the highlight's threads). */
  votes: number;
  /** When it was asked (ms since the epoch). */
  askedAt: number;
}

/** The queue's order: most +1 first; among equals the most recent first; then by id so the order is stable. */
export function rankQuestions<T extends Rankable>(questions: readonly T[]): T[] {
  return [...questions].sort((a, b) => b.votes - a.votes || b.askedAt - a.askedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface HighlightInput {
  readingId: string;
  id: string;
  authorId: string;
  kind: string;
  exact: string;
  createdAt: Date;
  answeredIn: string | null;
}

export interface ThreadInput {
  readingId: string;
  id: string;
  highlightId: string | null;
  authorId: string;
  body: string;
  createdAt: Date;
  resolvedAt: Date | null;
  deleted: boolean;
  reactionCount: number;
  answeredIn: string | null;
}

export interface CollectedQuestion extends Rankable {
  /** "highlight": a question-kind highlight; "thread": a thread that asks something. */
  type: "highlight" | "thread";
  readingId: string;
  /** The highlight of a question highlight, or the highlight a thread is on (null: on the whole paper). */
  highlightId: string | null;
  /** The thread's first comment (for a question highlight: its first open thread), or null. */
  commentId: string | null;
  authorId: string;
  /** The highlighted passage, or null for a thread on the whole paper. */
  passage: string | null;
  /** What was asked: the thread's first comment, or a question highlight's first comment (may be null). */
  text: string | null;
  answeredIn: AnsweredIn | null;
}

/**
 * The open questions among a set of highlights and threads (threads are first comments: parentId null).
 * A question-kind highlight is open unless it has threads and all of them are resolved; its threads are
 * part of it (their +1s add up), not questions of their own. Any other open thread (not resolved, not
 * deleted) that asks something is a question.
 */
export function collectOpenQuestions(highlights: readonly HighlightInput[], threads: readonly ThreadInput[]): CollectedQuestion[] {
  const byId = new Map(highlights.map((highlight) => [`${highlight.readingId}|${highlight.id}`, highlight]));
  const threadsOf = new Map<string, ThreadInput[]>();
  const out: CollectedQuestion[] = [];
  for (const thread of threads) {
    const highlight = thread.highlightId === null ? undefined : byId.get(`${thread.readingId}|${thread.highlightId}`);
    if (highlight?.kind === "question") {
      const key = `${highlight.readingId}|${highlight.id}`;
      threadsOf.set(key, [...(threadsOf.get(key) ?? []), thread]);
      continue;
    }
    if (thread.resolvedAt !== null || thread.deleted || !asksSomething(thread.body)) continue;
    out.push({
      type: "thread",
      id: thread.id,
      readingId: thread.readingId,
      highlightId: thread.highlightId,
      commentId: thread.id,
      authorId: thread.authorId,
      passage: highlight?.exact ?? null,
      text: thread.body,
      votes: thread.reactionCount,
      askedAt: thread.createdAt.getTime(),
      answeredIn: parseAnsweredIn(thread.answeredIn),
    });
  }
  for (const highlight of highlights) {
    if (highlight.kind !== "question") continue;
    const own = [...(threadsOf.get(`${highlight.readingId}|${highlight.id}`) ?? [])].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const open = own.filter((thread) => thread.resolvedAt === null);
    if (own.length > 0 && open.length === 0) continue;
    const first = open.find((thread) => !thread.deleted) ?? null;
    out.push({
      type: "highlight",
      id: highlight.id,
      readingId: highlight.readingId,
      highlightId: highlight.id,
      commentId: first?.id ?? null,
      authorId: highlight.authorId,
      passage: highlight.exact,
      text: first?.body ?? null,
      votes: own.reduce((sum, thread) => sum + thread.reactionCount, 0),
      askedAt: highlight.createdAt.getTime(),
      answeredIn: parseAnsweredIn(highlight.answeredIn),
    });
  }
  return out;
}
