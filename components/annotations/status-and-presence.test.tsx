import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Peer } from "./awareness-peers";
import { ConnectionStatus } from "./connection-status";
import { PresenceAvatars } from "./presence-avatars";

const visible = (markup: string) => markup.replace(/<[^>]*>/g, "");

describe("ConnectionStatus", () => {
  it.each<[Parameters<typeof ConnectionStatus>[0]["status"], number, string]>([
    ["connecting", 0, "Connecting..."],
    ["live", 0, "Live"],
    ["reconnecting", 1, "Reconnecting..."],
    ["offline", 0, "Offline"],
    ["offline", 3, "Offline: 3 changes not saved yet"],
  ])("%s with %i unsynced reads exactly %j in a status region", (status, unsynced, text) => {
    const markup = renderToStaticMarkup(<ConnectionStatus status={status} unsyncedChanges={unsynced} />);
    expect(markup).toMatch(/^<p role="status"/);
    expect(visible(markup)).toBe(text);
    expect(markup).toContain('aria-hidden="true"');
  });
});

describe("PresenceAvatars", () => {
  const peer = (clientId: number, id: string, name: string): Peer => ({ clientId, user: { id, name, color: "#123456" }, selection: null });

  it("lists everyone once, by name, in its accessible label", () => {
    const markup = renderToStaticMarkup(
      <PresenceAvatars peers={[peer(3, "u-bob", "Bob Tanaka"), peer(4, "u-bob", "Bob Tanaka")]} self={{ id: "u-alice", name: "Alice Moreau" }} />,
    );
    expect(markup).toContain('aria-label="On this paper now: Alice Moreau, Bob Tanaka"');
    expect(markup.match(/<li /g)).toHaveLength(2);
    expect(markup).toContain(">AM<");
    expect(markup).toContain(">BT<");
    expect(markup).toContain("background-color:#123456");
  });

  it("collapses the overflow into +N", () => {
    const peers = ["Ann", "Ben", "Cat", "Dan"].map((name, index) => peer(index + 2, `u-${name}`, name));
    const markup = renderToStaticMarkup(<PresenceAvatars peers={peers} max={2} />);
    expect(markup.match(/<li /g)).toHaveLength(3);
    expect(visible(markup)).toContain("+2and 2 more");
  });

  it("renders nothing when nobody is known to be here", () => {
    expect(renderToStaticMarkup(<PresenceAvatars peers={[]} />)).toBe("");
  });
});
