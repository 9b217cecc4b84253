"use client";
// The question queue, kept current by asking the server every few seconds (polling one small route
// rather than opening a live connection per reading: the queue spans every reading of the session).
// The lead team and the instructor mark a question "Answered in presentation" or quote it there.
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { CommentBody } from "@/components/annotations/comment-body";
import { relativeTime } from "@/components/annotations/relative-time";
import type { OpenQuestion, QuestionQueue as Queue } from "@/lib/questions/list-open-questions";

/** How often an open queue asks for changes. */
export const POLL_MS = 3000;

type Wire = Omit<Queue, "questions"> & { questions: Array<Omit<OpenQuestion, "askedAt"> & { askedAt: string | Date }> };

export function QuestionQueue({ sessionSlug, readingId, initial }: { sessionSlug: string; readingId: string | null; initial: Wire }) {
  const [queue, setQueue] = useState<Wire>(initial);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const inFlight = useRef(false);

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const query = readingId ? `?reading=${encodeURIComponent(readingId)}` : "";
      const response = await fetch(`/api/sessions/${encodeURIComponent(sessionSlug)}/questions${query}`, { cache: "no-store" }).catch(() => null);
      if (response?.ok) {
        setQueue((await response.json()) as Wire);
        setNow(Date.now());
      }
    } finally {
      inFlight.current = false;
    }
  }, [sessionSlug, readingId]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") void refresh();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);

  async function act(question: Wire["questions"][number], action: "answer" | "unanswer" | "quote") {
    setBusy(question.id);
    setMessage(null);
    const url = `/api/readings/${encodeURIComponent(question.reading.id)}/questions/${action === "quote" ? "quote" : "answered"}`;
    const body = action === "quote" ? { type: question.type, id: question.id, highlightId: question.highlightId } : { type: question.type, id: question.id, answered: action === "answer" };
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).catch(() => null);
    if (!response?.ok) {
      const error = response ? ((await response.json().catch(() => null)) as { error?: { message?: string } } | null) : null;
      setMessage(error?.error?.message ?? "The server could not be reached. Try again in a moment.");
    } else {
      setMessage(action === "quote" ? "Quoted in the presentation and marked answered." : action === "answer" ? "Marked answered in the presentation." : "No longer marked answered.");
    }
    setBusy(null);
    await refresh();
  }

  const answered = queue.questions.filter((question) => question.answeredIn).length;
  return (
    <div>
      <p className="text-sm text-muted">
        {queue.questions.length === 0 ? "No open questions." : `${queue.questions.length} open ${queue.questions.length === 1 ? "question" : "questions"}, ${answered} answered in the presentation.`}
      </p>
      <p role="status" aria-live="polite" className="mt-2 min-h-5 text-sm text-ink">
        {message}
      </p>
      {queue.questions.length === 0 ? (
        <div className="mt-4 rounded-xl border border-dashed border-rule bg-white/60 p-8 text-center">
          <p className="font-medium text-ink">No open questions{readingId ? " on this reading" : ""} yet.</p>
          <p className="mt-1 text-sm text-muted">Highlight a passage as a question, or ask in a comment; it shows up here.</p>
        </div>
      ) : (
        <ol className="mt-4 space-y-3" aria-label="Open questions">
          {queue.questions.map((question) => (
            <li key={`${question.reading.id}-${question.id}`} className="rounded-xl border border-rule bg-white p-4 shadow-sm" data-question-id={question.id}>
              <article aria-label={`Question by ${question.authorName}`}>
                <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted">
                  <span className="font-medium text-ink">{question.reading.title}</span>
                  <span>{question.authorName}</span>
                  <time dateTime={new Date(question.askedAt).toISOString()}>{relativeTime(new Date(question.askedAt).getTime(), now)}</time>
                  <span aria-label={`${question.votes} +1`}>+{question.votes}</span>
                  {question.answeredIn ? (
                    <a href={question.answeredIn.href} className="rounded-full bg-emerald-100 px-2 py-0.5 font-medium text-emerald-900 ring-1 ring-emerald-300 hover:underline">
                      Answered in presentation
                    </a>
                  ) : null}
                </p>
                {question.passage ? (
                  <blockquote className="mt-2 border-l-4 border-sky-400 pl-3 font-serif text-ink">{question.passage}</blockquote>
                ) : (
                  <p className="mt-2 text-xs italic text-muted">On the whole paper</p>
                )}
                {question.text ? <CommentBody body={question.text} className="mt-2 break-words text-sm text-ink" /> : null}
                <p className="mt-3 flex flex-wrap gap-2 text-sm">
                  <Link href={question.href} className="font-medium text-accent underline hover:text-ink">
                    Open on the reading
                  </Link>
                  {queue.canAnswer ? (
                    <>
                      {question.answeredIn ? (
                        <button type="button" disabled={busy !== null} onClick={() => void act(question, "unanswer")} className="rounded border border-rule px-2 py-0.5 hover:border-accent disabled:opacity-50">
                          Not answered after all
                        </button>
                      ) : (
                        <button type="button" disabled={busy !== null} onClick={() => void act(question, "answer")} className="rounded border border-rule px-2 py-0.5 hover:border-accent disabled:opacity-50">
                          Mark answered in presentation
                        </button>
                      )}
                      {question.highlightId ? (
                        <button type="button" disabled={busy !== null} onClick={() => void act(question, "quote")} className="rounded border border-rule px-2 py-0.5 hover:border-accent disabled:opacity-50">
                          Quote in presentation
                        </button>
                      ) : null}
                    </>
                  ) : null}
                </p>
              </article>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
