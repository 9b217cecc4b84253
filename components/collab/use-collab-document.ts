"use client";
// React binding for a live document of any kind (a reading, a draft) with the real browser pieces:
// Hocuspocus over ws(s)://<this host>/collab (authenticated by the session cookie the browser sends
// on the upgrade) and an IndexedDB copy under the same document name, so offline edits survive a
// reload. The connection logic itself (status, refusals, the outbox of unsaved changes) is
// ReadingConnection, which only ever sees the document name it is given.
import { useEffect, useMemo, useSyncExternalStore } from "react";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { clearDocument, IndexeddbPersistence } from "y-indexeddb";
import { ReadingConnection, type ConnectionDeps, type ConnectionOptions, type ConnectionSnapshot, type LocalStore } from "../annotations/reading-connection";
import { createCollabProvider } from "./collab-provider";
import { decodeOutbox, encodeOutbox } from "./outbox";

export type CollabDocument = ConnectionSnapshot<HocuspocusProvider> & {
  /** Hides the refusal message. */
  dismissRefusal: () => void;
};

function collabUrl(): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/collab`;
}

const OUTBOX_KEY = "outbox";

/** The IndexedDB copy, with the outbox in the same database (y-indexeddb's key-value store beside the updates). */
function indexedDbStore(name: string, doc: Parameters<ConnectionDeps<HocuspocusProvider>["openStore"]>[1]): LocalStore {
  const persistence = new IndexeddbPersistence(name, doc);
  return {
    origin: persistence,
    whenLoaded: persistence.whenSynced,
    destroy: () => persistence.destroy(),
    loadOutbox: async () => decodeOutbox(await persistence.get(OUTBOX_KEY)),
    saveOutbox: async (updates) => {
      await persistence.set(OUTBOX_KEY, encodeOutbox(updates));
    },
  };
}

export const browserDeps: ConnectionDeps<HocuspocusProvider> = {
  createProvider: (name, document, callbacks) => createCollabProvider({ url: collabUrl(), name, document, callbacks }),
  openStore: indexedDbStore,
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
 * null; everything is created on mount and destroyed on unmount. After a refused change the
 * document is rebuilt (the server's state plus every other unsaved change), so always read `doc`
 * from the latest return value.
 */
export function useCollabDocument(name: string, options?: ConnectionOptions): CollabDocument {
  // Options are fixed per document kind; a new object each render must not reconnect.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const connection = useMemo(() => new ReadingConnection(name, browserDeps, options), [name]);
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
