// What the connection badge says, derived from the few facts the provider and the browser report, and
// from whether the session still signs in when the socket is down (asked by session-probe.ts).

export type ConnectionStatus = "connecting" | "live" | "reconnecting" | "offline" | "signed-out" | "gone";
export type SocketState = "connecting" | "connected" | "disconnected";

/** How long the socket may be down before we stop saying "Reconnecting" and admit we are offline. */
export const OFFLINE_AFTER_MS = 5_000;

export interface ConnectionFacts {
  /** navigator.onLine */
  online: boolean;
  socket: SocketState;
  /** The provider finished its handshake with the server since the socket last opened. */
  synced: boolean;
  /** We have been live at least once since the document was created. */
  everLive: boolean;
  /** Not live for longer than OFFLINE_AFTER_MS. */
  downLong: boolean;
  /** The server refused the document as not existing (archived while open): no reconnect will bring it back. */
  gone: boolean;
}

export function deriveStatus(facts: ConnectionFacts): ConnectionStatus {
  if (facts.gone) return "gone";
  if (!facts.online) return "offline";
  if (facts.socket === "connected" && facts.synced) return "live";
  if (facts.downLong) return "offline";
  return facts.everLive ? "reconnecting" : "connecting";
}

/** `noun` names the document in the one status that speaks of it ("This reading is no longer available"). */
export function statusLabel(status: ConnectionStatus, unsyncedChanges: number, noun = "reading"): string {
  switch (status) {
    case "live":
      return "Live";
    case "connecting":
      return "Connecting...";
    case "reconnecting":
      return "Reconnecting...";
    case "offline":
      return unsyncedChanges > 0 ? `Offline: ${unsyncedChanges} changes not saved yet` : "Offline";
    case "signed-out":
      return "Your session ended; sign in again";
    case "gone":
      return `This ${noun} is no longer available`;
  }
}

/** How often to ask again while the socket stays down and the session was not found ended. */
export const SESSION_RECHECK_MS = 15_000;

export type SessionProbe = "signed-in" | "signed-out" | "unknown";

/** Worth asking about the session: the socket is down after having been up, or has not come up in time. */
export function shouldProbeSession(status: ConnectionStatus): boolean {
  return status === "reconnecting" || status === "offline";
}

/** A session known to have ended outranks "Reconnecting" or "Offline"; a live socket outranks everything. */
export function withSession(status: ConnectionStatus, session: SessionProbe): ConnectionStatus {
  return session === "signed-out" && status !== "live" ? "signed-out" : status;
}
