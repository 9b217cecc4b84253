"use client";
// A reading's annotations: presence and connection status, the annotated abstract and the Comments
// panel. The page renders it on the server from the stored document (`initial`), so it reads fine
// before any script runs, and without one. Once mounted it fetches the live half (live-reading.tsx:
// Yjs, the connection, the writers) and switches to the live document once that has loaded; until
// then writes are shown unavailable. The collaboration server re-checks every change against the same
// policies used here to hide buttons.
import { RefusalAlert } from "@/components/collab/refusal-alert";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { ReadingAnnotations } from "@/lib/readings/get-reading-annotations";
import { can, type Actor, type SessionTeams } from "@/lib/policies";
import { AnnotatedAbstract, type NewHighlight } from "./annotated-abstract";
import type { Peer } from "./awareness-peers";
import { CommentsPanel, type ActiveHighlight } from "./comments-panel";
import { ConnectionStatus } from "./connection-status";
import { HeatmapBar, type HeatmapSelection } from "./heatmap-bar";
import type { LiveReading } from "./live-reading";
import type { Member } from "./mention-autocomplete";
import { readingDataOf, useAnchors } from "./reading-data";
import type { DraftLinks } from "./thread-context";

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
  /** The reading's annotations as stored when the page was rendered: shown until the live document has loaded. */
  initial: ReadingAnnotations;
}

type LiveModule = typeof import("./live-reading");

const NO_PEERS: readonly Peer[] = [];
const HIGHLIGHT_UNAVAILABLE = "Still connecting to the live document: you can highlight once it is live.";

export function ReadingWorkspace({ readingId, abstract, actor, session, members, drafts, initial }: ReadingWorkspaceProps) {
  const [liveModule, setLiveModule] = useState<LiveModule | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  const [live, setLive] = useState<LiveReading | null>(null);
  useEffect(() => {
    let mounted = true;
    // Started on mount, not by the page's HTML: the first load is only what renders the page.
    import("./live-reading").then(
      (module) => mounted && setLiveModule(module),
      () => mounted && setUnreachable(true),
    );
    return () => {
      mounted = false;
    };
  }, []);

  const rendered = useMemo(() => readingDataOf(initial), [initial]);
  // The live document replaces the server's render only once it holds at least as much.
  const shown = live?.loaded ? live : null;
  const data = shown?.data ?? rendered;
  const unreadable = shown?.unreadable ?? initial.unreadable;
  const actions = live?.actions ?? null;
  const peers = live?.peers ?? NO_PEERS;
  const anchors = useAnchors(abstract, data.highlights);
  const canAnnotate = can(actor, "reading:annotate");
  const [active, setActive] = useState<ActiveHighlight | null>(null);
  const [band, setBand] = useState<HeatmapSelection | null>(null);
  const bandIds = useMemo(() => new Set(band?.highlightIds ?? []), [band]);
  const othersPeers = useMemo(() => peers.filter((peer) => peer.user.id !== actor.id), [peers, actor.id]);

  const open = useCallback((id: string, focus: boolean, scroll: boolean) => setActive((previous) => ({ id, focus, scroll, nonce: (previous?.nonce ?? 0) + 1 })), []);

  const createFromSelection = useCallback(
    (input: NewHighlight) => {
      if (actions) open(actions.createHighlight(input), false, false);
    },
    [actions, open],
  );

  const showInText = useCallback((id: string) => {
    const mark = document.querySelector<HTMLElement>(`[data-abstract] mark[data-highlight-ids~="${CSS.escape(id)}"]`);
    if (!mark) return;
    mark.scrollIntoView({ block: "center", behavior: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
    mark.focus({ preventScroll: true });
  }, []);

  return (
    <div className="@container">
      {liveModule ? <liveModule.LiveReadingDocument readingId={readingId} abstract={abstract} actorId={actor.id} onChange={setLive} /> : null}
      {/* As tall as the avatars, which arrive with the live half: nothing below moves when they do. */}
      <div className="flex min-h-8 flex-wrap items-center justify-between gap-3">
        {liveModule ? <liveModule.PresenceAvatars peers={peers} self={{ id: actor.id, name: actor.name }} /> : null}
        <ConnectionStatus status={live?.status ?? (unreachable ? "offline" : "connecting")} unsyncedChanges={live?.unsyncedChanges ?? 0} className="ml-auto" />
      </div>

      <RefusalAlert reason={live?.refusal ?? null} onDismiss={() => live?.dismissRefusal()} />

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
              highlightUnavailable={actions ? null : HIGHLIGHT_UNAVAILABLE}
              onSelectionChange={live?.publishSelection}
            />
          </div>
        </div>
        <CommentsPanel
          abstract={abstract}
          actions={actions}
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
          renderedAt={initial.readAt}
          className="@4xl:sticky @4xl:top-4 @4xl:max-h-[calc(100dvh-2rem)] @4xl:overflow-y-auto @4xl:pr-1"
        />
      </div>
    </div>
  );
}
