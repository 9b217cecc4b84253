import { readJson, route } from "@/lib/http/route";
import { assertMayAnswer, markAnsweredSchema, markQuestionAnswered } from "@/lib/questions/mark-question-answered";

/** Marks a question of the reading "Answered in presentation", or takes the mark back (lead team, instructor). */
export const POST = route<{ readingId: string }>(async ({ request, actor, params }) => {
  await assertMayAnswer({ actor, readingId: params.readingId });
  const input = await readJson(request, markAnsweredSchema);
  return markQuestionAnswered({ actor, readingId: params.readingId, ...input });
});
