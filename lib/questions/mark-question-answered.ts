// "Answered in presentation": the lead team (or the instructor) says the presentation covers a question.
// The mark lives on the question in the reading document (answeredIn on a question highlight or on a
// thread's first comment), written as a logged server change: open reading pages get it live, the
// projection carries it to the queue, and the reading check keeps anyone else from writing it.
import * as Y from "yjs";
import { z } from "zod";
import { getDb, type Db } from "../db/client.ts";
import { AppError } from "../errors/app-error.ts";
import { authorize, can, type Actor } from "../policies/index.ts";
import { readingDocumentName } from "../collab/document-name.ts";
import { loadDocument } from "../collab/document-store.ts";
import { readingMaps, readReadingEntries } from "../collab/reading-doc.ts";
import { applyServerChange } from "../collab/server-change.ts";
import { DRAFT_SLUG_OF, ensureSessionDrafts } from "../drafts/drafts.ts";
import type { AnsweredIn } from "./questions.ts";

export const markAnsweredSchema = z.strictObject({
  type: z.enum(["highlight", "thread"], { error: 'type is "highlight" (a question highlight) or "thread" (a thread\'s first comment).' }),
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "id is the question highlight's or the thread's first comment's id."),
  answered: z.boolean({ error: "answered is true (mark it answered in the presentation) or false (take the mark back)." }),
});

export interface MarkQuestionAnsweredOptions {
  /** Who marks it: the session's lead team or the instructor. */
  actor: Actor | null;
  /** The reading the question is on (one of a session's current readings). */
  readingId: string;
  /** "highlight": a question-kind highlight; "thread": a thread's first comment. */
  type: "highlight" | "thread";
  /** The highlight's or the first comment's id. */
  id: string;
  /** True to mark it answered in the presentation, false to clear the mark. */
  answered: boolean;
  db?: Db;
}

export async function markQuestionAnswered({ actor, readingId, type, id, answered, db = getDb() }: MarkQuestionAnsweredOptions): Promise<{ answeredIn: AnsweredIn | null }> {
  authorize(actor, "questions:view");
  const reading = await db.reading.findFirst({
    where: { id: readingId, archivedAt: null },
    select: { session: { select: { id: true, slug: true, leadTeamId: true, blogTeamId: true } } },
  });
  if (!reading) throw new AppError("NOT_FOUND", "There is no such reading.");
  const writer = authorize(actor, "question:answer", { session: reading.session });

  const documentName = readingDocumentName(readingId);
  const stored = await loadDocument(db, documentName);
  const doc = new Y.Doc();
  if (stored.update) Y.applyUpdate(doc, stored.update);
  const entries = readReadingEntries(doc);
  doc.destroy();
  if (type === "highlight") {
    const highlight = entries.highlights.find((candidate) => candidate.id === id);
    if (!highlight) throw new AppError("NOT_FOUND", "That highlight does not exist (any more).");
    if (highlight.kind !== "question") throw new AppError("INVALID_INPUT", "Only a question highlight is answered in the presentation; this one is not a question.");
  } else {
    const comment = entries.comments.find((candidate) => candidate.id === id);
    if (!comment) throw new AppError("NOT_FOUND", "That comment does not exist (any more).");
    if (comment.parentId !== null) throw new AppError("INVALID_INPUT", "Mark the thread's first comment, not a reply.");
  }

  let answeredIn: AnsweredIn | null = null;
  if (answered) {
    const drafts = await ensureSessionDrafts(db, reading.session.id);
    const presentation = drafts.find((draft) => draft.kind === "PRESENTATION")!;
    answeredIn = { draftId: presentation.id, href: `/sessions/${reading.session.slug}/drafts/${DRAFT_SLUG_OF.PRESENTATION}` };
  }
  await applyServerChange({
    db,
    documentName,
    userId: writer.id,
    change: (target) => {
      const maps = readingMaps(target);
      const entry = (type === "highlight" ? maps.highlights : maps.comments).get(id);
      target.transact(() => entry?.set("answeredIn", answeredIn));
    },
  });
  return { answeredIn };
}

/** Before reading the request: may this person mark the reading's questions at all (its session's lead team, the instructor)? */
export async function assertMayAnswer({ actor, readingId, db = getDb() }: { actor: Actor | null; readingId: string; db?: Db }): Promise<void> {
  authorize(actor, "questions:view");
  const reading = await db.reading.findFirst({ where: { id: readingId, archivedAt: null }, select: { session: { select: { leadTeamId: true, blogTeamId: true } } } });
  if (!reading) throw new AppError("NOT_FOUND", "There is no such reading.");
  if (!can(actor, "question:answer", { session: reading.session })) {
    throw new AppError("FORBIDDEN", "Only the session's lead team and the instructor mark questions answered in the presentation.");
  }
}
