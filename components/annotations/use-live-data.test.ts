import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { describeTextRange } from "@/lib/anchoring";
import { createComment, createHighlight, deleteHighlight, readHighlights, setHighlightKind, toggleReaction } from "@/lib/collab/reading-doc";
import { readingDataStore } from "./use-live-data";

const ABSTRACT = "We present QLoRA, an efficient finetuning approach that reduces memory usage enough to finetune a 65B parameter model.";

function highlight(doc: Y.Doc, passage: string): string {
  const start = ABSTRACT.indexOf(passage);
  return createHighlight(doc, { authorId: "u-alice", kind: "note", target: describeTextRange(ABSTRACT, start, start + passage.length) }).highlightId;
}

function subscribed(doc: Y.Doc) {
  const store = readingDataStore(doc);
  let notified = 0;
  const unsubscribe = store.subscribe(() => notified++);
  return { store, notifications: () => notified, unsubscribe };
}

describe("readingDataStore", () => {
  it("keeps the same highlights array through updates that touch only comments and reactions", () => {
    const doc = new Y.Doc();
    const highlightId = highlight(doc, "QLoRA");
    const { store, notifications } = subscribed(doc);
    const before = store.getSnapshot();

    const commentId = createComment(doc, { authorId: "u-bob", highlightId, parentId: null, body: "Why 4-bit?" });
    toggleReaction(doc, commentId, "u-alice");

    const after = store.getSnapshot();
    expect(notifications()).toBe(3); // the catch-up on subscribing, then one per update
    expect(after.highlights).toBe(before.highlights);
    expect(after.comments.map((comment) => comment.body)).toEqual(["Why 4-bit?"]);
    expect(after.reactions.get(commentId)).toEqual(["u-alice"]);
  });

  it.each<[string, (doc: Y.Doc, highlightId: string) => void, number]>([
    ["a new highlight", (doc) => highlight(doc, "65B parameter model"), 2],
    ["a kind changed", (doc, highlightId) => setHighlightKind(doc, highlightId, "question"), 1],
    ["a highlight deleted", (doc, highlightId) => deleteHighlight(doc, highlightId), 0],
  ])("re-reads the highlights after %s, and leaves comments as they were", (_name, change, count) => {
    const doc = new Y.Doc();
    const highlightId = highlight(doc, "QLoRA");
    createComment(doc, { authorId: "u-bob", highlightId: null, parentId: null, body: "On the whole paper" });
    const { store } = subscribed(doc);
    const before = store.getSnapshot();

    change(doc, highlightId);

    const after = store.getSnapshot();
    expect(after.highlights).not.toBe(before.highlights);
    expect(after.highlights).toEqual(readHighlights(doc));
    expect(after.highlights).toHaveLength(count);
    expect(after.comments).toBe(before.comments);
  });

  it("sees a remote update that adds a highlight, as a provider applies it", () => {
    const doc = new Y.Doc();
    const remote = new Y.Doc();
    const { store } = subscribed(doc);
    highlight(remote, "memory usage");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
    expect(store.getSnapshot().highlights.map((entry) => entry.target.exact)).toEqual(["memory usage"]);
  });

  it("catches up on subscribing with what was applied before, and stops listening after unsubscribing", () => {
    const doc = new Y.Doc();
    const { store, notifications, unsubscribe } = (() => {
      const early = readingDataStore(doc);
      highlight(doc, "QLoRA");
      let notified = 0;
      return { store: early, unsubscribe: early.subscribe(() => notified++), notifications: () => notified };
    })();
    expect(store.getSnapshot().highlights).toHaveLength(1);
    unsubscribe();
    highlight(doc, "memory usage");
    expect(notifications()).toBe(1);
    expect(store.getSnapshot().highlights).toHaveLength(1);
  });
});
