// What the connection badge says, derived from the few facts the provider and the browser report.

export type ConnectionStatus = "connecting" | "live" | "reconnecting" | "offline";
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
}

export function deriveStatus(facts: ConnectionFacts): ConnectionStatus {
  if (!facts.online) return "offline";
  if (facts.socket === "connected" && facts.synced) return "live";
  if (facts.downLong) return "offline";
  return facts.everLive ? "reconnecting" : "connecting";
}

export function statusLabel(status: ConnectionStatus, unsyncedChanges: number): string {
  switch (status) {
    case "live":
      return "Live";
    case "connecting":
      return "Connecting...";
    case "reconnecting":
      return "Reconnecting...";
    case "offline":
      return unsyncedChanges > 0 ? `Offline: ${unsyncedChanges} changes not saved yet` : "Offline";
  }
}
