import { readJson, route } from "@/lib/http/route";
import { assertCanQuoteFrom, quoteHighlight, quoteTargetSchema } from "@/lib/drafts/quote-highlight";

/** Quotes a highlight's passage in the session's presentation or blog post (that draft's writers). */
export const POST = route<{ readingId: string; highlightId: string }>(async ({ request, actor, params }) => {
  await assertCanQuoteFrom({ actor, readingId: params.readingId });
  const { kind } = await readJson(request, quoteTargetSchema);
  return Response.json(await quoteHighlight({ actor, readingId: params.readingId, highlightId: params.highlightId, kind }), { status: 201 });
});
