// Classmates' comments on a passage of a draft. The passage is held by Yjs relative positions (sent by
// the browser), so it follows the text as the team edits.
import { z } from "zod";
import { AppError } from "../errors/app-error.ts";
import { getDb, type Db } from "../db/client.ts";
import { authorize, can, type Actor } from "../policies/index.ts";
import { commentBodySchema } from "../rich-text/limits.ts";
import { draftDocumentName } from "../collab/document-name.ts";
import { liveDocuments } from "../collab/live-registry.ts";
import { loadDraft } from "./drafts.ts";

const relativePositionSchema = z.string().max(512).regex(/^[A-Za-z0-9+/=]+$/, "An anchor is a base64 Yjs relative position.");

export const draftCommentInputSchema = z.object({
  body: commentBodySchema,
  parentId: z.string().max(64).optional(),
  anchorFrom: relativePositionSchema.optional(),
  anchorTo: relativePositionSchema.optional(),
  quote: z.string().max(2000).optional(),
});

function notifyChanged(draftId: string) {
  liveDocuments()?.broadcast(draftDocumentName(draftId), JSON.stringify({ type: "draft-comments-changed" }));
}

export async function listDraftComments({ actor, draftId, db = getDb() }: { actor: Actor | null; draftId: string; db?: Db }) {
  authorize(actor, "draft:view");
  await loadDraft(db, draftId);
  const comments = await db.draftComment.findMany({ where: { draftId }, orderBy: { createdAt: "asc" }, take: 1000 });
  const authors = await db.user.findMany({ where: { id: { in: [...new Set(comments.map((comment) => comment.authorId))] } }, select: { id: true, name: true, email: true } });
  return comments.map((comment) => {
    const author = authors.find((candidate) => candidate.id === comment.authorId);
    return { ...comment, authorName: author?.name ?? author?.email ?? "A classmate" };
  });
}

export async function createDraftComment({ actor, draftId, input, db = getDb() }: { actor: Actor | null; draftId: string; input: z.output<typeof draftCommentInputSchema>; db?: Db }) {
  const author = authorize(actor, "draft:comment");
  await loadDraft(db, draftId);
  if (input.parentId) {
    const parent = await db.draftComment.findFirst({ where: { id: input.parentId, draftId } });
    if (!parent) throw new AppError("INVALID_INPUT", "The comment you reply to does not exist.");
  }
  if (Boolean(input.anchorFrom) !== Boolean(input.anchorTo)) throw new AppError("INVALID_INPUT", "A passage needs both its start and its end.");
  const comment = await db.draftComment.create({
    data: {
      draftId,
      authorId: author.id,
      body: input.body,
      parentId: input.parentId ?? null,
      anchorFrom: input.parentId ? null : (input.anchorFrom ?? null),
      anchorTo: input.parentId ? null : (input.anchorTo ?? null),
      quote: input.parentId ? null : (input.quote ?? null),
    },
  });
  notifyChanged(draftId);
  return comment;
}

/** Resolving follows the policy: the draft's writers, the instructor, and the comment's author. */
export async function setDraftCommentResolved({ actor, draftId, commentId, resolved, db = getDb() }: { actor: Actor | null; draftId: string; commentId: string; resolved: boolean; db?: Db }) {
  const user = authorize(actor, "draft:comment");
  const draft = await loadDraft(db, draftId);
  const comment = await db.draftComment.findFirst({ where: { id: commentId, draftId } });
  if (!comment) throw new AppError("NOT_FOUND", "There is no such comment on this draft.");
  const resource = { commentAuthorId: comment.authorId, draftKind: draft.kind, session: draft.session };
  if (!can(user, "draft-comment:resolve", resource)) throw new AppError("FORBIDDEN", "Only the draft's team, the instructor or the comment's author resolve it.");
  const updated = await db.draftComment.update({ where: { id: commentId }, data: { resolvedAt: resolved ? new Date() : null, resolvedBy: resolved ? user.id : null } });
  notifyChanged(draftId);
  return updated;
}
