import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/auth/page-guard";
import { authorize } from "@/lib/policies";
import { listOpenQuestions } from "@/lib/questions/list-open-questions";
import { getSession } from "@/lib/sessions/get-session";
import { QuestionQueue } from "@/components/questions/question-queue";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Questions" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ reading?: string | string[] }> };

export default async function QuestionsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const requested = (await searchParams).reading;
  const actor = await requireMember(`/sessions/${encodeURIComponent(slug)}/questions`);
  authorize(actor, "questions:view");
  const session = await getSession({ actor, slug });
  if (!session) notFound();
  const readingId = typeof requested === "string" && session.readings.some((reading) => reading.id === requested) ? requested : null;
  const queue = await listOpenQuestions({ actor, sessionId: session.id, readingId: readingId ?? undefined });
  return (
    <div className="mx-auto max-w-3xl">
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <Link href="/" className="hover:text-ink">
          Sessions
        </Link>{" "}
        /{" "}
        <Link href={`/sessions/${session.slug}`} className="hover:text-ink">
          {session.title}
        </Link>
      </nav>
      <h1 className="mt-2 font-serif text-3xl font-semibold tracking-tight">Questions</h1>
      <p className="mt-2 text-sm text-muted">
        Every open question on the session&apos;s readings: question highlights and threads that ask something, most +1 first, then the newest.
      </p>
      <form method="get" className="mt-4 flex flex-wrap items-end gap-2">
        <label className="text-sm font-medium text-ink">
          Reading
          <select name="reading" defaultValue={readingId ?? ""} className="mt-1 block w-full max-w-full rounded border border-rule bg-white px-2 py-1 text-sm sm:w-96">
            <option value="">All readings</option>
            {session.readings.map((reading) => (
              <option key={reading.id} value={reading.id}>
                {reading.title}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded border border-rule bg-white px-3 py-1 text-sm font-medium hover:border-accent">
          Filter
        </button>
      </form>
      <div className="mt-6">
        <QuestionQueue key={readingId ?? "all"} sessionSlug={session.slug} readingId={readingId} initial={queue} />
      </div>
    </div>
  );
}
