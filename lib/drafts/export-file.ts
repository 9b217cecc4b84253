// The download: the blog post as Markdown with front matter, the presentation as Marp slides.
import { getDb, type Db } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";
import { loadDocument } from "../collab/document-store.ts";
import { draftDocumentName } from "../collab/document-name.ts";
import { draftContent } from "./draft-content.ts";
import { loadDraft } from "./drafts.ts";
import { exportBlogPost, exportSlides } from "./export-draft.ts";

export async function exportDraftFile({ actor, draftId, db = getDb(), now = new Date() }: { actor: Actor | null; draftId: string; db?: Db; now?: Date }) {
  authorize(actor, "draft:view");
  const draft = await loadDraft(db, draftId);
  const stored = await loadDocument(db, draftDocumentName(draftId));
  const json = stored.update ? draftContent(stored.update).json : { type: "doc", content: [] };
  const teamId = draft.kind === "BLOG_POST" ? draft.session.blogTeamId : draft.session.leadTeamId;
  const members = teamId ? await db.membership.findMany({ where: { teamId }, select: { user: { select: { name: true, email: true } } }, orderBy: { user: { name: "asc" } } }) : [];
  const context = {
    sessionTitle: draft.session.title,
    sessionSlug: draft.session.slug,
    date: now.toISOString().slice(0, 10),
    authors: members.map((member) => member.user.name ?? member.user.email ?? "").filter(Boolean),
  };
  const blog = draft.kind === "BLOG_POST";
  return {
    filename: `${draft.session.slug}-${blog ? "blog-post" : "slides"}.md`,
    content: blog ? exportBlogPost(json, context) : exportSlides(json, context),
  };
}
