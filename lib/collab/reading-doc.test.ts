import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createComment, createHighlight, readCommentEntries, readComments, readHighlightEntries, readHighlights, readingMaps, readReactionEntries, readReadingEntries, toggleReaction } from "./reading-doc.ts";

const target = { exact: "efficient finetuning approach", prefix: "We present QLoRA, an ", suffix: " that reduces memory", start: 21, end: 50 };
const ID = "c0ffee00c0ffee00";

/** Values that may already sit in stored documents: older writers, or clients from before every field was checked. */
const HOSTILE: Array<[string, () => unknown]> = [
  ["undefined", () => undefined],
  ["BigInt", () => 10n ** 30n],
  ["NaN", () => Number.NaN],
  ["Infinity", () => Number.POSITIVE_INFINITY],
  ["a negative number", () => -1],
  ["a far-future timestamp", () => 8.64e15 + 1],
  ["an object", () => ({ evil: true, toString: "x" })],
  ["an array", () => ["a", "b"]],
  ["bytes", () => new Uint8Array([1, 2, 3])],
  ["a nested Y.Map", () => new Y.Map()],
  ["a nested Y.Text", () => new Y.Text("looks like a string")],
  ["a nested Y.Array", () => Y.Array.from([1])],
  ["a string 100,001 characters long", () => "x".repeat(100_001)],
  ["a boolean", () => true],
];

const COMMENT_FIELDS = ["id", "highlightId", "parentId", "authorId", "body", "createdAt", "editedAt", "resolvedAt", "resolvedBy", "deleted"];
const HIGHLIGHT_FIELDS = ["id", "authorId", "kind", "target", "createdAt"];

/** Whether `value` is an acceptable value of `field` anyway (a boolean for deleted, a short string for the body). */
function acceptable(field: string, name: string): boolean {
  return field === "deleted" && name === "a boolean";
}

function docWithComments(): { doc: Y.Doc; good: string; bad: string } {
  const doc = new Y.Doc();
  const good = createComment(doc, { authorId: "u1", highlightId: null, parentId: null, body: "fine" });
  const bad = createComment(doc, { authorId: "u1", highlightId: null, parentId: good, body: "soon broken" });
  return { doc, good, bad };
}

describe("readers never throw on stored data", () => {
  describe.each(COMMENT_FIELDS)("comment field %s", (field) => {
    it.each(HOSTILE.filter(([name]) => !acceptable(field, name)))("%s: reported unreadable, the other comment still read", (_name, make) => {
      const { doc, good, bad } = docWithComments();
      readingMaps(doc).comments.get(bad)!.set(field, make());
      const read = readCommentEntries(doc);
      expect(read.comments.map((comment) => comment.id)).toEqual([good]);
      expect(read.unreadable).toEqual([{ root: "comments", id: bad, unreadable: true, highlightId: null, parentId: field === "parentId" ? null : good }]);
      expect(readComments(doc).map((comment) => comment.id)).toEqual([good]);
    });
  });

  describe.each(HIGHLIGHT_FIELDS)("highlight field %s", (field) => {
    it.each(HOSTILE)("%s: reported unreadable, the other highlight still read", (_name, make) => {
      const doc = new Y.Doc();
      const { highlightId: good } = createHighlight(doc, { authorId: "u1", kind: "note", target });
      const { highlightId: bad } = createHighlight(doc, { authorId: "u1", kind: "note", target });
      readingMaps(doc).highlights.get(bad)!.set(field, make());
      const read = readHighlightEntries(doc);
      expect(read.highlights.map((highlight) => highlight.id)).toEqual([good]);
      expect(read.unreadable).toEqual([{ root: "highlights", id: bad, unreadable: true, highlightId: null, parentId: null }]);
      expect(readHighlights(doc)).toHaveLength(1);
    });
  });

  it.each(HOSTILE)("a whole entry that is %s is reported unreadable", (_name, make) => {
    const doc = new Y.Doc();
    const good = createComment(doc, { authorId: "u1", highlightId: null, parentId: null, body: "fine" });
    readingMaps(doc).comments.set(ID, make() as Y.Map<unknown>);
    readingMaps(doc).highlights.set(ID, make() as Y.Map<unknown>);
    const read = readReadingEntries(doc);
    expect(read.comments.map((comment) => comment.id)).toEqual([good]);
    expect(read.unreadable.map((entry) => [entry.root, entry.id])).toEqual([
      ["highlights", ID],
      ["comments", ID],
    ]);
  });

  it("an entry stored under a key other than its id is unreadable (edits would land elsewhere)", () => {
    const { doc, good } = docWithComments();
    const copy = new Y.Map<unknown>();
    for (const [key, value] of readingMaps(doc).comments.get(good)!.entries()) copy.set(key, value);
    readingMaps(doc).comments.set(ID, copy);
    expect(readCommentEntries(doc).unreadable.map((entry) => entry.id)).toEqual([ID]);
  });

  it("an extra field from another version makes the entry unreadable, not the page", () => {
    const { doc, bad } = docWithComments();
    readingMaps(doc).comments.get(bad)!.set("colour", "red");
    expect(readCommentEntries(doc).unreadable.map((entry) => entry.id)).toEqual([bad]);
  });

  it.each<[string, string, unknown]>([
    ["a value other than true", `${ID}|u2`, 1],
    ["a key without a user", `${ID}|`, true],
    ["a key with three parts", `${ID}|u2|u3`, true],
    ["a key without a separator", ID, true],
    ["a nested type", `${ID}|u2`, new Y.Map()],
    ["BigInt", `${ID}|u2`, 1n],
  ])("a +1 with %s is reported unreadable and not counted", (_name, key, value) => {
    const doc = new Y.Doc();
    toggleReaction(doc, ID, "u1");
    readingMaps(doc).reactions.set(key, value as true);
    const read = readReactionEntries(doc);
    expect(read.reactions.get(ID)).toEqual(["u1"]);
    expect(read.unreadable).toEqual([{ root: "reactions", id: key, unreadable: true, highlightId: null, parentId: null }]);
  });

  it("a root stored as another type is read as empty, never thrown on", () => {
    const doc = new Y.Doc();
    doc.getArray("comments").push(["not a map"]);
    expect(() => readReadingEntries(doc)).not.toThrow();
    const read = readReadingEntries(doc);
    expect(read.comments).toEqual([]);
    expect(read.unreadable).toEqual([{ root: "comments", id: "", unreadable: true, highlightId: null, parentId: null }]);
  });
});
