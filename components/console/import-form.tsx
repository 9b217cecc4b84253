"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";

interface ImportResult {
  session: { slug: string; title: string };
  created: number;
  updated: number;
  archived: number;
}
interface Issue {
  line?: number;
  message: string;
}

export function ImportForm() {
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<{ message: string; issues: Issue[] } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setResult(null);
    setError(null);
    const response = await fetch("/api/console/import", { method: "POST", body: new FormData(event.currentTarget) }).catch(() => null);
    setPending(false);
    if (!response) return setError({ message: "You seem to be offline. Try again.", issues: [] });
    const data = await response.json().catch(() => null);
    if (response.ok) setResult(data as ImportResult);
    else setError({ message: data?.error?.message ?? `Import failed (HTTP ${response.status}).`, issues: data?.error?.issues ?? [] });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <div>
        <label htmlFor="text" className="block text-sm font-medium">
          Reading list
        </label>
        <textarea
          id="text"
          name="text"
          rows={14}
          maxLength={1024 * 1024}
          placeholder={"Session title\n- Lead team: team-1\n- Blog team: team-5\nRequired Readings:\nPaper title\n- https://arxiv.org/abs/...\n- Authors, ...\n- Abstract ..."}
          className="mt-1 block w-full rounded-lg border border-rule bg-white px-3 py-2 font-mono text-sm"
        />
      </div>
      <div>
        <label htmlFor="file" className="block text-sm font-medium">
          …or upload the file
        </label>
        <input id="file" name="file" type="file" accept=".txt,text/plain" className="mt-1 block text-sm" />
      </div>
      <button type="submit" disabled={pending} className="rounded-lg bg-ink px-4 py-2 font-medium text-white hover:bg-ink/90 disabled:opacity-70">
        {pending ? "Importing…" : "Import"}
      </button>
      {error ? (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <p className="font-medium">{error.message}</p>
          {error.issues.length > 0 ? (
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {error.issues.map((issue, index) => (
                <li key={index}>{issue.line ? `Line ${issue.line}: ${issue.message}` : issue.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {result ? (
        <p role="status" className="rounded-lg border border-green-200 bg-green-50 p-4 text-sm text-green-900">
          Imported “{result.session.title}”: {result.created} new, {result.updated} updated, {result.archived} archived.{" "}
          <Link href={`/sessions/${result.session.slug}`} className="font-medium underline">
            Open the session
          </Link>
        </p>
      ) : null}
    </form>
  );
}
