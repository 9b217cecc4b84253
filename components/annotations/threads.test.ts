import { describe, expect, it } from "vitest";
import { describeTextRange } from "@/lib/anchoring";
import type { Comment, Highlight } from "@/lib/collab/reading-doc";
import { anchorHighlights, buildThreads, visibleComments } from "./threads";

const ABSTRACT = "We present QLoRA, an efficient finetuning approach. It uses 4-bit NormalFloat.";

function highlight(id: string, quote: string, createdAt = 1, text = ABSTRACT): Highlight {
  const start = text.indexOf(quote);
  return { id: `h-${id}-000000`, authorId: "u1", kind: "note", target: describeTextRange(text, start, start + quote.length), createdAt };
}

function comment(id: string, fields: Partial<Comment> = {}): Comment {
  return {
    id: `c-${id}-000000`,
    highlightId: null,
    parentId: null,
    authorId: "u1",
    body: `body ${id}`,
    createdAt: 1,
    editedAt: null,
    resolvedAt: null,
    resolvedBy: null,
    deleted: false,
    ...fields,
  };
}

function build(highlights: Highlight[], comments: Comment[]) {
  return buildThreads(highlights, comments, anchorHighlights(ABSTRACT, highlights), ABSTRACT);
}

describe("buildThreads", () => {
  it("orders highlight groups by where they sit in the text, not by creation", () => {
    const late = highlight("late", "QLoRA", 5);
    const early = highlight("early", "NormalFloat", 1);
    const index = build([early, late], []);
    expect(index.anchored.map((group) => group.quote)).toEqual(["QLoRA", "NormalFloat"]);
  });

  it("lists a highlight whose passage is gone as detached, with its stored quote", () => {
    const gone = highlight("gone", "totally different words", 1, "Some totally different words here.");
    const index = build([gone], [comment("a", { highlightId: gone.id })]);
    expect(index.anchored).toEqual([]);
    expect(index.detached.map((group) => [group.quote, group.threads.length])).toEqual([["totally different words", 1]]);
  });

  it("nests replies (at any depth) under their thread, oldest first", () => {
    const h = highlight("h", "QLoRA");
    const root = comment("root", { highlightId: h.id, createdAt: 1 });
    const second = comment("r2", { highlightId: h.id, parentId: root.id, createdAt: 3 });
    const first = comment("r1", { highlightId: h.id, parentId: root.id, createdAt: 2 });
    const nested = comment("r3", { highlightId: h.id, parentId: first.id, createdAt: 4 });
    const [group] = build([h], [second, nested, root, first].sort((a, b) => a.createdAt - b.createdAt)).anchored;
    expect(group!.threads).toHaveLength(1);
    expect(group!.threads[0]!.replies.map((reply) => reply.id)).toEqual([first.id, second.id, nested.id]);
  });

  it("separates paper comments, and treats threads on a removed highlight as paper comments", () => {
    const paper = comment("paper");
    const stray = comment("stray", { highlightId: "h-removed-000000", createdAt: 2 });
    const index = build([], [paper, stray]);
    expect(index.paper.map((thread) => thread.root.id)).toEqual([paper.id, stray.id]);
  });

  it("marks resolved threads", () => {
    const index = build([], [comment("a", { resolvedAt: 10, resolvedBy: "u2" }), comment("b", { createdAt: 2 })]);
    expect(index.paper.map((thread) => thread.resolved)).toEqual([true, false]);
  });

  it("keeps a highlight with no comments, with no threads", () => {
    expect(build([highlight("h", "QLoRA")], []).anchored[0]!.threads).toEqual([]);
  });

  it("survives a parent cycle", () => {
    const a = comment("a", { parentId: "c-b-000000" });
    const b = comment("b", { parentId: "c-a-000000" });
    expect(() => build([], [a, b])).not.toThrow();
  });
});

describe("visibleComments", () => {
  it.each<[string, Comment[], string[]]>([
    ["a deleted comment without replies disappears", [comment("a", { deleted: true, body: "" })], []],
    [
      "a deleted comment with a reply stays, with the reply",
      [comment("a", { deleted: true, body: "" }), comment("b", { parentId: "c-a-000000" })],
      ["c-a-000000", "c-b-000000"],
    ],
    [
      "a deleted comment whose only reply is deleted disappears too",
      [comment("a", { deleted: true }), comment("b", { parentId: "c-a-000000", deleted: true })],
      [],
    ],
    [
      "a deleted reply that was answered stays",
      [comment("a"), comment("b", { parentId: "c-a-000000", deleted: true }), comment("c", { parentId: "c-b-000000" })],
      ["c-a-000000", "c-b-000000", "c-c-000000"],
    ],
  ])("%s", (_name, comments, expected) => {
    expect([...visibleComments(comments)].sort()).toEqual(expected);
  });
});

describe("buildThreads on a draft's threads", () => {
  const passage = (id: string, exact: string, createdAt: number) => ({
    id: `p-${id}-000000`,
    authorId: "u1",
    kind: "note" as const,
    target: { exact, from: "AQID", to: "BAUG" },
    createdAt,
  });

  it("orders passages by where the editor finds them, reads them as they read now, and lists removed ones with their stored quote", () => {
    const [late, early, gone] = [passage("late", "second", 1), passage("early", "first", 2), passage("gone", "removed words", 3)];
    const anchors = new Map([
      [late.id, { status: "exact" as const, start: 40, end: 46 }],
      [early.id, { status: "exact" as const, start: 3, end: 8 }],
      [gone.id, { status: "detached" as const }],
    ]);
    const comments = [comment("a", { highlightId: late.id }), comment("b", { highlightId: gone.id }), comment("c", { highlightId: null })];
    const index = buildThreads([late, early, gone], comments, anchors, (highlight) => `${highlight.target.exact}, edited`);
    expect(index.anchored.map((group) => [group.highlight.id, group.quote, group.threads.length])).toEqual([
      [early.id, "first, edited", 0],
      [late.id, "second, edited", 1],
    ]);
    expect(index.detached.map((group) => [group.highlight.id, group.quote])).toEqual([[gone.id, "removed words"]]);
    expect(index.paper.map((thread) => thread.root.id)).toEqual([comments[2]!.id]);
  });
});
