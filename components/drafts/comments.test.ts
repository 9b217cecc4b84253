import { describe, expect, it } from "vitest";
import { buildThreads, commentListSchema, isCommentsChanged, MAX_QUOTE_LENGTH, quoteOf, type DraftComment } from "./comments";

const comment = (id: string, minute: number, extra: Partial<DraftComment> = {}): DraftComment => ({
  id,
  parentId: null,
  authorId: "u1",
  authorName: "Ada",
  body: `body ${id}`,
  anchorFrom: null,
  anchorTo: null,
  quote: null,
  createdAt: new Date(Date.UTC(2025, 0, 1, 10, minute)).toISOString(),
  resolvedAt: null,
  resolvedBy: null,
  ...extra,
});

describe("buildThreads", () => {
  const cases: Array<{ name: string; comments: DraftComment[]; expected: Array<[string, string[], boolean]> }> = [
    { name: "nothing", comments: [], expected: [] },
    {
      name: "roots oldest first with their replies",
      comments: [comment("b", 5), comment("a", 1), comment("r2", 9, { parentId: "a" }), comment("r1", 3, { parentId: "a" })],
      expected: [
        ["a", ["r1", "r2"], false],
        ["b", [], false],
      ],
    },
    {
      name: "resolved threads after open ones",
      comments: [comment("a", 1, { resolvedAt: "2025-01-02T00:00:00.000Z" }), comment("b", 5)],
      expected: [
        ["b", [], false],
        ["a", [], true],
      ],
    },
    { name: "orphan reply becomes a thread", comments: [comment("r", 2, { parentId: "gone" })], expected: [["r", [], false]] },
    {
      name: "reply to a reply joins the root's thread",
      comments: [comment("a", 1), comment("r1", 2, { parentId: "a" }), comment("r2", 3, { parentId: "r1" })],
      expected: [["a", ["r1", "r2"], false]],
    },
    { name: "self-parented comment is a root", comments: [comment("a", 1, { parentId: "a" })], expected: [["a", [], false]] },
  ];
  it.each(cases)("$name", ({ comments, expected }) => {
    expect(buildThreads(comments).map((thread) => [thread.root.id, thread.replies.map((reply) => reply.id), thread.resolved])).toEqual(expected);
  });

  it.each([
    [{ anchorFrom: "AQ==", anchorTo: "Ag==" }, true],
    [{ anchorFrom: "AQ==", anchorTo: null }, false],
    [{}, false],
  ])("anchored %j -> %s", (anchors, anchored) => {
    expect(buildThreads([comment("a", 1, anchors)])[0]!.anchored).toBe(anchored);
  });
});

describe("isCommentsChanged", () => {
  it.each([
    ['{"type":"draft-comments-changed"}', true],
    ['{"type":"draft-comments-changed","draftId":"x"}', true],
    ['{"type":"refused","reason":"no"}', false],
    ["draft-comments-changed", false],
    ["", false],
    ["null", false],
  ])("%s -> %s", (payload, expected) => {
    expect(isCommentsChanged(payload)).toBe(expected);
  });
});

describe("commentListSchema", () => {
  it("accepts the documented shape and tolerates missing optional fields", () => {
    const parsed = commentListSchema.parse({
      comments: [
        { id: "c1", parentId: null, authorId: "u", authorName: "Ada", body: "hi", anchorFrom: "AQ==", anchorTo: "Ag==", quote: "x", createdAt: "2025-01-01T00:00:00Z", resolvedAt: null, resolvedBy: null },
        { id: "c2", authorId: "u", body: "whole draft", createdAt: "2025-01-01T00:00:00Z" },
      ],
    });
    expect(parsed.comments[1]).toMatchObject({ id: "c2", parentId: null, anchorFrom: null, anchorTo: null, quote: null, resolvedAt: null });
  });

  it("rejects a response without comments", () => {
    expect(commentListSchema.safeParse({ error: {} }).success).toBe(false);
  });
});

describe("quoteOf", () => {
  it.each([
    ["plain text", "plain", "plain"],
    ["whitespace runs", "  two\n\nlines  ", "two lines"],
    ["exactly the limit", "a".repeat(MAX_QUOTE_LENGTH), "a".repeat(MAX_QUOTE_LENGTH)],
    ["over the limit", "a".repeat(MAX_QUOTE_LENGTH + 5), `${"a".repeat(MAX_QUOTE_LENGTH - 1)}…`],
  ])("%s", (_name, input, expected) => {
    expect(quoteOf(input)).toBe(expected);
  });
});
