"use client";

import { useState, type FormEvent } from "react";
import { Field, FormError, SubmitButton } from "@/components/ui/field";
import { submitJson, type SubmitError } from "@/components/ui/submit";

interface Reading {
  id: string;
  title: string;
  section: "REQUIRED" | "MORE" | "RELATED";
  url: string | null;
  extraLinks: Array<{ url: string; label: string | null }>;
  authors: string[];
  abstract: string;
}

/** Extra links are edited one per line as "label | url" (or just the url). */
function parseLinks(text: string) {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const bar = line.lastIndexOf("|");
      return bar === -1 ? { url: line, label: null } : { url: line.slice(bar + 1).trim(), label: line.slice(0, bar).trim() || null };
    });
}

export function ReadingEditForm({ reading }: { reading: Reading }) {
  const [error, setError] = useState<SubmitError | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setSaved(false);
    const result = await submitJson(`/api/console/readings/${reading.id}`, "PATCH", {
      title: String(form.get("title") ?? ""),
      section: String(form.get("section") ?? ""),
      url: String(form.get("url") ?? ""),
      extraLinks: parseLinks(String(form.get("extraLinks") ?? "")),
      authors: String(form.get("authors") ?? "")
        .split(",")
        .map((author) => author.trim())
        .filter(Boolean),
      abstract: String(form.get("abstract") ?? ""),
    });
    setPending(false);
    if (result.ok) {
      setError(null);
      setSaved(true);
    } else setError(result.error);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={error?.message ?? null} />
      <Field label="Title" name="title" defaultValue={reading.title} required maxLength={500} error={error?.fields.title} />
      <div>
        <label htmlFor="section" className="block text-sm font-medium">
          Section
        </label>
        <select id="section" name="section" defaultValue={reading.section} className="mt-1 rounded-lg border border-rule bg-white px-3 py-2">
          <option value="REQUIRED">Required</option>
          <option value="MORE">More readings</option>
          <option value="RELATED">Related</option>
        </select>
      </div>
      <Field label="Link" name="url" type="url" defaultValue={reading.url ?? ""} error={error?.fields.url} />
      <div>
        <label htmlFor="extraLinks" className="block text-sm font-medium">
          Further links
        </label>
        <textarea
          id="extraLinks"
          name="extraLinks"
          rows={3}
          defaultValue={reading.extraLinks.map((link) => (link.label ? `${link.label} | ${link.url}` : link.url)).join("\n")}
          aria-describedby="extraLinks-hint"
          className="mt-1 block w-full rounded-lg border border-rule bg-white px-3 py-2 text-sm"
        />
        <p id="extraLinks-hint" className="mt-1 text-xs text-muted">
          One per line: “label | https://…” or just the address.
        </p>
      </div>
      <Field label="Authors" name="authors" defaultValue={reading.authors.join(", ")} hint="Separated by commas." error={error?.fields.authors} />
      <div>
        <label htmlFor="abstract" className="block text-sm font-medium">
          Abstract
        </label>
        <textarea id="abstract" name="abstract" rows={12} defaultValue={reading.abstract} maxLength={50_000} className="mt-1 block w-full rounded-lg border border-rule bg-white px-3 py-2 font-serif" />
      </div>
      <div className="max-w-xs">
        <SubmitButton pending={pending} pendingLabel="Saving…">
          Save reading
        </SubmitButton>
      </div>
      {saved ? (
        <p role="status" className="text-sm text-green-800">
          Saved.
        </p>
      ) : null}
    </form>
  );
}
