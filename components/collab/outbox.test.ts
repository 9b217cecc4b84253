import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { appliesCleanly, coveredBy, decodeOutbox, encodeOutbox, readServerSync, touchesRefusal, updateRanges } from "./outbox";

/** A document whose every transaction's update is kept, each under a client of its own (as the outbox makes them). */
function recorder() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => {
    updates.push(update);
    doc.clientID = updates.length + 1000;
  });
  return { doc, updates };
}

describe("appliesCleanly", () => {
  it("is true for an independent change and false for one built on a missing change", () => {
    const { doc, updates } = recorder();
    const comments = doc.getMap<Y.Map<unknown>>("comments");
    const entry = new Y.Map<unknown>();
    doc.transact(() => comments.set("a", entry));
    doc.transact(() => entry.set("body", "edited"));
    doc.transact(() => comments.set("b", new Y.Map()));
    doc.transact(() => comments.delete("a"));
    const [created, edited, independent, deleted] = updates as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    const fresh = new Y.Doc();
    expect(appliesCleanly(fresh, independent)).toBe(true);
    expect(appliesCleanly(fresh, edited)).toBe(false);
    expect(appliesCleanly(fresh, deleted)).toBe(false);
    Y.applyUpdate(fresh, created);
    expect(appliesCleanly(fresh, edited)).toBe(true);
    // Removing the entry also deletes its edited field: it builds on the edit too.
    expect(appliesCleanly(fresh, deleted)).toBe(false);
    Y.applyUpdate(fresh, edited);
    expect(appliesCleanly(fresh, deleted)).toBe(true);
    Y.applyUpdate(fresh, deleted);
    expect(fresh.store.pendingStructs).toBeNull();
    expect(fresh.store.pendingDs).toBeNull();
  });

  it("is false for a gap in one client's clock (an earlier change of the same client is missing)", () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    doc.getMap("comments").set("a", 1);
    doc.getMap("comments").set("b", 2);
    expect(appliesCleanly(new Y.Doc(), updates[1]!)).toBe(false);
    expect(appliesCleanly(new Y.Doc(), updates[0]!)).toBe(true);
  });
});

describe("coveredBy and touchesRefusal", () => {
  it("a change is covered once the server's state vector and delete set hold it", () => {
    const { doc, updates } = recorder();
    doc.getMap("reactions").set("x|u", true);
    doc.getMap("reactions").delete("x|u");
    const server = new Y.Doc();
    const state = () => {
      const update = Y.encodeStateAsUpdate(server);
      return { stateVector: Y.decodeStateVector(Y.encodeStateVector(server)), deleteSet: Y.decodeUpdate(update).ds };
    };
    expect(coveredBy(updates[0]!, state())).toBe(false);
    Y.applyUpdate(server, updates[0]!);
    expect(coveredBy(updates[0]!, state())).toBe(true);
    expect(coveredBy(updates[1]!, state())).toBe(false);
    Y.applyUpdate(server, updates[1]!);
    expect(coveredBy(updates[1]!, state())).toBe(true);
  });

  it("matches a refusal to the one update whose items it names", () => {
    const { doc, updates } = recorder();
    doc.getMap("comments").set("a", 1);
    doc.getMap("comments").set("b", 2);
    const refusal = { reason: "no", ...updateRanges(updates[1]!) };
    expect(updates.map((update) => touchesRefusal(update, refusal))).toEqual([false, true]);
  });
});

describe("outbox encoding and server messages", () => {
  it("round-trips the outbox and reads anything else as empty", () => {
    const updates = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(70_000).fill(7)];
    expect(decodeOutbox(encodeOutbox(updates))).toEqual(updates);
    for (const junk of [undefined, "x", [1], new Uint8Array([5, 1]), new ArrayBuffer(0)]) expect(decodeOutbox(junk)).toEqual([]);
  });

  it("ignores messages that are not sync steps", () => {
    expect(readServerSync(new Uint8Array([1, 97, 1, 0]))).toBeNull();
    expect(readServerSync(new Uint8Array([255, 255]))).toBeNull();
  });
});
