import { describe, expect, it } from "vitest";
import type { Comment } from "@/lib/collab/reading-doc";
import { isNewComment, nextNewComment } from "./news";

const comment = (fields: Partial<Comment>): Comment => ({
  id: "comment-1",
  highlightId: null,
  parentId: null,
  authorId: "bob",
  body: "hi",
  createdAt: 2000,
  editedAt: null,
  resolvedAt: null,
  resolvedBy: null,
  deleted: false,
  ...fields,
});

describe("isNewComment", () => {
  it.each<[string, Parameters<typeof isNewComment>[0], boolean]>([
    ["someone else's after the last visit", comment({}), true],
    ["one's own", comment({ authorId: "alice" }), false],
    ["from before the last visit", comment({ createdAt: 1000 }), false],
    ["exactly at the last visit", comment({ createdAt: 1500 }), false],
    ["deleted", comment({ deleted: true }), false],
    ["unreadable", { root: "comments", id: "x", unreadable: true, highlightId: null, parentId: null }, false],
  ])("%s -> %s", (_name, candidate, expected) => {
    expect(isNewComment(candidate, "alice", 1500)).toBe(expected);
  });

  it("everything by others is new to someone who never opened the page", () => {
    expect(isNewComment(comment({ createdAt: 0 }), "alice", Number.NEGATIVE_INFINITY)).toBe(true);
  });
});

describe("nextNewComment", () => {
  it("walks in page order and wraps around", () => {
    expect(nextNewComment(["a", "b", "c"], null)).toBe("a");
    expect(nextNewComment(["a", "b", "c"], "a")).toBe("b");
    expect(nextNewComment(["a", "b", "c"], "c")).toBe("a");
    expect(nextNewComment(["a", "b", "c"], "gone")).toBe("a");
    expect(nextNewComment([], "a")).toBeNull();
  });
});
