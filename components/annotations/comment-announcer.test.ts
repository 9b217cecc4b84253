import { describe, expect, it } from "vitest";
import type { Comment } from "@/lib/collab/reading-doc";
import { announcement, commentsToAnnounce } from "./comment-announcer";

const OPENED = Date.UTC(2026, 0, 5, 10, 0, 0);
const NAMES: Record<string, string> = { me: "Lena Park", alice: "Alice Moreau", bob: "Bob Tanaka" };
const nameOf = (id: string) => NAMES[id] ?? "A former member";

function comment(id: string, authorId: string, createdAt: number, extra: Partial<Comment> = {}): Comment {
  return { id, authorId, createdAt, highlightId: null, parentId: null, body: "text", deleted: false, ...extra } as Comment;
}

describe("commentsToAnnounce", () => {
  it.each<[string, Comment, ReadonlySet<string>, boolean]>([
    ["another's comment posted while the page is open", comment("c1", "alice", OPENED + 5_000), new Set(), true],
    ["one's own comment", comment("c1", "me", OPENED + 5_000), new Set(), false],
    ["a comment the document held when it loaded", comment("c1", "alice", OPENED - 60_000), new Set(), false],
    ["a comment already announced", comment("c1", "alice", OPENED + 5_000), new Set(["c1"]), false],
    ["a deleted comment", comment("c1", "alice", OPENED + 5_000, { deleted: true }), new Set(), false],
  ])("%s", (_, entry, known, announced) => {
    expect(commentsToAnnounce(known, [entry], "me", OPENED)).toEqual(announced ? [entry] : []);
  });
});

describe("announcement", () => {
  it("names the author of one comment", () => {
    expect(announcement([comment("c1", "alice", OPENED)], nameOf)).toBe("New comment from Alice Moreau");
  });

  it("counts several and names each author once", () => {
    const comments = [comment("c1", "alice", OPENED), comment("c2", "bob", OPENED), comment("c3", "alice", OPENED)];
    expect(announcement(comments, nameOf)).toBe("3 new comments from Alice Moreau and Bob Tanaka");
  });
});
