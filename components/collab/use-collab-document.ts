"use client";
// React binding for a live document of any kind (a reading, a draft) with the real browser pieces:
// Hocuspocus over ws(s)://<this host>/collab (authenticated by the session cookie the browser sends
// on the upgrade) and an IndexedDB copy under the same document name, so offline edits survive a
// reload. The connection logic itself (status, refusals) is ReadingConnection, which only ever
// sees the document name it is given.
import { useEffect, useMemo, useSyncExternalStore } from "react";
import { HocuspocusProvider } from "@hocuspocus/provider";
import { clearDocument, IndexeddbPersistence } from "y-indexeddb";
import { ReadingConnection, type ConnectionDeps, type ConnectionSnapshot } from "../annotations/reading-connection";

export type CollabDocument = ConnectionSnapshot<HocuspocusProvider> & {
  /** Hides the refusal message. */
  dismissRefusal: () => void;
};

function collabUrl(): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/collab`;
}

export const browserDeps: ConnectionDeps<HocuspocusProvider> = {
  createProvider: (name, document, callbacks) =>
    new HocuspocusProvider({
      url: collabUrl(),
      name,
      document,
      // The server reads the next-auth cookie; the provider only insists on sending some token.
      token: "session-cookie",
      onStatus: ({ status }) => callbacks.onStatus(status),
      onSynced: ({ state }) => {
        if (state) callbacks.onSynced();
      },
      onUnsyncedChanges: ({ number }) => callbacks.onUnsyncedChanges(number),
      onStateless: ({ payload }) => callbacks.onStateless(payload),
    }),
  openStore: (name, doc) => new IndexeddbPersistence(name, doc),
  clearStore: (name) => clearDocument(name),
  isOnline: () => navigator.onLine,
  watchOnline: (listener) => {
    const online = () => listener(true);
    const offline = () => listener(false);
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
    };
  },
  setTimer: (callback, ms) => window.setTimeout(callback, ms),
  clearTimer: (handle) => window.clearTimeout(handle as number),
};

/**
 * The live document called `name` (build it with lib/collab/document-name). Before the component
 * mounts (and during server rendering) `doc` is an empty placeholder and `provider`/`awareness` are
 * null; everything is created on mount and destroyed on unmount. After a refused change the whole
 * document is replaced, so always read `doc` from the latest return value.
 */
export function useCollabDocument(name: string): CollabDocument {
  const connection = useMemo(() => new ReadingConnection(name, browserDeps), [name]);
  useEffect(() => connection.start(), [connection]);
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot, connection.getSnapshot);
  return { ...snapshot, dismissRefusal: connection.dismissRefusal };
}

/**
 * Calls `listener` with every stateless message the server sends on this connection (refusals
 * included; ReadingConnection handles those itself). Re-subscribes when the provider is replaced.
 */
export function useStatelessMessages(provider: HocuspocusProvider | null, listener: (payload: string) => void): void {
  useEffect(() => {
    if (!provider) return;
    const onStateless = ({ payload }: { payload: string }) => listener(payload);
    provider.on("stateless", onStateless);
    return () => {
      provider.off("stateless", onStateless);
    };
  }, [provider, listener]);
}
