"use client";
// The draft page's layout and the parts that look the same before and after the editor has loaded:
// the page first renders it with the server's copy of the draft (draft-workspace.tsx), then the live
// workspace renders it again with the editor in the same place, so nothing moves when one replaces
// the other. Nothing here may import Tiptap or Yjs: it is part of the page's first load.
import type { ReactNode } from "react";

export type DraftKind = "PRESENTATION" | "BLOG_POST";

export const DRAFT_COPY: Record<DraftKind, { placeholder: string; team: string; download: string }> = {
  PRESENTATION: { placeholder: "Start the presentation…", team: "the lead team", download: "Download slides (Marp)" },
  BLOG_POST: { placeholder: "Start the blog post…", team: "the blog team", download: "Download Markdown" },
};

/** Readers see a placeholder too (not "Start the …", which they cannot do). */
export const READER_PLACEHOLDER = "Nothing written yet.";

export interface DraftLayoutProps {
  /** Presence and the insertion buttons, left of the export link. */
  tools?: ReactNode;
  exportLink: ReactNode;
  status: ReactNode;
  /** Refusals and the read-only notice, under the toolbar row. */
  notices: ReactNode;
  editor: ReactNode;
  /** Comments and revisions: beside the draft on a wide screen, under it on a phone. */
  side: ReactNode;
}

export function DraftLayout({ tools, exportLink, status, notices, editor, side }: DraftLayoutProps) {
  return (
    <div className="@container">
      <div className="flex flex-wrap items-center gap-3">
        {tools}
        {exportLink}
        {status}
      </div>
      {notices}
      <div className="mt-4 grid gap-8 @4xl:grid-cols-[minmax(0,1fr)_minmax(18rem,24rem)]">
        <div className="min-w-0">{editor}</div>
        <div className="min-w-0 space-y-10 @4xl:sticky @4xl:top-4 @4xl:max-h-[calc(100dvh-2rem)] @4xl:self-start @4xl:overflow-y-auto @4xl:pr-1">{side}</div>
      </div>
    </div>
  );
}

/** A plain link: the server builds the file, so export needs no script at all. */
export function ExportLink({ draftId, kind }: { draftId: string; kind: DraftKind }) {
  return (
    <a
      href={`/api/drafts/${draftId}/export`}
      download
      className="ml-auto inline-flex items-center gap-1 rounded-lg border border-rule bg-white px-3 py-1.5 text-sm font-medium text-ink hover:bg-accent-soft/60"
    >
      <span aria-hidden="true">↓</span>
      {DRAFT_COPY[kind].download}
    </a>
  );
}

export function ReadOnlyNotice({ kind, wasWriter }: { kind: DraftKind; /** The page made this person a writer; the server has since said otherwise. */ wasWriter: boolean }) {
  return (
    <p className="mt-3 rounded-lg border border-rule bg-accent-soft/40 px-3 py-2 text-sm text-ink">
      {wasWriter ? "You can read this draft but no longer edit it." : `Read-only: only ${DRAFT_COPY[kind].team} and the instructor edit this draft.`} You can comment on it.
    </p>
  );
}

/**
 * The connection status until the editor is ready and in sync, in the look of the live one (components/annotations/connection-status):
 * until then the draft shown is the server's copy, which nobody can type in.
 */
export function DraftLoadingStatus({ canWrite, failed = false }: { canWrite: boolean; /** The editor's code could not be fetched. */ failed?: boolean }) {
  return (
    <p
      role="status"
      data-connection-status={failed ? "offline" : "connecting"}
      className="inline-flex items-center gap-2 rounded-full border border-rule bg-white px-3 py-1 text-xs font-medium text-ink"
    >
      <span aria-hidden="true" className={`size-2 shrink-0 rounded-full ${failed ? "bg-red-600" : "bg-amber-400 motion-safe:animate-pulse"}`} />
      {failed ? "The editor could not be loaded: reload the page" : canWrite ? "Connecting... read-only until then" : "Connecting..."}
    </p>
  );
}
