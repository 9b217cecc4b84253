// Draft revisions: list, name one, view one with what changed since, restore one as a new change.
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { z } from "zod";
import { AppError } from "../errors/app-error.ts";
import { getDb, type Db } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";
import { loadDocument } from "../collab/document-store.ts";
import { draftDocumentName } from "../collab/document-name.ts";
import { applyServerChange } from "../collab/server-change.ts";
import { DRAFT_FRAGMENT, draftSchema } from "./editor-schema.ts";
import { draftContent } from "./draft-content.ts";
import { assertCanWrite, loadDraft } from "./drafts.ts";
import { diffLines } from "./line-diff.ts";

export const revisionNameSchema = z.string().trim().min(1, "Give the revision a name.").max(120, "A revision name can be at most 120 characters.");

export async function listRevisions({ actor, draftId, db = getDb() }: { actor: Actor | null; draftId: string; db?: Db }) {
  authorize(actor, "draft:view");
  await loadDraft(db, draftId);
  const revisions = await db.draftRevision.findMany({ where: { draftId }, orderBy: { createdAt: "desc" }, take: 200, select: { id: true, name: true, auto: true, createdAt: true, createdById: true } });
  const authors = await db.user.findMany({ where: { id: { in: revisions.flatMap((revision) => (revision.createdById ? [revision.createdById] : [])) } }, select: { id: true, name: true } });
  return revisions.map(({ createdById, ...revision }) => ({ ...revision, createdByName: authors.find((author) => author.id === createdById)?.name ?? null }));
}

export async function createNamedRevision({ actor, draftId, name, db = getDb() }: { actor: Actor | null; draftId: string; name: string; db?: Db }) {
  const draft = await loadDraft(db, draftId);
  const writer = assertCanWrite(actor, draft);
  const stored = await loadDocument(db, draftDocumentName(draftId));
  const state = stored.update ?? new Uint8Array([0, 0]);
  const content = draftContent(state);
  return db.draftRevision.create({
    data: { draftId, name, auto: false, state: Buffer.from(state), json: content.json as object, markdown: content.markdown, createdById: writer.id },
    select: { id: true, name: true, auto: true, createdAt: true },
  });
}

export async function getRevision({ actor, draftId, revisionId, db = getDb() }: { actor: Actor | null; draftId: string; revisionId: string; db?: Db }) {
  authorize(actor, "draft:view");
  const draft = await loadDraft(db, draftId);
  const revision = await db.draftRevision.findFirst({ where: { id: revisionId, draftId }, select: { id: true, name: true, auto: true, createdAt: true, json: true, markdown: true } });
  if (!revision) throw new AppError("NOT_FOUND", "There is no such revision of this draft.");
  const stored = await loadDocument(db, draftDocumentName(draftId));
  const current = stored.update ? draftContent(stored.update).markdown : draft.markdown;
  return { ...revision, diff: diffLines({ before: revision.markdown, after: current }) };
}

/** Puts a revision's content back as a new change: co-editors see it live, and history is kept. */
export async function restoreRevision({ actor, draftId, revisionId, db = getDb() }: { actor: Actor | null; draftId: string; revisionId: string; db?: Db }) {
  const draft = await loadDraft(db, draftId);
  const writer = assertCanWrite(actor, draft);
  const revision = await db.draftRevision.findFirst({ where: { id: revisionId, draftId }, select: { json: true, name: true, createdAt: true } });
  if (!revision) throw new AppError("NOT_FOUND", "There is no such revision of this draft.");
  // History is kept: the text being replaced is saved as a revision first.
  const current = await loadDocument(db, draftDocumentName(draftId));
  if (current.update) {
    const content = draftContent(current.update);
    await db.draftRevision.create({
      data: {
        draftId,
        auto: true,
        name: `Before restoring ${revision.name ? `“${revision.name}”` : `the revision of ${revision.createdAt.toISOString().slice(0, 16).replace("T", " ")}`}`,
        state: Buffer.from(current.update),
        json: content.json as object,
        markdown: content.markdown,
        createdById: writer.id,
      },
    });
  }
  const json = revision.json as { type?: string; content?: unknown[] };
  const documentJson = json.type === "doc" ? json : { type: "doc", content: [] };
  await applyServerChange({
    db,
    documentName: draftDocumentName(draftId),
    userId: writer.id,
    // y-tiptap diffs the revision against the live fragment: only what differs is rewritten.
    change: (doc) => doc.transact(() => prosemirrorJSONToYXmlFragment(draftSchema(), documentJson, doc.getXmlFragment(DRAFT_FRAGMENT))),
  });
  await db.auditEvent.create({ data: { actorId: writer.id, action: "draft.restore-revision", subject: `draft:${draftId}`, data: { revisionId } } });
}
