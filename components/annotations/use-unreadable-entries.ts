"use client";
// The reading document's entries that cannot be read, kept current: the panel shows each in its place.
import { useMemo, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { readUnreadableEntries, type UnreadableEntry } from "@/lib/collab/reading-doc";

const NONE: UnreadableEntry[] = [];

function sameEntries(a: readonly UnreadableEntry[], b: readonly UnreadableEntry[]): boolean {
  return a.length === b.length && a.every((entry, index) => entry.root === b[index]!.root && entry.id === b[index]!.id && entry.highlightId === b[index]!.highlightId && entry.parentId === b[index]!.parentId);
}

function unreadableStore(doc: Y.Doc) {
  let snapshot = NONE;
  const read = () => {
    const next = readUnreadableEntries(doc);
    // Keeps the same array while nothing changed, so the panel's memoised threads are not rebuilt.
    if (!sameEntries(next, snapshot)) snapshot = next.length === 0 ? NONE : next;
  };
  read();
  return {
    subscribe(listener: () => void) {
      const onUpdate = () => {
        read();
        listener();
      };
      doc.on("update", onUpdate);
      onUpdate();
      return () => doc.off("update", onUpdate);
    },
    getSnapshot: () => snapshot,
  };
}

export function useUnreadableEntries(doc: Y.Doc): readonly UnreadableEntry[] {
  const store = useMemo(() => unreadableStore(doc), [doc]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => NONE);
}
