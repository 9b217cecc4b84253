"use client";
// The live half of the reading page, fetched only once the page is on screen (ReadingWorkspace imports
// it when it mounts): Yjs, the collaboration provider, the offline copy and the document's writers.
// LiveReadingDocument draws nothing itself: it runs the live document's hooks and hands each state up.
import { useCallback, useLayoutEffect, useMemo } from "react";
import { describeTextRange } from "@/lib/anchoring/describe";
import { createHighlight, type UnreadableEntry } from "@/lib/collab/reading-doc";
import type { NewHighlight } from "./annotated-abstract";
import type { Peer } from "./awareness-peers";
import type { ConnectionStatus } from "./connection-state";
import type { ReadingData } from "./reading-data";
import type { ThreadActions } from "./thread-context";
import { useThreadActions } from "./thread-actions";
import { usePeers, useReadingData } from "./use-live-data";
import { useReadingDocument } from "./use-reading-document";
import { useUnreadableEntries } from "./use-unreadable-entries";

// Presence is live only, so its avatars come with the rest (awareness-peers.ts checks others' states with zod).
export { PresenceAvatars } from "./presence-avatars";

export interface ReadingActions extends ThreadActions {
  /** Highlights the passage [start, end) of the abstract; returns the new highlight's id. */
  createHighlight(input: NewHighlight): string;
}

export interface LiveReading {
  status: ConnectionStatus;
  unsyncedChanges: number;
  refusal: string | null;
  dismissRefusal(): void;
  /** The document holds the server's state (or its offline copy, offline): until then the page shows its server render. */
  loaded: boolean;
  data: ReadingData;
  unreadable: readonly UnreadableEntry[];
  peers: Peer[];
  /** Null until loaded: writes wait for the real document. */
  actions: ReadingActions | null;
  /** Shows others where our selection is. */
  publishSelection(selection: { start: number; end: number } | null): void;
}

export interface LiveReadingDocumentProps {
  readingId: string;
  /** The abstract as stored: new highlights' selectors are cut from it. */
  abstract: string;
  actorId: string;
  /** Called with every new state, before the browser paints it. */
  onChange: (live: LiveReading) => void;
}

export function LiveReadingDocument({ readingId, abstract, actorId, onChange }: LiveReadingDocumentProps) {
  const live = useReadingDocument(readingId);
  const data = useReadingData(live.doc);
  const unreadable = useUnreadableEntries(live.doc);
  const peers = usePeers(live.awareness);
  const { doc, awareness, loaded } = live;
  const threadActions = useThreadActions(loaded ? doc : null, actorId);
  const actions = useMemo<ReadingActions | null>(
    () =>
      threadActions && {
        ...threadActions,
        createHighlight: ({ kind, start, end, firstComment }) =>
          createHighlight(doc, { authorId: actorId, kind, target: describeTextRange(abstract, start, end), firstComment }).highlightId,
      },
    [threadActions, doc, actorId, abstract],
  );
  const publishSelection = useCallback((selection: { start: number; end: number } | null) => awareness?.setLocalStateField("selection", selection), [awareness]);

  const { status, unsyncedChanges, refusal, dismissRefusal } = live;
  // A layout effect, so the page takes each state in the same frame as it arrives.
  useLayoutEffect(
    () => onChange({ status, unsyncedChanges, refusal, dismissRefusal, loaded, data, unreadable, peers, actions, publishSelection }),
    [onChange, status, unsyncedChanges, refusal, dismissRefusal, loaded, data, unreadable, peers, actions, publishSelection],
  );
  return null;
}
