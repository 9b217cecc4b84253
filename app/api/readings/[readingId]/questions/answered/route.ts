import { readJson, route } from "@/lib/http/route";
import { markAnsweredSchema, markQuestionAnswered } from "@/lib/questions/mark-question-answered";

/** Marks a question of the reading "Answered in presentation", or takes the mark back (lead team, instructor). */
export const POST = route<{ readingId: string }>(async ({ request, actor, params }) => {
  const input = await readJson(request, markAnsweredSchema);
  return markQuestionAnswered({ actor, readingId: params.readingId, ...input });
});
