import { describe, expect, it } from "vitest";
import { deriveStatus, statusLabel, type ConnectionFacts, type ConnectionStatus } from "./connection-state";

const base: ConnectionFacts = { online: true, socket: "connecting", synced: false, everLive: false, downLong: false };

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
  ])("%s with %i unsynced changes", (status, unsynced, expected) => {
    expect(statusLabel(status, unsynced)).toBe(expected);
  });
});
