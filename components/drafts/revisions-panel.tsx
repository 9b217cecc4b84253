"use client";
// Saved versions of the draft: the list (newest first, who and when), saving a named one, and
// viewing one read-only with what changed since, with "Restore this revision" for the writers.
// A restore is done by the server on the live document, so it reaches this editor (and everyone
// else's) as an ordinary remote change.
import { lazy, Suspense, useId, useMemo, useState, type FormEvent } from "react";
import { absoluteTime, relativeTime } from "../annotations/relative-time";
import { useNow } from "../annotations/use-now";
import { submitJson } from "../ui/submit";
import { revisionAuthor, revisionTitle, sortRevisions, type RevisionSummary } from "./revisions";
import { SMALL_BUTTON } from "./revision-styles";

// Viewing a revision (its content in a read-only editor, what changed since, Restore) is fetched on the first View.
const RevisionViewer = lazy(() => import("./revision-viewer").then((module) => ({ default: module.RevisionViewer })));

export interface RevisionsPanelProps {
  draftId: string;
  canWrite: boolean;
  revisions: readonly RevisionSummary[] | null;
  status: "loading" | "ready" | "error";
  error: string | null;
  reload: () => Promise<void>;
  /** True while the editor has changes the server has not acknowledged yet; a revision waits for them. */
  hasUnsavedChanges?: () => boolean;
  className?: string;
}

export function RevisionsPanel({ draftId, canWrite, revisions, status, error, reload, hasUnsavedChanges, className = "" }: RevisionsPanelProps) {
  const now = useNow();
  const [viewing, setViewing] = useState<string | null>(null);
  const sorted = useMemo(() => sortRevisions(revisions ?? []), [revisions]);
  const viewed = sorted.find((revision) => revision.id === viewing) ?? null;

  return (
    <section aria-label="Revisions" className={`min-w-0 ${className}`}>
      <h2 className="text-sm font-semibold uppercase tracking-wider text-muted">Revisions</h2>
      {canWrite ? <SaveRevisionForm draftId={draftId} onSaved={reload} hasUnsavedChanges={hasUnsavedChanges} /> : null}

      {status === "loading" ? (
        <p role="status" className="mt-4 text-sm text-muted">
          Loading revisions…
        </p>
      ) : null}
      {status === "error" ? (
        <div role="alert" className="mt-4 flex flex-wrap items-center gap-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p className="min-w-0 flex-1">Revisions could not be loaded: {error}</p>
          <button type="button" onClick={() => void reload()} className="rounded-md px-2 py-1 font-medium hover:bg-red-100">
            Try again
          </button>
        </div>
      ) : null}
      {status === "ready" && sorted.length === 0 ? (
        <p className="mt-4 rounded-xl border border-dashed border-rule bg-white/60 p-4 text-center text-sm text-muted">No revisions yet.</p>
      ) : null}

      {sorted.length > 0 ? (
        <ol className="mt-3 divide-y divide-rule rounded-xl border border-rule bg-white">
          {sorted.map((revision) => (
            <RevisionRow key={revision.id} revision={revision} now={now} current={revision.id === viewing} onView={() => setViewing(revision.id)} />
          ))}
        </ol>
      ) : null}

      {viewing ? (
        <Suspense
          fallback={
            <p role="status" className="mt-4 text-sm text-muted">
              Loading the revision…
            </p>
          }
        >
          <RevisionViewer
            key={viewing}
            draftId={draftId}
            revisionId={viewing}
            summary={viewed}
            canWrite={canWrite}
            onClose={() => setViewing(null)}
            onRestored={() => {
              setViewing(null);
              void reload();
            }}
          />
        </Suspense>
      ) : null}
    </section>
  );
}

function RevisionRow({ revision, now, current, onView }: { revision: RevisionSummary; now: number; current: boolean; onView: () => void }) {
  const titleId = useId();
  const at = Date.parse(revision.createdAt);
  return (
    <li className="flex items-center gap-3 px-3 py-2" aria-current={current || undefined}>
      <div className="min-w-0 flex-1">
        <p id={titleId} className="truncate text-sm font-medium text-ink">
          {revisionTitle(revision)}
        </p>
        <p className="text-xs text-muted">
          {revisionAuthor(revision)}
          {Number.isNaN(at) ? null : (
            <>
              {" · "}
              <time dateTime={new Date(at).toISOString()} title={absoluteTime(at)}>
                {relativeTime(at, now)}
              </time>
            </>
          )}
        </p>
      </div>
      <button type="button" onClick={onView} aria-describedby={titleId} className={`${SMALL_BUTTON} ${current ? "bg-accent-soft text-accent" : ""}`}>
        View
      </button>
    </li>
  );
}

/** Waits (a few seconds at most) until the editor's last keystrokes reached the server, so a revision holds what its author sees. */
async function settle(hasUnsavedChanges: (() => boolean) | undefined): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (hasUnsavedChanges?.() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

function SaveRevisionForm({ draftId, onSaved, hasUnsavedChanges }: { draftId: string; onSaved: () => Promise<void>; hasUnsavedChanges?: () => boolean }) {
  const id = useId();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError("Give the revision a name, like “Before the dry run”.");
      return;
    }
    setSaving(true);
    await settle(hasUnsavedChanges);
    const result = await submitJson(`/api/drafts/${draftId}/revisions`, "POST", { name: trimmed });
    setSaving(false);
    if (!result.ok) {
      setError(result.error.fields.name ?? result.error.message);
      return;
    }
    setName("");
    setError(null);
    setSaved(`Saved “${trimmed}”.`);
    await onSaved();
  };

  return (
    <form onSubmit={(event) => void save(event)} noValidate className="mt-3 flex flex-wrap items-end gap-2">
      <div className="min-w-0 flex-1 basis-40">
        <label htmlFor={`${id}-name`} className="block text-sm font-medium text-ink">
          Revision name
        </label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={120}
          autoComplete="off"
          onChange={(event) => {
            setName(event.target.value);
            setError(null);
            setSaved(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="mt-1 block w-full rounded-lg border border-rule bg-white px-3 py-1.5 text-sm text-ink shadow-sm focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/30 aria-[invalid=true]:border-red-600"
        />
      </div>
      <button type="submit" disabled={saving} className="rounded-lg bg-ink px-3 py-1.5 text-sm font-medium text-white hover:bg-ink/90 disabled:cursor-wait disabled:opacity-70">
        Save revision
      </button>
      {error ? (
        <p id={`${id}-error`} className="basis-full text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <p role="status" className="basis-full text-sm text-emerald-800 empty:hidden">
        {saved}
      </p>
    </form>
  );
}

