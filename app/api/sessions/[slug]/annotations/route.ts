import { AppError } from "@/lib/errors/app-error";
import { route } from "@/lib/http/route";
import { exportSessionAnnotations } from "@/lib/interchange/export-session-annotations";
import { siteOrigin } from "@/lib/interchange/site-origin";
import { authorize } from "@/lib/policies";

/** The session's highlights and threads as a W3C Web Annotation collection; `?page=N` serves one AnnotationPage. */
export const GET = route<{ slug: string }>(async ({ request, actor, params }) => {
  authorize(actor, "annotations:export");
  const pageParam = new URL(request.url).searchParams.get("page");
  if (pageParam !== null && !/^\d{1,6}$/.test(pageParam)) throw new AppError("INVALID_INPUT", "page must be a page number (0, 1, 2, ...).");
  const page = pageParam === null ? undefined : Number(pageParam);
  const document = await exportSessionAnnotations({ actor, slug: params.slug, baseUrl: siteOrigin(request), page });
  const headers: Record<string, string> = { "content-type": 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"' };
  if (page === undefined) headers["content-disposition"] = `attachment; filename="${params.slug.replace(/[^a-z0-9-]/gi, "")}-annotations.jsonld"`;
  return new Response(JSON.stringify(document, null, 2), { headers });
});
