// Route handlers (bundled by Next into the same process) reach the running collaboration server here,
// to apply server-side changes to live documents (restoring a revision, quoting a highlight) and to
// nudge connected clients, and to close the sockets an account change concerns. A process-wide slot, since
// Next loads its own copy of this module.
import type * as Y from "yjs";

/** Why sockets are closed: the session no longer signs in, or what the user may open or write changed. */
export type AccountChange = "session-ended" | "access-changed";

export interface LiveDocuments {
  /** Applies a durable, already-logged update to the live copy, if the document is loaded. */
  applyUpdate(documentName: string, update: Uint8Array): Promise<void>;
  /** Sends a stateless message to every connection on the document. */
  broadcast(documentName: string, payload: string): void;
  /** Asks for a compaction of the document's log soon. */
  scheduleCompaction(documentName: string): void;
  /** Closes every open websocket of this user, on every instance; each reconnects and is authenticated and authorized again. */
  closeUserConnections(userId: string, change: AccountChange): Promise<void>;
  /** Closes the websockets on which members of these teams have one of these documents open (a session's teams changed). */
  closeTeamConnections(teamIds: string[], documentNames: string[], change: AccountChange): Promise<void>;
  /** Closes every websocket that has one of these documents open (an archived reading). */
  closeDocumentConnections(documentNames: string[], change: AccountChange): Promise<void>;
}

const SLOT = Symbol.for("marginalia.live-documents");

export function registerLiveDocuments(live: LiveDocuments | null): void {
  (globalThis as Record<symbol, unknown>)[SLOT] = live;
}

export function liveDocuments(): LiveDocuments | null {
  return ((globalThis as Record<symbol, unknown>)[SLOT] as LiveDocuments | undefined) ?? null;
}

export type { Y };
