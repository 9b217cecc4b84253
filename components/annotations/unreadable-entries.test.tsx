import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { describeTextRange } from "@/lib/anchoring";
import { createComment, createHighlight, readingMaps, readReadingEntries } from "@/lib/collab/reading-doc";
import type { Actor } from "@/lib/policies";
import { UNREADABLE_COMMENT } from "./comment-thread";
import { CommentsPanel, UNREADABLE_HIGHLIGHT } from "./comments-panel";
import { anchorHighlights, buildThreads } from "./threads";
import { unreadableStore } from "./use-unreadable-entries";

const ABSTRACT = "We present QLoRA, an efficient finetuning approach that reduces memory usage.";
const target = describeTextRange(ABSTRACT, 21, 50);
const alice: Actor = { id: "u-alice", name: "Alice Moreau", email: "alice@demo.test", role: "STUDENT", teamId: "team-2" };

function render(doc: Y.Doc): string {
  const { highlights, comments, reactions, unreadable } = readReadingEntries(doc);
  return renderToStaticMarkup(
    <CommentsPanel
      abstract={ABSTRACT}
      actions={null}
      data={{ highlights, comments, reactions }}
      unreadable={unreadable}
      anchors={anchorHighlights(ABSTRACT, highlights)}
      actor={alice}
      session={{ leadTeamId: "team-1", blogTeamId: "team-5" }}
      members={[{ id: alice.id, name: alice.name, handle: "alice" }]}
      canAnnotate
      activeHighlight={null}
    />,
  );
}

/** A thread on the paper: a root and three replies, the middle one then stored broken. */
function threadWithOneBrokenReply(broken: unknown) {
  const doc = new Y.Doc();
  const root = createComment(doc, { authorId: alice.id, highlightId: null, parentId: null, body: "first words" });
  createComment(doc, { authorId: alice.id, highlightId: null, parentId: root, body: "a reply before" });
  const bad = createComment(doc, { authorId: alice.id, highlightId: null, parentId: root, body: "will be unreadable" });
  createComment(doc, { authorId: alice.id, highlightId: null, parentId: root, body: "a reply after" });
  readingMaps(doc).comments.get(bad)!.set("createdAt", broken);
  return { doc, root, bad };
}

describe("a thread with an unreadable entry", () => {
  it.each<[string, unknown]>([
    ["NaN", Number.NaN],
    ["BigInt", 5n],
    ["a far-future timestamp", 1e300],
    ["a nested Y.Map", new Y.Map()],
    ["undefined", undefined],
  ])("a reply whose createdAt is %s is shown as unreadable, in its thread, and the rest renders", (_name, broken) => {
    const { doc, bad } = threadWithOneBrokenReply(broken);
    const markup = render(doc);
    expect(markup).toContain("first words");
    expect(markup).toContain("a reply before");
    expect(markup).toContain("a reply after");
    expect(markup).not.toContain("will be unreadable");
    expect(markup).toContain(`data-comment-id="${bad}" data-unreadable=""`);
    expect(markup.match(new RegExp(UNREADABLE_COMMENT, "g"))).toHaveLength(1);
    // Still inside the thread's list of replies, not a thread of its own.
    expect(markup.match(/<article /g)).toHaveLength(1);
  });

  it("an unreadable root keeps its replies together, and offers no reply or resolve on it", () => {
    const { doc, root } = threadWithOneBrokenReply(1);
    readingMaps(doc).comments.get(root)!.set("body", new Y.Text("nested"));
    const markup = render(doc);
    expect(markup).toContain('aria-label="Thread started by a comment that could not be read"');
    expect(markup).toContain("a reply before");
    expect(markup.match(/<article /g)).toHaveLength(1);
    expect(markup).not.toContain(">Resolve<");
    expect(markup).not.toContain(">Reply<");
  });

  it("an unreadable highlight is listed as such; its thread and the other highlight render", () => {
    const doc = new Y.Doc();
    const { highlightId: good } = createHighlight(doc, { authorId: alice.id, kind: "note", target, firstComment: "on the good one" });
    const { highlightId: bad } = createHighlight(doc, { authorId: alice.id, kind: "note", target, firstComment: "on the broken one" });
    readingMaps(doc).highlights.get(bad)!.set("kind", { evil: 1 });
    const markup = render(doc);
    expect(markup).toContain(`data-highlight-card="${good}"`);
    expect(markup).toContain("on the good one");
    expect(markup).toContain("on the broken one");
    expect(markup).toContain(UNREADABLE_HIGHLIGHT);
  });

  it("buildThreads places an unreadable reply after the readable ones of its thread", () => {
    const { doc, root, bad } = threadWithOneBrokenReply(Number.NaN);
    const { highlights, comments, unreadable } = readReadingEntries(doc);
    const index = buildThreads(highlights, comments, anchorHighlights(ABSTRACT, highlights), ABSTRACT, unreadable);
    expect(index.paper).toHaveLength(1);
    expect(index.paper[0]!.root.id).toBe(root);
    expect(index.paper[0]!.replies.map((reply) => reply.id).at(-1)).toBe(bad);
  });
});

describe("unreadableStore", () => {
  it("follows entries as they turn unreadable and readable again, re-reading only what changed", () => {
    const doc = new Y.Doc();
    const good = createComment(doc, { authorId: alice.id, highlightId: null, parentId: null, body: "fine" });
    const store = unreadableStore(doc);
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    expect(store.getSnapshot()).toEqual([]);

    readingMaps(doc).comments.get(good)!.set("createdAt", Number.NaN);
    expect(store.getSnapshot()).toEqual([{ root: "comments", id: good, unreadable: true, highlightId: null, parentId: null }]);
    readingMaps(doc).reactions.set("not-a-reaction", true);
    expect(store.getSnapshot().map((entry) => [entry.root, entry.id])).toEqual([
      ["comments", good],
      ["reactions", "not-a-reaction"],
    ]);
    const before = calls;
    // A change that leaves every entry as it was does not notify.
    createComment(doc, { authorId: alice.id, highlightId: null, parentId: null, body: "another" });
    expect(calls).toBe(before);

    readingMaps(doc).comments.get(good)!.set("createdAt", 5);
    readingMaps(doc).reactions.delete("not-a-reaction");
    expect(store.getSnapshot()).toEqual([]);
    unsubscribe();
    readingMaps(doc).comments.get(good)!.set("createdAt", Number.NaN);
    expect(store.getSnapshot()).toEqual([]);
  });
});
