// How old DraftComment rows become entries of a draft's threads document, case by case; the whole move
// against a real database (once, idempotent, projected) is in lib/collab/draft-threads.int.test.ts.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readDraftHighlights } from "../collab/draft-threads-doc.ts";
import { readComments, readUnreadableEntries } from "../collab/reading-doc.ts";
import { writeMigratedComments } from "./migrate-draft-comments.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 9, minute));
const row = (id: string, fields: Partial<Parameters<typeof writeMigratedComments>[1][number]> = {}) => ({
  id,
  parentId: null,
  authorId: "user00001",
  body: `body of ${id}`,
  anchorFrom: null,
  anchorTo: null,
  quote: null,
  createdAt: at(0),
  resolvedAt: null,
  resolvedBy: null,
  ...fields,
});

function migrated(rows: ReturnType<typeof row>[]) {
  const doc = new Y.Doc();
  doc.transact(() => writeMigratedComments(doc, rows));
  return { highlights: readDraftHighlights(doc), comments: readComments(doc), unreadable: readUnreadableEntries(doc).filter((entry) => entry.root !== "highlights") };
}

describe("writeMigratedComments", () => {
  it("a passage comment becomes a passage with its thread; replies join it, even a reply to a reply", () => {
    const { highlights, comments } = migrated([
      row("rootcomment1", { anchorFrom: "AQID", anchorTo: "BAUG", quote: "the passage" }),
      row("replycomment1", { parentId: "rootcomment1", createdAt: at(1) }),
      row("replytoreply1", { parentId: "replycomment1", createdAt: at(2) }),
    ]);
    expect(highlights).toEqual([{ id: "prootcomment1", authorId: "user00001", kind: "note", target: { exact: "the passage", from: "AQID", to: "BAUG" }, createdAt: at(0).getTime() }]);
    expect(comments.map((comment) => [comment.id, comment.highlightId, comment.parentId])).toEqual([
      ["rootcomment1", "prootcomment1", null],
      ["replycomment1", "prootcomment1", "rootcomment1"],
      ["replytoreply1", "prootcomment1", "rootcomment1"],
    ]);
  });

  it.each([
    ["no anchors", {}],
    ["only one anchor", { anchorFrom: "AQID", quote: "x" }],
    ["an anchor that is not base64", { anchorFrom: "not base64!", anchorTo: "BAUG", quote: "x" }],
  ])("a comment with %s is a comment on the whole draft", (_case, fields) => {
    const { highlights, comments } = migrated([row("rootcomment1", fields)]);
    expect(highlights).toEqual([]);
    expect(comments.map((comment) => [comment.highlightId, comment.body])).toEqual([[null, "body of rootcomment1"]]);
  });

  it("keeps a resolution on a thread's first comment only, and needs a quote only to show one", () => {
    const { highlights, comments } = migrated([
      row("rootcomment1", { anchorFrom: "AQID", anchorTo: "BAUG", quote: "", resolvedAt: at(5), resolvedBy: "lead00001" }),
      row("replycomment1", { parentId: "rootcomment1", createdAt: at(1), resolvedAt: at(5), resolvedBy: "lead00001" }),
    ]);
    expect(highlights[0]?.target.exact).toBe("(passage)");
    expect(comments.map((comment) => [comment.id, comment.resolvedAt, comment.resolvedBy])).toEqual([
      ["rootcomment1", at(5).getTime(), "lead00001"],
      ["replycomment1", null, null],
    ]);
  });

  it("gives a new id to a row whose id is not an entry id, and its replies follow", () => {
    const { comments, unreadable } = migrated([row("x!"), row("replycomment1", { parentId: "x!", createdAt: at(1) })]);
    const [root, reply] = comments;
    expect(root!.id).toMatch(/^[0-9a-f]{24}$/);
    expect(reply!.parentId).toBe(root!.id);
    expect(unreadable).toEqual([]);
  });
});
