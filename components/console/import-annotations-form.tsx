"use client";

import { useState, type FormEvent } from "react";
import type { AnnotationImportReport } from "@/lib/interchange/import-annotations";

interface Issue {
  field?: string;
  message: string;
}

const FORMAT_NAMES: Record<AnnotationImportReport["format"], string> = { w3c: "W3C Web Annotation file", hypothesis: "Hypothesis export" };
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Import annotations": upload a W3C or Hypothesis file and read what happened to each reading. */
export function ImportAnnotationsForm() {
  const [pending, setPending] = useState(false);
  const [report, setReport] = useState<AnnotationImportReport | null>(null);
  const [error, setError] = useState<{ message: string; issues: Issue[] } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setReport(null);
    setError(null);
    const response = await fetch("/api/console/annotations", { method: "POST", body: new FormData(event.currentTarget) }).catch(() => null);
    setPending(false);
    if (!response) return setError({ message: "You seem to be offline. Try again.", issues: [] });
    const data = await response.json().catch(() => null);
    if (response.ok) setReport(data as AnnotationImportReport);
    else setError({ message: data?.error?.message ?? `Import failed (HTTP ${response.status}).`, issues: data?.error?.issues ?? [] });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Import annotations">
      <div>
        <label htmlFor="annotation-file" className="block text-sm font-medium">
          Annotation file (W3C Web Annotation JSON-LD or a Hypothesis JSON export)
        </label>
        <input id="annotation-file" name="file" type="file" accept=".json,.jsonld,application/json,application/ld+json" className="mt-1 block text-sm" />
      </div>
      <button type="submit" disabled={pending} className="rounded-lg bg-ink px-4 py-2 font-medium text-white hover:bg-ink/90 disabled:opacity-70">
        {pending ? "Importing…" : "Import annotations"}
      </button>
      {error ? (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <p className="font-medium">{error.message}</p>
          {error.issues.length > 1 ? (
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {error.issues.map((issue, index) => (
                <li key={index}>{issue.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {report ? (
        <section role="status" aria-label="Import report" className="space-y-3 rounded-lg border border-green-200 bg-green-50 p-4 text-sm text-green-950">
          <p className="font-medium">
            {report.written ? "Imported" : "Nothing new to import from"} this {FORMAT_NAMES[report.format]}: {count(report.total, "annotation")} in the file.
          </p>
          {report.readings.length > 0 ? (
            <ul className="space-y-2">
              {report.readings.map((reading) => (
                <li key={reading.readingId}>
                  <span className="font-medium">{reading.title}</span>: {reading.placed} placed, {reading.detached} detached, {count(reading.comments, "new comment")}
                  {reading.unchanged ? `, ${reading.unchanged} already imported` : ""}
                  {reading.skipped.length ? `, ${reading.skipped.length} skipped` : ""}.
                  {reading.skipped.length ? (
                    <ul className="mt-1 list-disc pl-5 text-green-900">
                      {reading.skipped.map((skip) => (
                        <li key={skip.annotation}>
                          Skipped {skip.annotation}: {skip.reason}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          {report.unmatched.length > 0 ? (
            <div>
              <p className="font-medium">Not on any reading of this course ({report.unmatched.length}):</p>
              <ul className="mt-1 list-disc pl-5">
                {report.unmatched.map((skip) => (
                  <li key={skip.annotation}>
                    Skipped {skip.annotation}: {skip.reason}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ) : null}
    </form>
  );
}
