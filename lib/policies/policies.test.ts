import { describe, expect, it } from "vitest";
import { can, authorize, type Actor, type DraftKind, type SessionTeams } from "./index.ts";

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
    ["draft-comment:resolve of c's comment on the presentation", (a) => can(a, "draft-comment:resolve", { commentAuthorId: "c", draftKind: "PRESENTATION", session }), { instructor: true, lead: true, blog: false, classmate: true, outsider: false, nobody: false }],
    ["draft-comment:resolve of c's comment on the blog post", (a) => can(a, "draft-comment:resolve", { commentAuthorId: "c", draftKind: "BLOG_POST", session }), { instructor: true, lead: false, blog: true, classmate: true, outsider: false, nobody: false }],
    ["draft-comment:resolve of someone else's comment", (a) => can(a, "draft-comment:resolve", { commentAuthorId: "someone-else", draftKind: "PRESENTATION", session }), { instructor: true, lead: true, blog: false, classmate: false, outsider: false, nobody: false }],
    ["draft-comment:resolve of one's own comment", (a) => can(a, "draft-comment:resolve", { commentAuthorId: a?.id ?? "", draftKind: "PRESENTATION", session }), { instructor: true, lead: true, blog: true, classmate: true, outsider: false, nobody: false }],
    ["draft-comment:resolve with no lead team", (a) => can(a, "draft-comment:resolve", { commentAuthorId: "someone-else", draftKind: "PRESENTATION", session: { leadTeamId: null, blogTeamId: null } }), { instructor: true, lead: false, blog: false, classmate: false, outsider: false, nobody: false }],
    ["highlight:quote into the presentation", (a) => can(a, "highlight:quote", { draftKind: "PRESENTATION", session }), { instructor: true, lead: true, blog: false, classmate: false, outsider: false, nobody: false }],
    ["highlight:quote into the blog post", (a) => can(a, "highlight:quote", { draftKind: "BLOG_POST", session }), { instructor: true, lead: false, blog: true, classmate: false, outsider: false, nobody: false }],
    ["annotations:export", (a) => can(a, "annotations:export"), { instructor: true, lead: true, blog: true, classmate: true, outsider: false, nobody: false }],
    ["annotations:import", (a) => can(a, "annotations:import"), { instructor: true, lead: false, blog: false, classmate: false, outsider: false, nobody: false }],
    ["activity:view", (a) => can(a, "activity:view"), { instructor: true, lead: true, blog: true, classmate: true, outsider: false, nobody: false }],
    ["last-seen:mark", (a) => can(a, "last-seen:mark"), { instructor: true, lead: true, blog: true, classmate: true, outsider: false, nobody: false }],
    ["annotations:search", (a) => can(a, "annotations:search"), { instructor: true, lead: true, blog: true, classmate: true, outsider: false, nobody: false }],
    ["questions:view", (a) => can(a, "questions:view"), { instructor: true, lead: true, blog: true, classmate: true, outsider: false, nobody: false }],
    ["question:answer", (a) => can(a, "question:answer", { session }), { instructor: true, lead: true, blog: false, classmate: false, outsider: false, nobody: false }],
    ["question:answer with no lead team", (a) => can(a, "question:answer", { session: { leadTeamId: null, blogTeamId: "team-5" } }), { instructor: true, lead: false, blog: false, classmate: false, outsider: false, nobody: false }],
    ["draft:insert-agenda", (a) => can(a, "draft:insert-agenda", { session }), { instructor: true, lead: true, blog: false, classmate: false, outsider: false, nobody: false }],
    ["draft:insert-agenda with no lead team", (a) => can(a, "draft:insert-agenda", { session: { leadTeamId: null, blogTeamId: "team-5" } }), { instructor: true, lead: false, blog: false, classmate: false, outsider: false, nobody: false }],
    ["draft:insert-digest", (a) => can(a, "draft:insert-digest", { session }), { instructor: true, lead: false, blog: true, classmate: false, outsider: false, nobody: false }],
    ["draft:insert-digest with no blog team", (a) => can(a, "draft:insert-digest", { session: { leadTeamId: "team-1", blogTeamId: null } }), { instructor: true, lead: false, blog: false, classmate: false, outsider: false, nobody: false }],
    ["highlight:quote with no blog team", (a) => can(a, "highlight:quote", { draftKind: "BLOG_POST", session: { leadTeamId: "team-1", blogTeamId: null } }), { instructor: true, lead: false, blog: false, classmate: false, outsider: false, nobody: false }],
  ];
  const actors: Record<string, Actor | null> = { instructor, lead, blog, classmate, outsider, nobody: null };
  for (const [name, check, expected] of table) {
    it.each(Object.entries(expected))(`${name}: %s -> %s`, (who, allowed) => {
      expect(check(actors[who]!)).toBe(allowed);
    });
  }
});

// Each refusal beside its accepted twin: the two differ only in the fact that decides.
describe("draft rules: each refusal beside its accepted twin", () => {
  const resolve = (actor: Actor, commentAuthorId: string, draftKind: DraftKind, teams: SessionTeams = session) => can(actor, "draft-comment:resolve", { commentAuthorId, draftKind, session: teams });
  const quote = (actor: Actor, draftKind: DraftKind, teams: SessionTeams = session) => can(actor, "highlight:quote", { draftKind, session: teams });
  const unassigned: Actor = { ...lead, teamId: null };
  const twins: Array<[string, () => boolean, () => boolean]> = [
    ["a classmate resolves their own comment, not another's", () => resolve(classmate, "c", "PRESENTATION"), () => resolve(classmate, "l", "PRESENTATION")],
    ["the blog team resolves on the blog post, not on the presentation", () => resolve(blog, "c", "BLOG_POST"), () => resolve(blog, "c", "PRESENTATION")],
    ["the lead team resolves on the presentation, not on the blog post", () => resolve(lead, "c", "PRESENTATION"), () => resolve(lead, "c", "BLOG_POST")],
    ["a member's own comment, not an outsider's own", () => resolve(classmate, "c", "BLOG_POST"), () => resolve(outsider, "o", "BLOG_POST")],
    ["the lead team while it leads, not once the session has no lead team", () => resolve(lead, "c", "PRESENTATION"), () => resolve(lead, "c", "PRESENTATION", { leadTeamId: null, blogTeamId: "team-5" })],
    ["a lead-team student, not a student with no team", () => resolve(lead, "c", "PRESENTATION"), () => resolve(unassigned, "c", "PRESENTATION")],
    ["the lead team quotes into the presentation, not into the blog post", () => quote(lead, "PRESENTATION"), () => quote(lead, "BLOG_POST")],
    ["the blog team quotes into the blog post, not into the presentation", () => quote(blog, "BLOG_POST"), () => quote(blog, "PRESENTATION")],
    ["the blog team while it is assigned, not once the session has no blog team", () => quote(blog, "BLOG_POST"), () => quote(blog, "BLOG_POST", { leadTeamId: "team-1", blogTeamId: null })],
    ["a lead-team student quotes, not a student with no team", () => quote(lead, "PRESENTATION"), () => quote(unassigned, "PRESENTATION")],
    ["the instructor quotes, not a classmate", () => quote(instructor, "BLOG_POST"), () => quote(classmate, "BLOG_POST")],
    ["the lead team marks questions answered, not the blog team", () => can(lead, "question:answer", { session }), () => can(blog, "question:answer", { session })],
    ["the lead team marks answered while it leads, not once the session has no lead team", () => can(lead, "question:answer", { session }), () => can(lead, "question:answer", { session: { leadTeamId: null, blogTeamId: "team-5" } })],
    ["the instructor marks questions answered, not a classmate", () => can(instructor, "question:answer", { session }), () => can(classmate, "question:answer", { session })],
    ["the lead team inserts an agenda, not the blog team", () => can(lead, "draft:insert-agenda", { session }), () => can(blog, "draft:insert-agenda", { session })],
    ["the blog team inserts a digest, not the lead team", () => can(blog, "draft:insert-digest", { session }), () => can(lead, "draft:insert-digest", { session })],
    ["the instructor inserts a digest, not a classmate", () => can(instructor, "draft:insert-digest", { session }), () => can(classmate, "draft:insert-digest", { session })],
  ];
  it.each(twins)("%s", (_name, accepted, refused) => {
    expect(accepted()).toBe(true);
    expect(refused()).toBe(false);
  });
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
