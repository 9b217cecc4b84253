import { readJson, route } from "@/lib/http/route";
import { assertMayAnswer } from "@/lib/questions/mark-question-answered";
import { quoteQuestion, quoteQuestionSchema } from "@/lib/questions/quote-question";

/** Quotes a question's passage into the presentation and marks it answered there (lead team, instructor). */
export const POST = route<{ readingId: string }>(async ({ request, actor, params }) => {
  await assertMayAnswer({ actor, readingId: params.readingId });
  const input = await readJson(request, quoteQuestionSchema);
  return Response.json(await quoteQuestion({ actor, readingId: params.readingId, ...input }), { status: 201 });
});
