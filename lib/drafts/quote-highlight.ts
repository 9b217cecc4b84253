// "Quote in presentation" / "Quote in blog post": a highlight's passage goes into the session's draft
// as a blockquote with a link back to the highlight, as a logged server change that co-editors see.
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { z } from "zod";
import { AppError } from "../errors/app-error.ts";
import { getDb, type Db } from "../db/client.ts";
import { authorize, can, type Actor } from "../policies/index.ts";
import { loadDocument } from "../collab/document-store.ts";
import { draftDocumentName, readingDocumentName } from "../collab/document-name.ts";
import { readHighlights } from "../collab/reading-doc.ts";
import { applyServerChange } from "../collab/server-change.ts";
import { recordQuote } from "../activity/record-quote.ts";
import { DRAFT_FRAGMENT, draftSchema } from "./editor-schema.ts";
import { ensureSessionDrafts } from "./drafts.ts";
import type { PmNode } from "./markdown.ts";

export const quoteTargetSchema = z.object({ kind: z.enum(["PRESENTATION", "BLOG_POST"]) });

export function highlightHref(readingId: string, highlightId: string): string {
  return `/readings/${readingId}#highlight-${highlightId}`;
}

export async function quoteHighlight({
  actor,
  readingId,
  highlightId,
  kind,
  db = getDb(),
}: {
  actor: Actor | null;
  readingId: string;
  highlightId: string;
  kind: "PRESENTATION" | "BLOG_POST";
  db?: Db;
}): Promise<{ draftId: string }> {
  authorize(actor, "course:view");
  const reading = await db.reading.findFirst({
    where: { id: readingId, archivedAt: null },
    select: { title: true, session: { select: { id: true, leadTeamId: true, blogTeamId: true } } },
  });
  if (!reading) throw new AppError("NOT_FOUND", "There is no such reading.");
  const writer = authorize(actor, "highlight:quote", { draftKind: kind, session: reading.session });

  const stored = await loadDocument(db, readingDocumentName(readingId));
  const doc = new Y.Doc();
  if (stored.update) Y.applyUpdate(doc, stored.update);
  const highlight = readHighlights(doc).find((candidate) => candidate.id === highlightId);
  doc.destroy();
  if (!highlight) throw new AppError("NOT_FOUND", "That highlight does not exist (any more).");

  const drafts = await ensureSessionDrafts(db, reading.session.id);
  const draft = drafts.find((candidate) => candidate.kind === kind)!;
  const href = highlightHref(readingId, highlightId);
  const quote: PmNode[] = [
    { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: highlight.target.exact }] }] },
    { type: "paragraph", content: [{ type: "text", text: "— ", marks: [] }, { type: "text", text: reading.title, marks: [{ type: "link", attrs: { href } }] }] },
  ];
  await applyServerChange({
    db,
    documentName: draftDocumentName(draft.id),
    userId: writer.id,
    change: (target) =>
      target.transact(() => {
        const fragment = target.getXmlFragment(DRAFT_FRAGMENT);
        const current = yXmlFragmentToProsemirrorJSON(fragment) as PmNode;
        const content = (current.content ?? []).filter((node, index, all) => !(all.length === 1 && node.type === "paragraph" && !node.content?.length));
        prosemirrorJSONToYXmlFragment(draftSchema(), { type: "doc", content: [...content, ...quote] }, fragment);
      }),
  });
  await recordQuote({ db, readingId, highlightId, highlightAuthorId: highlight.authorId, quotedBy: writer.id, draftId: draft.id });
  return { draftId: draft.id };
}

/** Before reading the request: may this person write either of the session's drafts at all? */
export async function assertCanQuoteFrom({ actor, readingId, db = getDb() }: { actor: Actor | null; readingId: string; db?: Db }): Promise<void> {
  authorize(actor, "course:view");
  const reading = await db.reading.findFirst({ where: { id: readingId }, select: { session: { select: { leadTeamId: true, blogTeamId: true } } } });
  if (!reading) throw new AppError("NOT_FOUND", "There is no such reading.");
  const session = reading.session;
  if (!can(actor, "highlight:quote", { draftKind: "PRESENTATION", session }) && !can(actor, "highlight:quote", { draftKind: "BLOG_POST", session })) {
    throw new AppError("FORBIDDEN", "Only the session's lead and blog teams (and the instructor) quote into its drafts.");
  }
}

/** highlightId -> the drafts of this session that quote it (from the drafts' projections). */
export async function citationsForSession({ db = getDb(), sessionId, readingId }: { db?: Db; sessionId: string; readingId: string }) {
  const drafts = await db.draft.findMany({ where: { sessionId }, select: { kind: true, markdown: true } });
  const citations: Record<string, Array<"PRESENTATION" | "BLOG_POST">> = {};
  const pattern = new RegExp(`/readings/${readingId}#highlight-([A-Za-z0-9_-]+)`, "g");
  for (const draft of drafts) {
    for (const match of draft.markdown.matchAll(pattern)) {
      const list = (citations[match[1]!] ??= []);
      if (!list.includes(draft.kind)) list.push(draft.kind);
    }
  }
  return citations;
}
