import { route } from "@/lib/http/route";
import { exportDraftFile } from "@/lib/drafts/export-file";

/** The blog post as Markdown with front matter, or the presentation as Marp slides. */
export const GET = route<{ draftId: string }>(async ({ actor, params }) => {
  const file = await exportDraftFile({ actor, draftId: params.draftId });
  return new Response(file.content, {
    headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="${file.filename}"` },
  });
});
