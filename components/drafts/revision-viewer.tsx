"use client";
// One revision, read-only, with what changed since and, for the writers, "Restore this revision".
// Loaded when someone first presses View (revisions-panel.tsx).
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { EditorContent, useEditor } from "@tiptap/react";
import { draftContentExtensions, draftSchema } from "@/lib/drafts/editor-schema";
import { absoluteTime } from "../annotations/relative-time";
import { submit, submitJson } from "../ui/submit";
import { changesSummary, diffRows, revisionAuthor, revisionDetailSchema, revisionTitle, type RevisionDetail, type RevisionSummary } from "./revisions";
import { SMALL_BUTTON } from "./revision-styles";
import styles from "./draft-editor.module.css";

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

export interface RevisionViewerProps {
  draftId: string;
  revisionId: string;
  summary: RevisionSummary | null;
  canWrite: boolean;
  onClose: () => void;
  onRestored: () => void;
}

export function RevisionViewer({ draftId, revisionId, summary, canWrite, onClose, onRestored }: RevisionViewerProps) {
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
