import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createDraftPassage } from "@/lib/collab/draft-threads-doc";
import { createComment, toggleReaction } from "@/lib/collab/reading-doc";
import { describeDraftThreadsChange } from "./draft-threads-connection";

const target = { exact: "adapters", from: "AQID", to: "BAUG" };

function updateOf(change: (doc: Y.Doc) => void, doc = new Y.Doc()): Uint8Array {
  const before = Y.encodeStateVector(doc);
  change(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

describe("describeDraftThreadsChange", () => {
  it.each([
    ["a passage with its first comment", (doc: Y.Doc) => void createDraftPassage(doc, { authorId: "u1", target, firstComment: "Why?" }), "comment on a passage"],
    ["a comment on the whole draft", (doc: Y.Doc) => void createComment(doc, { authorId: "u1", highlightId: null, parentId: null, body: "Nice" }), "comment"],
    ["a +1", (doc: Y.Doc) => toggleReaction(doc, "commentid01", "u1"), "+1"],
  ])("names %s", (_case, change, noun) => {
    expect(describeDraftThreadsChange(updateOf(change))).toBe(noun);
  });
});
