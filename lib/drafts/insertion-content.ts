// The agenda (presentation) and the digest (blog post) as editor content: pure, so the shapes are
// table-tested (insertion-content.test.ts) and both inserters build through the same few helpers.
import { draftSchema } from "./editor-schema.ts";
import type { PmNode } from "./markdown.ts";

/** At most this many questions per reading in the agenda. */
export const AGENDA_QUESTIONS_PER_READING = 3;
/** At most this many key ideas and +1'd comments per reading in the digest. */
export const DIGEST_KEY_IDEAS_PER_READING = 5;
export const DIGEST_COMMENTS_PER_READING = 3;
/** Longer questions, passages and comments are cut (with an ellipsis): the link leads to the rest. */
export const MAX_EXCERPT_CHARACTERS = 280;

export interface ReadingRef {
  id: string;
  title: string;
}

export interface AgendaQuestion {
  /** What was asked (the comment's Markdown source), or null for a question highlight with no comment. */
  text: string | null;
  /** The highlighted passage, or null for a thread on the whole paper. */
  passage: string | null;
  authorName: string;
  votes: number;
  /** Deep link back to the question on the reading page. */
  href: string;
}

export interface AgendaSection {
  reading: ReadingRef;
  /** Ranked, best first; only the first AGENDA_QUESTIONS_PER_READING are used. */
  questions: AgendaQuestion[];
}

export interface DigestKeyIdea {
  exact: string;
  href: string;
}

export interface DigestComment {
  body: string;
  authorName: string;
  votes: number;
  href: string;
}

export interface DigestSection {
  reading: ReadingRef;
  keyIdeas: DigestKeyIdea[];
  /** Ranked, most +1'd first. */
  comments: DigestComment[];
}

export function readingHref(readingId: string): string {
  return `/readings/${readingId}`;
}

/** One line of plain text: whitespace folded, cut at MAX_EXCERPT_CHARACTERS. */
export function excerpt(text: string): string {
  const folded = text.replace(/\s+/g, " ").trim();
  if (folded.length <= MAX_EXCERPT_CHARACTERS) return folded;
  return `${folded.slice(0, MAX_EXCERPT_CHARACTERS - 1).trimEnd()}…`;
}

const text = (value: string, marks?: PmNode["marks"]): PmNode => (marks?.length ? { type: "text", text: value, marks } : { type: "text", text: value });
const link = (value: string, href: string): PmNode => text(value, [{ type: "link", attrs: { href } }]);
const paragraph = (...content: PmNode[]): PmNode => ({ type: "paragraph", content });
const heading = (level: 2 | 3, ...content: PmNode[]): PmNode => ({ type: "heading", attrs: { level }, content });
const bullets = (items: PmNode[][]): PmNode => ({ type: "bulletList", content: items.map((content) => ({ type: "listItem", content: [paragraph(...content)] })) });
const votes = (count: number) => (count === 1 ? "1 +1" : `${count} +1`);
/** A reading's section heading, linked to the reading page. */
const readingHeading = (reading: ReadingRef) => heading(3, link(excerpt(reading.title) || "Untitled reading", readingHref(reading.id)));

function questionLine(question: AgendaQuestion): PmNode[] {
  const asked = question.text?.trim() ? excerpt(question.text) : question.passage?.trim() ? `“${excerpt(question.passage)}”` : "A question";
  const credit = question.votes > 0 ? ` — ${question.authorName}, ${votes(question.votes)}` : ` — ${question.authorName}`;
  return [link(asked, question.href), text(credit)];
}

/** "Agenda", then one section per reading: its top questions as bullets linking back to them. */
export function buildAgenda(sections: readonly AgendaSection[]): PmNode[] {
  const blocks: PmNode[] = [heading(2, text("Agenda"))];
  for (const { reading, questions } of sections) {
    blocks.push(readingHeading(reading));
    const top = questions.slice(0, AGENDA_QUESTIONS_PER_READING);
    blocks.push(top.length ? bullets(top.map(questionLine)) : paragraph(text("No open questions yet.", [{ type: "italic" }])));
  }
  if (!sections.length) blocks.push(paragraph(text("This session has no readings yet.", [{ type: "italic" }])));
  return blocks;
}

/** "Digest", then one section per reading: its key-idea highlights and its most +1'd comments with their authors. */
export function buildDigest(sections: readonly DigestSection[]): PmNode[] {
  const blocks: PmNode[] = [heading(2, text("Digest"))];
  for (const { reading, keyIdeas, comments } of sections) {
    blocks.push(readingHeading(reading));
    const ideas = keyIdeas.filter((idea) => idea.exact.trim()).slice(0, DIGEST_KEY_IDEAS_PER_READING);
    const liked = comments.filter((comment) => comment.body.trim()).slice(0, DIGEST_COMMENTS_PER_READING);
    if (ideas.length) {
      blocks.push(paragraph(text("Key ideas", [{ type: "bold" }])));
      blocks.push(bullets(ideas.map((idea) => [link(`“${excerpt(idea.exact)}”`, idea.href)])));
    }
    if (liked.length) {
      blocks.push(paragraph(text("Most +1'd comments", [{ type: "bold" }])));
      blocks.push(bullets(liked.map((comment) => [link(excerpt(comment.body), comment.href), text(` — ${comment.authorName}, ${votes(comment.votes)}`)])));
    }
    if (!ideas.length && !liked.length) blocks.push(paragraph(text("No key ideas or +1'd comments yet.", [{ type: "italic" }])));
  }
  if (!sections.length) blocks.push(paragraph(text("This session has no readings yet.", [{ type: "italic" }])));
  return blocks;
}

/** Throws unless the blocks form a valid draft under the editor's schema (a bug here must not reach a draft). */
export function assertValidBlocks(blocks: readonly PmNode[]): void {
  draftSchema().nodeFromJSON({ type: "doc", content: blocks }).check();
}
