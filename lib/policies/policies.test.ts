import { describe, expect, it } from "vitest";
import { can, authorize, type Actor } from "./index.ts";

const session = { leadTeamId: "team-1", blogTeamId: "team-5" };
const instructor: Actor = { id: "i", name: "I", email: "i@x", role: "INSTRUCTOR", teamId: null };
const lead: Actor = { id: "l", name: "L", email: "l@x", role: "STUDENT", teamId: "team-1" };
const blog: Actor = { id: "b", name: "B", email: "b@x", role: "STUDENT", teamId: "team-5" };
const classmate: Actor = { id: "c", name: "C", email: "c@x", role: "STUDENT", teamId: "team-2" };
const outsider: Actor = { id: "o", name: "O", email: "o@x", role: null, teamId: null };

describe("can", () => {
  const table: Array<[string, (actor: Actor | null) => boolean, Record<string, boolean>]> = [
    ["course:view", (a) => can(a, "course:view"), { instructor: true, lead: true, blog: true, classmate: true, outsider: false, nobody: false }],
    ["course:join", (a) => can(a, "course:join"), { instructor: false, lead: false, blog: false, classmate: false, outsider: true, nobody: false }],
    ["console:view", (a) => can(a, "console:view"), { instructor: true, lead: false, blog: false, classmate: false, outsider: false, nobody: false }],
    ["roster:manage", (a) => can(a, "roster:manage"), { instructor: true, lead: false, blog: false, classmate: false, outsider: false, nobody: false }],
    ["account:manage own", (a) => can(a, "account:manage", { userId: a?.id ?? "" }), { instructor: true, lead: true, blog: true, classmate: true, outsider: true, nobody: false }],
    ["account:manage other", (a) => can(a, "account:manage", { userId: "someone-else" }), { instructor: false, lead: false, blog: false, classmate: false, outsider: false, nobody: false }],
    ["annotation:edit of c's", (a) => can(a, "annotation:edit", { authorId: "c" }), { instructor: false, lead: false, blog: false, classmate: true, outsider: false, nobody: false }],
    ["thread:resolve of c's", (a) => can(a, "thread:resolve", { threadAuthorId: "c", session }), { instructor: true, lead: true, blog: false, classmate: true, outsider: false, nobody: false }],
    ["draft:write presentation", (a) => can(a, "draft:write", { draftKind: "PRESENTATION", session }), { instructor: true, lead: true, blog: false, classmate: false, outsider: false, nobody: false }],
    ["draft:write blog post", (a) => can(a, "draft:write", { draftKind: "BLOG_POST", session }), { instructor: true, lead: false, blog: true, classmate: false, outsider: false, nobody: false }],
    ["draft:write with no lead team", (a) => can(a, "draft:write", { draftKind: "PRESENTATION", session: { leadTeamId: null, blogTeamId: null } }), { instructor: true, lead: false, blog: false, classmate: false, outsider: false, nobody: false }],
  ];
  const actors: Record<string, Actor | null> = { instructor, lead, blog, classmate, outsider, nobody: null };
  for (const [name, check, expected] of table) {
    it.each(Object.entries(expected))(`${name}: %s -> %s`, (who, allowed) => {
      expect(check(actors[who]!)).toBe(allowed);
    });
  }
});

describe("authorize", () => {
  it("says who is missing: nobody signed in", () => {
    expect(() => authorize(null, "course:view")).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }));
  });
  it("says who is not allowed", () => {
    expect(() => authorize(classmate, "console:view")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  });
  it("returns the actor when allowed", () => {
    expect(authorize(instructor, "console:view")).toBe(instructor);
  });
});
