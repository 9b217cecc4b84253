"use client";
// Subscriptions to the shared document and to awareness. Everything read from them goes through
// the schema readers (reading-doc.ts, awareness-peers.ts): other clients wrote it.
import { useMemo, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import { readComments, readHighlights, readingMaps, readReactions, type Highlight } from "@/lib/collab/reading-doc";
import { readPeers, type Peer } from "./awareness-peers";
import type { ReadingData } from "./reading-data";

type Part = "highlights" | "comments" | "reactions";

/**
 * The document as ReadingData, re-reading after each update only the parts it touched: a comment
 * leaves the highlights array as it was, so nothing downstream (anchors, the abstract's layout) redoes work.
 */
export function readingDataStore<H = Highlight>(doc: Y.Doc, readHighlightsOf: (doc: Y.Doc) => H[] = readHighlights as unknown as (doc: Y.Doc) => H[]) {
  const readers = { highlights: readHighlightsOf, comments: readComments, reactions: readReactions };
  const read = (from: Y.Doc): ReadingData<H> => ({ highlights: readHighlightsOf(from), comments: readComments(from), reactions: readReactions(from) });
  let snapshot = read(doc);
  const maps = readingMaps(doc);
  return {
    subscribe(listener: () => void) {
      const touched = new Set<Part>();
      const marks = (Object.keys(readers) as Part[]).map((part) => {
        const mark = () => touched.add(part);
        maps[part].observeDeep(mark);
        return () => maps[part].unobserveDeep(mark);
      });
      // Deep observers run before the document's "update" event, within the same transaction.
      const onUpdate = () => {
        if (touched.size === 0) return;
        const next = { ...snapshot };
        for (const part of touched) Object.assign(next, { [part]: readers[part](doc) });
        touched.clear();
        snapshot = next;
        listener();
      };
      doc.on("update", onUpdate);
      // Catch up on anything applied between the first read and subscribing (IndexedDB loads fast).
      snapshot = read(doc);
      listener();
      return () => {
        doc.off("update", onUpdate);
        for (const unmark of marks) unmark();
      };
    },
    getSnapshot: () => snapshot,
  };
}

/** `readHighlightsOf` must be stable (a module-level function): a new one re-reads the document. */
export function useReadingData<H = Highlight>(doc: Y.Doc, readHighlightsOf?: (doc: Y.Doc) => H[]): ReadingData<H> {
  const store = useMemo(() => readingDataStore<H>(doc, readHighlightsOf), [doc, readHighlightsOf]);
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
