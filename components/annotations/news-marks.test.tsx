// What the Comments panel shows of news: "New" on others' comments since the last visit, the bar with
// its count, and a copyable link on every comment; a revealed comment's resolved thread is shown open.
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createComment, readComments, readReadingEntries, setThreadResolved } from "@/lib/collab/reading-doc";
import type { Actor } from "@/lib/policies";
import { ThreadView } from "./comment-thread";
import { CommentsPanel } from "./comments-panel";
import { NewsSourceProvider } from "./news";
import type { ThreadContext } from "./thread-context";
import { anchorHighlights, buildThreads } from "./threads";

const ABSTRACT = "We present QLoRA, an efficient finetuning approach that reduces memory usage.";
const alice: Actor = { id: "u-alice", name: "Alice Moreau", email: "alice@demo.test", role: "STUDENT", teamId: "team-2" };
const members = [
  { id: alice.id, name: alice.name, handle: "alice" },
  { id: "u-bob", name: "Bob Tanaka", handle: "bob" },
];

function panel(doc: Y.Doc): ReactElement {
  const { highlights, comments, reactions, unreadable } = readReadingEntries(doc);
  return (
    <CommentsPanel
      abstract={ABSTRACT}
      actions={null}
      data={{ highlights, comments, reactions }}
      unreadable={unreadable}
      anchors={anchorHighlights(ABSTRACT, highlights)}
      actor={alice}
      session={{ leadTeamId: "team-1", blogTeamId: "team-5" }}
      members={members}
      canAnnotate
      activeHighlight={null}
    />
  );
}

function conversation() {
  const doc = new Y.Doc();
  const root = createComment(doc, { authorId: alice.id, highlightId: null, parentId: null, body: "my question" });
  const reply = createComment(doc, { authorId: "u-bob", highlightId: null, parentId: root, body: "bob's answer" });
  const createdAt = readComments(doc).find((comment) => comment.id === reply)!.createdAt;
  return { doc, root, reply, createdAt };
}

describe("news in the Comments panel", () => {
  it("marks others' comments since the last visit as new, with the count and the way through them", () => {
    const { doc, root, reply, createdAt } = conversation();
    const markup = renderToStaticMarkup(<NewsSourceProvider source={{ document: "reading:x", lastSeenAt: createdAt - 1 }}>{panel(doc)}</NewsSourceProvider>);
    expect(markup).toMatch(new RegExp(`id="comment-${reply}" tabindex="-1" data-new-comment="true"`));
    expect(markup).not.toMatch(new RegExp(`id="comment-${root}" tabindex="-1" data-new-comment`));
    expect(markup).toContain("1 new");
    expect(markup).toContain("Next new");
    expect(markup).toContain("Mark all read");
  });

  it("marks nothing seen already, and nothing at all without a page that knows the last visit", () => {
    const { doc, createdAt } = conversation();
    for (const markup of [
      renderToStaticMarkup(<NewsSourceProvider source={{ document: "reading:x", lastSeenAt: createdAt }}>{panel(doc)}</NewsSourceProvider>),
      renderToStaticMarkup(panel(doc)),
    ]) {
      expect(markup).not.toContain("data-new-comment");
      expect(markup).not.toContain("Next new");
    }
  });

  it("gives every comment a link to itself", () => {
    const { doc, root, reply } = conversation();
    const markup = renderToStaticMarkup(panel(doc));
    for (const id of [root, reply]) expect(markup).toContain(`href="#comment-${id}"`);
    expect(markup).toContain('aria-label="Copy link to this comment"');
  });
});

describe("a revealed comment", () => {
  const { doc, root, reply } = conversation();
  setThreadResolved(doc, root, alice.id, true);
  const { comments } = readReadingEntries(doc);
  const thread = buildThreads([], comments, new Map(), ABSTRACT, []).paper[0]!;
  const ctx = (revealedCommentId: string | null): ThreadContext => ({
    actor: alice,
    session: { leadTeamId: "team-1", blogTeamId: "team-5" },
    members,
    canAnnotate: true,
    reactions: new Map(),
    now: Date.now(),
    exactTime: () => undefined,
    nameOf: (id) => members.find((member) => member.id === id)?.name ?? "?",
    mentionLabel: () => undefined,
    actions: null,
    unavailableId: null,
    revealedCommentId,
  });

  it("opens its resolved thread; another thread's comment does not", () => {
    expect(thread.resolved).toBe(true);
    // The thread's body: <div id=…> when shown, <div id=… hidden=""> when folded.
    const body = (markup: string) => /<div id="[^"]+"( hidden="")?>/.exec(markup)?.[0];
    expect(body(renderToStaticMarkup(<ThreadView thread={thread} ctx={ctx(reply)} />))).toMatch(/^<div id="[^"]+">$/);
    expect(body(renderToStaticMarkup(<ThreadView thread={thread} ctx={ctx("someone-elses")} />))).toMatch(/hidden=""/);
  });
});
