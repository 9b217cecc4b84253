import { describe, expect, it } from "vitest";
import {
  deriveStatus,
  shouldProbeSession,
  statusLabel,
  withSession,
  type ConnectionFacts,
  type ConnectionStatus,
  type SessionProbe,
} from "./connection-state";

const base: ConnectionFacts = { online: true, socket: "connecting", synced: false, everLive: false, downLong: false, gone: false };

describe("deriveStatus", () => {
  it.each<[string, Partial<ConnectionFacts>, ConnectionStatus]>([
    ["first connection attempt", {}, "connecting"],
    ["socket open, handshake not done", { socket: "connected" }, "connecting"],
    ["connected and synced", { socket: "connected", synced: true }, "live"],
    ["dropped after being live", { socket: "disconnected", everLive: true }, "reconnecting"],
    ["reopened after a drop, not synced yet", { socket: "connected", everLive: true }, "reconnecting"],
    ["down for longer than the grace period", { socket: "disconnected", everLive: true, downLong: true }, "offline"],
    ["never reached the server in time", { socket: "connecting", downLong: true }, "offline"],
    ["browser says offline, even if the socket looks fine", { online: false, socket: "connected", synced: true }, "offline"],
    ["refused as no longer existing, after being live", { socket: "disconnected", everLive: true, downLong: true, gone: true }, "gone"],
    ["refused as no longer existing, browser offline too", { online: false, socket: "disconnected", gone: true }, "gone"],
  ])("%s", (_name, facts, expected) => {
    expect(deriveStatus({ ...base, ...facts })).toBe(expected);
  });
});

describe("statusLabel", () => {
  it.each<[ConnectionStatus, number, string]>([
    ["live", 0, "Live"],
    ["live", 3, "Live"],
    ["connecting", 0, "Connecting..."],
    ["reconnecting", 2, "Reconnecting..."],
    ["offline", 0, "Offline"],
    ["offline", 1, "Offline: 1 changes not saved yet"],
    ["offline", 12, "Offline: 12 changes not saved yet"],
    ["gone", 0, "This reading is no longer available"],
  ])("%s with %i unsynced changes", (status, unsynced, expected) => {
    expect(statusLabel(status, unsynced)).toBe(expected);
  });
});

it("names the document the page shows when it is gone", () => {
  expect(statusLabel("gone", 3, "draft")).toBe("This draft is no longer available");
});

describe("the session behind a dropped socket", () => {
  it('says so when it ended: "Your session ended; sign in again"', () => {
    expect(statusLabel("signed-out", 4)).toBe("Your session ended; sign in again");
  });

  it.each<[ConnectionStatus, SessionProbe, ConnectionStatus]>([
    ["reconnecting", "signed-out", "signed-out"],
    ["offline", "signed-out", "signed-out"],
    ["live", "signed-out", "live"],
    ["reconnecting", "signed-in", "reconnecting"],
    ["offline", "unknown", "offline"],
    ["gone", "signed-in", "gone"],
  ])("%s with the session %s shows %s", (status, session, expected) => {
    expect(withSession(status, session)).toBe(expected);
  });

  it.each<[ConnectionStatus, boolean]>([
    ["reconnecting", true],
    ["offline", true],
    ["live", false],
    ["connecting", false],
    ["gone", false],
  ])("asks about the session when %s: %s", (status, expected) => {
    expect(shouldProbeSession(status)).toBe(expected);
  });
});
