"use client";
// The reading document's entries that cannot be read, kept current: the panel shows each in its place.
// Read once in full, then only the entries each update touched are read again.
import { useMemo, useSyncExternalStore } from "react";
import * as Y from "yjs";
import { READING_ROOTS, readUnreadableEntries, readUnreadableEntry, type UnreadableEntry } from "@/lib/collab/reading-doc";

const NONE: UnreadableEntry[] = [];

const slot = (entry: Pick<UnreadableEntry, "root" | "id">) => `${entry.root}|${entry.id}`;

function order(a: UnreadableEntry, b: UnreadableEntry): number {
  const rootOrder = READING_ROOTS.indexOf(a.root) - READING_ROOTS.indexOf(b.root);
  return rootOrder || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The store behind useUnreadableEntries (exported for its test). */
export function unreadableStore(doc: Y.Doc) {
  const bad = new Map<string, UnreadableEntry>();
  let snapshot: UnreadableEntry[] = NONE;
  const readAll = () => {
    bad.clear();
    for (const entry of readUnreadableEntries(doc)) bad.set(slot(entry), entry);
    const next = bad.size === 0 ? NONE : [...bad.values()].sort(order);
    const same = next.length === snapshot.length && next.every((entry, index) => slot(entry) === slot(snapshot[index]!));
    if (!same) snapshot = next;
    return !same;
  };
  readAll();
  return {
    subscribe(listener: () => void) {
      const observers: Array<() => void> = [];
      let changed = false;
      const recheck = (root: UnreadableEntry["root"], key: string) => {
        const entry = readUnreadableEntry(doc, root, key);
        const at = slot({ root, id: key });
        if (entry) {
          bad.set(at, entry);
          changed = true;
        } else if (bad.delete(at)) changed = true;
      };
      for (const root of READING_ROOTS) {
        try {
          const map = doc.getMap(root);
          const observer = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
            for (const event of events) {
              // A change to the root map names its keys; a change inside an entry has the entry's key first in its path.
              if (event.path.length > 0) recheck(root, String(event.path[0]));
              else for (const key of event.keys.keys()) recheck(root, key);
            }
          };
          map.observeDeep(observer);
          observers.push(() => map.unobserveDeep(observer));
        } catch {
          // A root stored as another type: the full read reports it.
        }
      }
      const onUpdate = () => {
        if (!changed) return;
        changed = false;
        snapshot = bad.size === 0 ? NONE : [...bad.values()].sort(order);
        listener();
      };
      doc.on("afterTransaction", onUpdate);
      // Catch up on anything applied between the first read and subscribing (IndexedDB loads fast).
      if (readAll()) listener();
      return () => {
        for (const stop of observers) stop();
        doc.off("afterTransaction", onUpdate);
      };
    },
    getSnapshot: () => snapshot,
  };
}

export function useUnreadableEntries(doc: Y.Doc): readonly UnreadableEntry[] {
  const store = useMemo(() => unreadableStore(doc), [doc]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => NONE);
}
