"use client";
// A team draft as the page first shows it: the server-rendered draft, read-only, in the editor's place
// and look. The live workspace (the editor with Tiptap, Yjs and the collaboration connection, the
// comments and revisions) is a separate chunk, fetched as soon as this has mounted: the page's first
// load stays small, and the draft can be read (without JavaScript, too) before any of it has arrived.
import { useEffect, useState } from "react";
import type { NewsSource } from "../annotations/news";
import type { Member } from "../annotations/mention-autocomplete";
import type { Actor, SessionTeams } from "@/lib/policies";
import { LOADING_DRAFT, StaticDraftFrame, StaticDraftView } from "./draft-frame";
import { DRAFT_COPY, DraftLayout, DraftLoadingStatus, ExportLink, READER_PLACEHOLDER, ReadOnlyNotice, type DraftKind } from "./draft-layout";
import { EarlyInput } from "./early-input";
import type { StaticDraft } from "./static-draft";

export interface DraftWorkspaceProps {
  draft: { id: string; kind: DraftKind; title: string; sessionTitle: string; sessionSlug: string };
  actor: Actor;
  session: SessionTeams;
  /** can(actor, "draft:write", { draftKind, session }), decided by the page. */
  canWrite: boolean;
  /** Course members, for names and @mentions in comments. */
  members: readonly Member[];
  /** What counts as new in the comments: the threads document and the reader's last visit. */
  news: NewsSource;
  /** The draft as the server rendered it; null when it could not (the editor shows it then). */
  initial: StaticDraft | null;
}

type LiveModule = typeof import("./live-draft-workspace");

export function DraftWorkspace(props: DraftWorkspaceProps) {
  // One for the page's life: the static view and, later, the editor share it.
  const [input] = useState(() => new EarlyInput());
  const [live, setLive] = useState<LiveModule | "failed" | null>(null);

  useEffect(() => {
    let current = true;
    import("./live-draft-workspace").then(
      (module) => current && setLive(module),
      () => current && setLive("failed"),
    );
    return () => {
      current = false;
    };
  }, []);

  if (live && live !== "failed") return <live.LiveDraftWorkspace {...props} input={input} />;

  const { draft, canWrite, initial } = props;
  return (
    <DraftLayout
      exportLink={<ExportLink draftId={draft.id} kind={draft.kind} />}
      status={<DraftLoadingStatus canWrite={canWrite} failed={live === "failed"} />}
      notices={
        <>
          {canWrite ? null : <ReadOnlyNotice kind={draft.kind} wasWriter={false} />}
          <noscript>
            <p className="mt-3 rounded-lg border border-rule bg-accent-soft/40 px-3 py-2 text-sm text-ink">
              This is the draft as last saved. Editing it, its comments and its revisions need JavaScript.
            </p>
          </noscript>
        </>
      }
      editor={
        <StaticDraftFrame canWrite={canWrite} words={initial?.words ?? 0}>
          {initial ? (
            <StaticDraftView title={draft.title} content={initial.content} placeholder={canWrite ? DRAFT_COPY[draft.kind].placeholder : READER_PLACEHOLDER} canWrite={canWrite} input={input} />
          ) : (
            LOADING_DRAFT
          )}
        </StaticDraftFrame>
      }
      side={
        <>
          <LoadingSection label="Draft comments" heading="Comments" text="Loading comments…" />
          <LoadingSection label="Revisions" heading="Revisions" text="Loading revisions…" />
        </>
      }
    />
  );
}

/** A side panel's heading in its place, until the panel itself arrives with the live workspace. */
function LoadingSection({ label, heading, text }: { label: string; heading: string; text: string }) {
  return (
    <section aria-label={label} className="min-w-0">
      <h2 className="text-sm font-semibold uppercase tracking-wider text-muted">{heading}</h2>
      <p className="mt-3 text-sm text-muted">{text}</p>
    </section>
  );
}
