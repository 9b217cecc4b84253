import { describe, expect, it } from "vitest";
import { fallbackColor, initials, presentUsers, readPeers, type Peer } from "./awareness-peers";

const alice = { id: "u-alice", name: "Alice Moreau", color: "#123456" };
const bob = { id: "u-bob", name: "Bob Tanaka", color: "#abc" };

describe("readPeers", () => {
  it.each<[string, Record<string, unknown>, Peer | null]>([
    ["a full state", { user: alice, selection: { start: 2, end: 9 } }, { clientId: 2, user: alice, selection: { start: 2, end: 9 } }],
    ["no selection; a short colour is spelled out", { user: bob }, { clientId: 2, user: { ...bob, color: "#aabbcc" }, selection: null }],
    ["an empty selection is dropped", { user: alice, selection: { start: 4, end: 4 } }, { clientId: 2, user: alice, selection: null }],
    ["a malformed selection is dropped", { user: alice, selection: { start: "0", end: 5 } }, { clientId: 2, user: alice, selection: null }],
    [
      "an unsafe colour is replaced",
      { user: { ...alice, color: "red; background: url(x)" } },
      { clientId: 2, user: { ...alice, color: fallbackColor(alice.id) }, selection: null },
    ],
    ["no user: ignored, never guessed", { selection: { start: 1, end: 2 } }, null],
    ["a user without a name: ignored", { user: { id: "x" } }, null],
    ["a user of the wrong type: ignored", { user: "Alice" }, null],
  ])("%s", (_name, state, expected) => {
    expect(readPeers(new Map([[2, state]]), 1)).toEqual(expected ? [expected] : []);
  });

  it("leaves out our own client", () => {
    expect(readPeers(new Map([[1, { user: alice }]]), 1)).toEqual([]);
  });
});

describe("presentUsers", () => {
  const peer = (clientId: number, user: typeof alice): Peer => ({ clientId, user, selection: null });

  it("dedupes by user id and sorts by name", () => {
    expect(presentUsers([peer(3, bob), peer(4, alice), peer(5, bob)]).map((user) => user.name)).toEqual(["Alice Moreau", "Bob Tanaka"]);
  });

  it("includes the signed-in user once, even when the server also lists them", () => {
    const users = presentUsers([peer(3, bob), peer(4, alice)], { id: alice.id, name: alice.name });
    expect(users.map((user) => user.id)).toEqual([alice.id, bob.id]);
  });
});

describe("initials", () => {
  it.each<[string, string]>([
    ["Alice Moreau", "AM"],
    ["alice", "A"],
    ["Ana María López", "AL"],
    ["  Zoë  ", "Z"],
    ["Émile Zola", "ÉZ"],
    ["", "?"],
  ])("%j -> %s", (name, expected) => {
    expect(initials(name)).toBe(expected);
  });

  it("gives everyone a stable palette colour", () => {
    expect(fallbackColor("u-1")).toBe(fallbackColor("u-1"));
    expect(fallbackColor("u-1")).toMatch(/^#[0-9a-f]{6}$/);
  });
});
