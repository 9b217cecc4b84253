// The worker's tasks as plain functions (what to write for a projection, how a packed log folds), and the
// worker thread itself: it runs them, and a stopped worker is replaced on the next task.
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createComment, editComment, readingMaps, toggleReaction } from "./reading-doc.ts";
import { foldUpdates, planReadingProjection, planThreadProjection } from "./yjs-worker-tasks.ts";
import { runYjsTask, stopYjsWorker } from "./yjs-worker-pool.ts";

afterAll(async () => {
  await stopYjsWorker();
});

const AUTHOR = "user-1";
const digests = (plan: ReturnType<typeof planReadingProjection>) => {
  const lines: string[] = [];
  for (const statement of plan.comments.insert) {
    const ids = parseArray(statement.id);
    const hashes = parseArray(statement.hash);
    ids.forEach((id, index) => lines.push(`${id} ${hashes[index]}`));
  }
  return lines.join("\n");
};
/** Enough of the array literal syntax for ids and digests (no quotes or commas inside). */
const parseArray = (literal: string) => (literal === "{}" ? [] : literal.slice(1, -1).split(",").map((item) => item.replace(/^"|"$/g, "")));

describe("planReadingProjection", () => {
  it("writes every row the first time, nothing when nothing changed, and only what changed after", () => {
    const doc = new Y.Doc();
    const ids = Array.from({ length: 5 }, (_, index) => createComment(doc, { authorId: AUTHOR, highlightId: null, parentId: null, body: `comment ${index}` }));
    const first = planReadingProjection({ state: Y.encodeStateAsUpdate(doc), storedHighlights: "", storedComments: "" });
    expect(first.comments.inserts).toBe(5);
    expect(first.comments.removes).toBe(0);
    const stored = digests(first);

    const again = planReadingProjection({ state: Y.encodeStateAsUpdate(doc), storedHighlights: "", storedComments: stored });
    expect([again.comments.inserts, again.comments.removes]).toEqual([0, 0]);

    editComment(doc, ids[2]!, "changed");
    readingMaps(doc).comments.delete(ids[4]!);
    const added = createComment(doc, { authorId: AUTHOR, highlightId: null, parentId: null, body: "new" });
    const next = planReadingProjection({ state: Y.encodeStateAsUpdate(doc), storedHighlights: "", storedComments: stored });
    expect(parseArray(next.comments.insert[0]!.id).sort()).toEqual([ids[2]!, added].sort());
    expect(parseArray(next.comments.remove[0]!).sort()).toEqual([ids[2]!, ids[4]!].sort());
  });

  it("splits large writes into statements of at most 1,000 rows", () => {
    const doc = new Y.Doc();
    for (let index = 0; index < 2500; index++) createComment(doc, { authorId: AUTHOR, highlightId: null, parentId: null, body: `c${index}` });
    const plan = planReadingProjection({ state: Y.encodeStateAsUpdate(doc), storedHighlights: "", storedComments: "" });
    expect(plan.comments.insert.map((statement) => parseArray(statement.id).length)).toEqual([1000, 1000, 500]);
  });

  it("lists the mentions of live comments only", () => {
    const doc = new Y.Doc();
    createComment(doc, { authorId: AUTHOR, highlightId: null, parentId: null, body: "hi @bob and @carol" });
    createComment(doc, { authorId: AUTHOR, highlightId: null, parentId: null, body: "no one" });
    const plan = planReadingProjection({ state: Y.encodeStateAsUpdate(doc), storedHighlights: "", storedComments: "" });
    expect(plan.mentions.map((mention) => mention.handles)).toEqual([["bob", "carol"]]);
  });
});

describe("planThreadProjection with only some entries", () => {
  it("reads and compares just the named entries, counting their +1s", () => {
    const doc = new Y.Doc();
    const ids = Array.from({ length: 4 }, (_, index) => createComment(doc, { authorId: AUTHOR, highlightId: null, parentId: null, body: `comment ${index}` }));
    const stored = digests(planReadingProjection({ state: Y.encodeStateAsUpdate(doc), storedHighlights: "", storedComments: "" }));
    const storedOf = (id: string) => stored.split("\n").find((line) => line.startsWith(`${id} `))!;

    editComment(doc, ids[0]!, "changed");
    editComment(doc, ids[1]!, "also changed, but not named");
    toggleReaction(doc, ids[2]!, "user-2");
    readingMaps(doc).comments.delete(ids[3]!);
    const only = { highlights: new Set<string>(), comments: new Set([ids[0]!, ids[2]!, ids[3]!]) };
    const plan = planThreadProjection({ doc, storedHighlights: "", storedComments: [ids[0]!, ids[2]!, ids[3]!].map(storedOf).join("\n"), only });
    expect(parseArray(plan.comments.insert[0]!.id).sort()).toEqual([ids[0]!, ids[2]!].sort());
    expect(parseArray(plan.comments.insert[0]!.reactionCount)).toEqual(parseArray(plan.comments.insert[0]!.id).map((id) => (id === ids[2] ? "1" : "0")));
    expect(parseArray(plan.comments.remove[0]!).sort()).toEqual([ids[0]!, ids[2]!, ids[3]!].sort());
  });
});

describe("foldUpdates", () => {
  it("applies a packed log (4-byte big-endian length before each update) to the state", () => {
    const doc = new Y.Doc();
    const state = Y.encodeStateAsUpdate(doc);
    const updates: Uint8Array[] = [];
    for (let index = 0; index < 3; index++) {
      const before = Y.encodeStateVector(doc);
      doc.getMap("m").set(`k${index}`, index);
      updates.push(Y.encodeStateAsUpdate(doc, before));
    }
    const packed = new Uint8Array(updates.reduce((sum, update) => sum + 4 + update.byteLength, 0));
    let offset = 0;
    for (const update of updates) {
      new DataView(packed.buffer).setUint32(offset, update.byteLength);
      packed.set(update, offset + 4);
      offset += 4 + update.byteLength;
    }
    const folded = new Y.Doc();
    Y.applyUpdate(folded, foldUpdates({ state, packedUpdates: packed }));
    expect(folded.getMap("m").toJSON()).toEqual({ k0: 0, k1: 1, k2: 2 });
  });
});

describe("the worker thread", () => {
  it("runs a task, and starts again after being stopped", async () => {
    const doc = new Y.Doc();
    createComment(doc, { authorId: AUTHOR, highlightId: null, parentId: null, body: "in the worker" });
    const input = () => ({ state: Y.encodeStateAsUpdate(doc), storedHighlights: "", storedComments: "" });
    expect((await runYjsTask("planReadingProjection", input())).comments.inserts).toBe(1);
    await stopYjsWorker();
    expect((await runYjsTask("planReadingProjection", input())).comments.inserts).toBe(1);
  });

  it("rejects a task that fails, with its message, and keeps serving", async () => {
    await expect(runYjsTask("foldUpdates", { state: new Uint8Array([255, 255, 255]), packedUpdates: new Uint8Array() })).rejects.toThrow();
    expect((await runYjsTask("foldUpdates", { state: Y.encodeStateAsUpdate(new Y.Doc()), packedUpdates: new Uint8Array() })).byteLength).toBeGreaterThan(0);
  });
});
