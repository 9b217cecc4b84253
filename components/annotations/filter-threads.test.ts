import { describe, expect, it } from "vitest";
import { describeTextRange } from "@/lib/anchoring";
import type { Comment, Highlight, HighlightKind } from "@/lib/collab/reading-doc";
import { filterThreads, isFiltering, NO_FILTER, type ThreadFilter } from "./filter-threads";
import { anchorHighlights, buildThreads, type ThreadIndex } from "./threads";

const ABSTRACT = "We present QLoRA, an efficient finetuning approach. It uses 4-bit NormalFloat and paged optimizers.";
const ME = "me";

function highlight(id: string, quote: string, kind: HighlightKind, authorId: string): Highlight {
  const start = ABSTRACT.indexOf(quote);
  return { id, authorId, kind, target: describeTextRange(ABSTRACT, start, start + quote.length), createdAt: 1 };
}
function comment(id: string, authorId: string, fields: Partial<Comment> = {}): Comment {
  return { id, highlightId: null, parentId: null, authorId, body: id, createdAt: 1, editedAt: null, resolvedAt: null, resolvedBy: null, deleted: false, ...fields };
}

// Six things to filter: five threads and one highlight nobody commented on.
const highlights = [
  highlight("hl-question", "QLoRA", "question", ME),
  highlight("hl-key-idea", "efficient finetuning", "key-idea", "bob"),
  highlight("hl-method-bare", "paged optimizers", "method", "carol"),
];
const comments = [
  comment("on-my-question", "bob", { highlightId: "hl-question" }),
  comment("my-resolved", ME, { highlightId: "hl-key-idea", resolvedAt: 2, resolvedBy: ME }),
  comment("carols-open", "carol", { highlightId: "hl-key-idea", createdAt: 2 }),
  comment("my-reply", ME, { highlightId: "hl-key-idea", parentId: "carols-open", createdAt: 3 }),
  comment("paper-resolved", "bob", { resolvedAt: 2, resolvedBy: "bob" }),
  comment("paper-deleted-root", "carol", { deleted: true, body: "" }),
  comment("reply-to-deleted", "bob", { parentId: "paper-deleted-root", createdAt: 2 }),
];
const unreadableHighlight = { root: "highlights" as const, id: "hl-unreadable", unreadable: true as const, highlightId: null, parentId: null };
const INDEX = buildThreads(highlights, comments, anchorHighlights(ABSTRACT, highlights), ABSTRACT, [unreadableHighlight]);

/** What the panel would list: thread roots, or the highlight when it has no thread. */
function listed(index: ThreadIndex): string[] {
  return [
    ...[...index.anchored, ...index.detached].flatMap((group) => (group.threads.length === 0 ? [group.highlight.id] : group.threads.map((thread) => thread.root.id))),
    ...index.paper.map((thread) => thread.root.id),
  ].sort();
}

const filter = (fields: Partial<ThreadFilter>): ThreadFilter => ({ ...NO_FILTER, ...fields });

describe("filterThreads", () => {
  const table: Array<[string, ThreadFilter, string[], { kinds: object; authors: object; statuses: object; mine: number }]> = [
    [
      "no filter: everything, with every count",
      NO_FILTER,
      ["carols-open", "hl-method-bare", "my-resolved", "on-my-question", "paper-deleted-root", "paper-resolved"],
      { kinds: { question: 1, "key-idea": 2, method: 1, whole: 2 }, authors: { bob: 2, [ME]: 1, carol: 2 }, statuses: { open: 4, resolved: 2 }, mine: 3 },
    ],
    [
      "a kind: its threads; the other counts narrow to it, the kind counts do not",
      filter({ kind: "key-idea" }),
      ["carols-open", "my-resolved"],
      { kinds: { question: 1, "key-idea": 2, method: 1, whole: 2 }, authors: { [ME]: 1, carol: 1 }, statuses: { open: 1, resolved: 1 }, mine: 2 },
    ],
    [
      "an author: the threads they started, on passages or the whole paper",
      filter({ authorId: "bob" }),
      ["on-my-question", "paper-resolved"],
      { kinds: { question: 1, whole: 1 }, authors: { bob: 2, [ME]: 1, carol: 2 }, statuses: { open: 1, resolved: 1 }, mine: 1 },
    ],
    [
      "resolved",
      filter({ status: "resolved" }),
      ["my-resolved", "paper-resolved"],
      { kinds: { "key-idea": 1, whole: 1 }, authors: { [ME]: 1, bob: 1 }, statuses: { open: 4, resolved: 2 }, mine: 1 },
    ],
    [
      "open and mine: threads on my highlight and threads I replied to, not threads of others",
      filter({ status: "open", mine: true }),
      ["carols-open", "on-my-question"],
      { kinds: { question: 1, "key-idea": 1 }, authors: { bob: 1, carol: 1 }, statuses: { open: 2, resolved: 1 }, mine: 2 },
    ],
    ["a kind with no thread, only a highlight", filter({ kind: "method" }), ["hl-method-bare"], { kinds: { question: 1, "key-idea": 2, method: 1, whole: 2 }, authors: { carol: 1 }, statuses: { open: 1 }, mine: 0 }],
    [
      "a deleted first comment names nobody: its thread is not carol's",
      filter({ kind: "whole", authorId: "carol" }),
      [],
      { kinds: { "key-idea": 1, method: 1 }, authors: { bob: 1 }, statuses: {}, mine: 0 },
    ],
  ];

  it.each(table)("%s", (_name, chosen, expected, counts) => {
    const result = filterThreads(INDEX, chosen, ME);
    expect(listed(result.index)).toEqual(expected);
    expect(result.counts.total).toBe(6);
    expect(result.counts.shown).toBe(expected.length);
    expect(Object.fromEntries(result.counts.kinds)).toEqual(counts.kinds);
    expect(Object.fromEntries(result.counts.authors)).toEqual(counts.authors);
    expect(Object.fromEntries(result.counts.statuses)).toEqual(counts.statuses);
    expect(result.counts.mine).toBe(counts.mine);
  });

  it("keeps a highlight's other threads out, and the highlight in, when one of its threads matches", () => {
    const [group] = filterThreads(INDEX, filter({ authorId: "carol", kind: "key-idea" }), ME).index.anchored;
    expect(group!.highlight.id).toBe("hl-key-idea");
    expect(group!.threads.map((thread) => [thread.root.id, thread.replies.map((reply) => reply.id)])).toEqual([["carols-open", ["my-reply"]]]);
  });

  it("shows unreadable highlights only when nothing is filtered", () => {
    expect(filterThreads(INDEX, NO_FILTER, ME).index.unreadableHighlights).toEqual([unreadableHighlight]);
    expect(filterThreads(INDEX, filter({ status: "open" }), ME).index.unreadableHighlights).toEqual([]);
  });

  it("with no filter gives back the same threads", () => {
    expect(filterThreads(INDEX, NO_FILTER, ME).index).toEqual(INDEX);
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(isFiltering(filter({ mine: true }))).toBe(true);
  });
});
