"use client";
// Saved versions of the draft: the list (newest first, who and when), saving a named one, and
// viewing one read-only with what changed since, with "Restore this revision" for the writers.
// A restore is done by the server on the live document, so it reaches this editor (and everyone
// else's) as an ordinary remote change.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { EditorContent, useEditor } from "@tiptap/react";
import { draftContentExtensions, draftSchema } from "@/lib/drafts/editor-schema";
import { absoluteTime, relativeTime } from "../annotations/relative-time";
import { useNow } from "../annotations/use-live-data";
import { submit, submitJson } from "../ui/submit";
import { changesSummary, diffRows, revisionAuthor, revisionDetailSchema, revisionTitle, sortRevisions, type RevisionDetail, type RevisionSummary } from "./revisions";
import styles from "./draft-editor.module.css";

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

const SMALL_BUTTON = "inline-flex min-h-8 items-center rounded-md px-2 text-xs font-medium text-muted hover:bg-accent-soft/60 hover:text-ink";

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

type Loaded = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; revision: RevisionDetail; content: Record<string, unknown> | null };

/** The revision's ProseMirror JSON, if the draft schema accepts it (it came over the network). */
function checkedContent(json: unknown): Record<string, unknown> | null {
  if (typeof json !== "object" || json === null) return null;
  try {
    draftSchema().nodeFromJSON(json).check();
    return json as Record<string, unknown>;
  } catch {
    return null;
  }
}

interface RevisionViewerProps {
  draftId: string;
  revisionId: string;
  summary: RevisionSummary | null;
  canWrite: boolean;
  onClose: () => void;
  onRestored: () => void;
}

function RevisionViewer({ draftId, revisionId, summary, canWrite, onClose, onRestored }: RevisionViewerProps) {
  const headingId = useId();
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const container = useRef<HTMLElement>(null);

  useEffect(() => {
    let cancelled = false;
    void submit<unknown>(`/api/drafts/${draftId}/revisions/${revisionId}`, { method: "GET", cache: "no-store" }).then((result) => {
      if (cancelled) return;
      if (!result.ok) return setLoaded({ status: "error", message: result.error.message });
      const parsed = revisionDetailSchema.safeParse(result.data);
      setLoaded(parsed.success ? { status: "ready", revision: parsed.data, content: checkedContent(parsed.data.json) } : { status: "error", message: "The server sent something unexpected." });
    });
    return () => {
      cancelled = true;
    };
  }, [draftId, revisionId]);

  // Opening a revision moves the reader to it (on a phone it is far below the button).
  useEffect(() => {
    container.current?.scrollIntoView({ block: "nearest", behavior: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
    container.current?.focus({ preventScroll: true });
  }, []);

  const title = revisionTitle(loaded.status === "ready" ? loaded.revision : (summary ?? { name: null, auto: false }));

  return (
    <section ref={container} tabIndex={-1} aria-labelledby={headingId} className="mt-4 rounded-xl border border-rule bg-white p-3 focus:outline-none">
      <div className="flex flex-wrap items-start gap-2">
        <h3 id={headingId} className="min-w-0 flex-1 text-sm font-semibold text-ink">
          <span className="sr-only">Revision: </span>
          {title}
        </h3>
        <button type="button" onClick={onClose} className={SMALL_BUTTON}>
          Close
        </button>
      </div>
      {summary ? (
        <p className="text-xs text-muted">
          {revisionAuthor(summary)} · {Number.isNaN(Date.parse(summary.createdAt)) ? null : absoluteTime(Date.parse(summary.createdAt))}
        </p>
      ) : null}

      {loaded.status === "loading" ? (
        <p role="status" className="mt-3 text-sm text-muted">
          Loading the revision…
        </p>
      ) : null}
      {loaded.status === "error" ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {loaded.message}
        </p>
      ) : null}
      {loaded.status === "ready" ? (
        <>
          {canWrite ? <RestoreButton draftId={draftId} revisionId={revisionId} title={title} onRestored={onRestored} /> : null}
          {loaded.content ? (
            <RevisionContent content={loaded.content} title={title} />
          ) : (
            <p className="mt-3 text-sm text-muted">This revision’s content cannot be shown.</p>
          )}
          <ChangesSince revision={loaded.revision} />
        </>
      ) : null}
    </section>
  );
}

/** A non-editable editor with the draft's own extensions, so the revision looks exactly like the draft. */
function RevisionContent({ content, title }: { content: Record<string, unknown>; title: string }) {
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: false,
      extensions: draftContentExtensions(),
      content,
      editorProps: { attributes: { "aria-label": `Revision content: ${title}`, role: "document", "aria-readonly": "true" } },
    },
    [content, title],
  );
  return (
    <div className="mt-3 max-h-96 overflow-y-auto rounded-lg border border-rule bg-paper [&_.ProseMirror]:min-h-0!">
      {editor ? <EditorContent editor={editor} className={styles.content} /> : <p className="p-3 text-sm text-muted">Loading…</p>}
    </div>
  );
}

/** What changed since the revision: the changed lines with folded context, or why they are not shown. */
export function ChangesSince({ revision }: { revision: Pick<RevisionDetail, "diff"> }) {
  const headingId = useId();
  const { diff } = revision;
  const rows = useMemo(() => (diff.status === "lines" ? diffRows(diff.lines) : []), [diff]);
  return (
    <div className="mt-4">
      <h4 id={headingId} className="text-xs font-semibold uppercase tracking-wider text-muted">
        Changes since
      </h4>
      {diff.status === "lines" ? (
        <p className="mt-1 text-xs text-muted">{changesSummary(diff)}</p>
      ) : (
        <p data-diff-status={diff.status} className="mt-2 rounded-lg border border-dashed border-rule bg-paper px-3 py-2 text-sm text-muted">
          {changesSummary(diff)}
        </p>
      )}
      {rows.length > 0 ? (
        <ol aria-labelledby={headingId} className="mt-2 max-h-80 overflow-auto rounded-lg border border-rule font-mono text-xs leading-5">
          {rows.map((row) =>
            row.kind === "gap" ? (
              <li key={row.key} className="bg-paper px-2 py-0.5 text-center text-muted">
                … {row.label} …
              </li>
            ) : (
              <li
                key={row.key}
                aria-label={row.label}
                data-op={row.op}
                className={`flex gap-2 whitespace-pre-wrap break-words px-2 ${row.op === "added" ? "bg-emerald-50 text-emerald-900" : row.op === "removed" ? "bg-red-50 text-red-900" : "text-muted"}`}
              >
                <span aria-hidden="true" className="w-3 shrink-0 select-none">
                  {row.prefix}
                </span>
                <span aria-hidden="true" className={`min-w-0 flex-1 ${row.op === "removed" ? "line-through decoration-red-900/40" : ""}`}>
                  {row.text || " "}
                </span>
              </li>
            ),
          )}
        </ol>
      ) : null}
    </div>
  );
}

/** "Restore this revision" behind a modal confirmation (the native <dialog>: focus trap and Escape for free). */
function RestoreButton({ draftId, revisionId, title, onRestored }: { draftId: string; revisionId: string; title: string; onRestored: () => void }) {
  const headingId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);

  const restore = async () => {
    setRestoring(true);
    const result = await submitJson(`/api/drafts/${draftId}/revisions/${revisionId}/restore`, "POST");
    setRestoring(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    dialog.current?.close();
    onRestored();
  };

  return (
    <>
      <button
        type="button"
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
        className="mt-3 rounded-lg border border-rule px-3 py-1.5 text-sm font-medium text-ink hover:bg-accent-soft/60"
      >
        Restore this revision
      </button>
      <dialog ref={dialog} aria-labelledby={headingId} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-rule bg-white p-5 text-ink shadow-xl backdrop:bg-ink/40">
        <h2 id={headingId} className="text-base font-semibold">
          Restore this revision?
        </h2>
        <p className="mt-2 text-sm text-muted">
          The draft will be replaced by “{title}” for everyone editing it. The current text is saved as a revision first, so it can be restored too.
        </p>
        {error ? (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" autoFocus onClick={() => dialog.current?.close()} className="rounded-lg px-3 py-1.5 text-sm font-medium text-muted hover:text-ink">
            Cancel
          </button>
          <button type="button" disabled={restoring} onClick={() => void restore()} className="rounded-lg bg-ink px-3 py-1.5 text-sm font-medium text-white hover:bg-ink/90 disabled:cursor-wait disabled:opacity-70">
            Restore
          </button>
        </div>
      </dialog>
    </>
  );
}
