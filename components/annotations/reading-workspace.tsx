"use client";
// The live reading: presence and connection status, the annotated abstract and the Comments
// panel, all on one shared document. Every change goes through the reading-doc helpers; the
// collaboration server re-checks each one against the same policies used here to hide buttons.
import { RefusalAlert } from "@/components/collab/refusal-alert";
import { useCallback, useMemo, useState } from "react";
import { createHighlight } from "@/lib/collab/reading-doc";
import { describeTextRange } from "@/lib/anchoring";
import { can, type Actor, type SessionTeams } from "@/lib/policies";
import { AnnotatedAbstract, type NewHighlight } from "./annotated-abstract";
import { CommentsPanel, type ActiveHighlight } from "./comments-panel";
import { ConnectionStatus } from "./connection-status";
import { HeatmapBar, type HeatmapSelection } from "./heatmap-bar";
import type { Member } from "./mention-autocomplete";
import { PresenceAvatars } from "./presence-avatars";
import type { DraftLinks } from "./thread-context";
import { useAnchors, usePeers, useReadingData } from "./use-live-data";
import { useReadingDocument } from "./use-reading-document";
import { useUnreadableEntries } from "./use-unreadable-entries";

export interface ReadingWorkspaceProps {
  readingId: string;
  /** The abstract exactly as stored; highlights' offsets are into this string. */
  abstract: string;
  actor: Actor;
  session: SessionTeams;
  /** Course members, for names and @mentions (members without a handle cannot be mentioned). */
  members: readonly Member[];
  /** Quoting highlights into the session's drafts (the reading page passes it). */
  drafts?: DraftLinks;
}

export function ReadingWorkspace({ readingId, abstract, actor, session, members, drafts }: ReadingWorkspaceProps) {
  const live = useReadingDocument(readingId);
  const data = useReadingData(live.doc);
  const unreadable = useUnreadableEntries(live.doc);
  const peers = usePeers(live.awareness);
  const anchors = useAnchors(abstract, data.highlights);
  const canAnnotate = can(actor, "reading:annotate");
  const [active, setActive] = useState<ActiveHighlight | null>(null);
  const [band, setBand] = useState<HeatmapSelection | null>(null);
  const bandIds = useMemo(() => new Set(band?.highlightIds ?? []), [band]);
  const othersPeers = useMemo(() => peers.filter((peer) => peer.user.id !== actor.id), [peers, actor.id]);
  // Writes wait for the real document: the placeholder shown before mount is never synced.
  const doc = live.provider ? live.doc : null;

  const open = useCallback((id: string, focus: boolean, scroll: boolean) => setActive((previous) => ({ id, focus, scroll, nonce: (previous?.nonce ?? 0) + 1 })), []);

  const createFromSelection = useCallback(
    ({ kind, start, end, firstComment }: NewHighlight): boolean => {
      if (!doc) return false;
      const { highlightId } = createHighlight(doc, { authorId: actor.id, kind, target: describeTextRange(abstract, start, end), firstComment });
      open(highlightId, false, false);
      return true;
    },
    [doc, actor.id, abstract, open],
  );

  const { awareness } = live;
  const publishSelection = useCallback((selection: { start: number; end: number } | null) => awareness?.setLocalStateField("selection", selection), [awareness]);

  const showInText = useCallback((id: string) => {
    const mark = document.querySelector<HTMLElement>(`[data-abstract] mark[data-highlight-ids~="${CSS.escape(id)}"]`);
    if (!mark) return;
    mark.scrollIntoView({ block: "center", behavior: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
    mark.focus({ preventScroll: true });
  }, []);

  return (
    <div className="@container">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <PresenceAvatars peers={peers} self={{ id: actor.id, name: actor.name }} />
        <ConnectionStatus status={live.status} unsyncedChanges={live.unsyncedChanges} className="ml-auto" />
      </div>

      <RefusalAlert reason={live.refusal} onDismiss={live.dismissRefusal} />

      <div className="mt-4 grid gap-8 @4xl:grid-cols-[minmax(0,1fr)_minmax(18rem,24rem)]">
        <div className="flex min-w-0 gap-3">
          <HeatmapBar abstract={abstract} highlights={data.highlights} anchors={anchors} selected={band} onSelect={setBand} />
          <div className="min-w-0 flex-1">
            <AnnotatedAbstract
              abstract={abstract}
              highlights={data.highlights}
              anchors={anchors}
              members={members}
              peers={othersPeers}
              activeHighlightId={active?.id ?? null}
              selectedHighlightIds={bandIds}
              onOpenHighlight={(id) => open(id, true, true)}
              onCreateHighlight={canAnnotate ? createFromSelection : undefined}
              onSelectionChange={publishSelection}
            />
          </div>
        </div>
        <CommentsPanel
          abstract={abstract}
          doc={doc}
          data={data}
          unreadable={unreadable}
          anchors={anchors}
          actor={actor}
          session={session}
          members={members}
          canAnnotate={canAnnotate}
          activeHighlight={active}
          onShowInText={showInText}
          drafts={drafts}
          className="@4xl:sticky @4xl:top-4 @4xl:max-h-[calc(100dvh-2rem)] @4xl:overflow-y-auto @4xl:pr-1"
        />
      </div>
    </div>
  );
}
