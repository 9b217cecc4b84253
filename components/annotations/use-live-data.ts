"use client";
// Subscriptions to the shared document and to awareness. Everything read from them goes through
// the schema readers (reading-doc.ts, awareness-peers.ts): other clients wrote it.
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import { readComments, readHighlights, readReactions, type Comment, type Highlight } from "@/lib/collab/reading-doc";
import { readPeers, type Peer } from "./awareness-peers";

export interface ReadingData {
  highlights: Highlight[];
  comments: Comment[];
  /** commentId -> ids of the users who gave it +1 */
  reactions: Map<string, string[]>;
}

function read(doc: Y.Doc): ReadingData {
  return { highlights: readHighlights(doc), comments: readComments(doc), reactions: readReactions(doc) };
}

function documentStore(doc: Y.Doc) {
  let snapshot = read(doc);
  return {
    subscribe(listener: () => void) {
      const onUpdate = () => {
        snapshot = read(doc);
        listener();
      };
      doc.on("update", onUpdate);
      // Catch up on anything applied between the first read and subscribing (IndexedDB loads fast).
      onUpdate();
      return () => doc.off("update", onUpdate);
    },
    getSnapshot: () => snapshot,
  };
}

export function useReadingData(doc: Y.Doc): ReadingData {
  const store = useMemo(() => documentStore(doc), [doc]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

const NO_PEERS: Peer[] = [];

function awarenessStore(awareness: Awareness | null) {
  const compute = () => (awareness ? readPeers(awareness.getStates() as Map<number, Record<string, unknown>>, awareness.clientID) : NO_PEERS);
  let snapshot = compute();
  return {
    subscribe(listener: () => void) {
      if (!awareness) return () => undefined;
      const onChange = () => {
        snapshot = compute();
        listener();
      };
      awareness.on("change", onChange);
      onChange();
      return () => awareness.off("change", onChange);
    },
    getSnapshot: () => snapshot,
  };
}

/** Everyone else connected to this reading, with their server-set identity and current selection. */
export function usePeers(awareness: Awareness | null): Peer[] {
  const store = useMemo(() => awarenessStore(awareness), [awareness]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => NO_PEERS);
}

/** The current time, refreshed every `intervalMs`, for relative timestamps. */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
