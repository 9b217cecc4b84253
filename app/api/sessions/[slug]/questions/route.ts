import { AppError } from "@/lib/errors/app-error";
import { route } from "@/lib/http/route";
import { authorize } from "@/lib/policies";
import { listOpenQuestions } from "@/lib/questions/list-open-questions";
import { getSession } from "@/lib/sessions/get-session";

/** The session's question queue (`?reading=<id>` for one reading's), polled by the open queue page. */
export const GET = route<{ slug: string }>(async ({ request, actor, params }) => {
  authorize(actor, "questions:view");
  const session = await getSession({ actor, slug: params.slug });
  if (!session) throw new AppError("NOT_FOUND", "There is no such session.");
  const readingId = new URL(request.url).searchParams.get("reading") || undefined;
  return listOpenQuestions({ actor, sessionId: session.id, readingId });
});
