// The one answer to "may they?". Every page, route handler and the collaboration server ask here;
// nothing else decides access. Resources carry just the facts a rule needs, loaded by the caller.
import { AppError } from "../errors/app-error.ts";

export type Role = "INSTRUCTOR" | "STUDENT";

/** The signed-in user as the policy sees them. `role` is null until they join the course. */
export interface Actor {
  id: string;
  name: string;
  email: string | null;
  role: Role | null;
  teamId: string | null;
}

export interface SessionTeams {
  leadTeamId: string | null;
  blogTeamId: string | null;
}

export type DraftKind = "PRESENTATION" | "BLOG_POST";

interface Resources {
  "course:view": null;
  "course:join": null;
  "account:manage": { userId: string };
  "console:view": null;
  "roster:manage": null;
  "session:assign-teams": null;
  "session:import": null;
  "reading:edit": null;
  "join-code:manage": null;
  "reading:annotate": null;
  "annotation:edit": { authorId: string };
  "thread:resolve": { threadAuthorId: string; session: SessionTeams };
  "draft:view": null;
  "draft:write": { draftKind: DraftKind; session: SessionTeams };
  "draft:comment": null;
  /** Resolve or reopen a comment on a draft. */
  "draft-comment:resolve": { commentAuthorId: string; draftKind: DraftKind; session: SessionTeams };
  /** Quote a reading's highlight into one of its session's drafts. */
  "highlight:quote": { draftKind: DraftKind; session: SessionTeams };
  /** Download a session's highlights and threads as a W3C Web Annotation file. */
  "annotations:export": null;
  /** Bring in annotations from a W3C or Hypothesis file, written in other members' names. */
  "annotations:import": null;
  /** See one's own Activity page (replies, mentions, resolves, quotes, new threads, draft edits). */
  "activity:view": null;
  /** Record that one has seen a reading's or draft's threads, or one's Activity, up to now. */
  "last-seen:mark": null;
  /** Search a session's comments and highlighted passages. */
  "annotations:search": null;
  /** See a session's question queue. */
  "questions:view": null;
  /** Mark a question "Answered in presentation" (or take that back), and quote it into the presentation. */
  "question:answer": { session: SessionTeams };
  /** Insert (or undo) an agenda from the class's top questions in the session's presentation. */
  "draft:insert-agenda": { session: SessionTeams };
  /** Insert (or undo) a digest of key ideas and most +1'd comments in the session's blog post. */
  "draft:insert-digest": { session: SessionTeams };
}

export type Action = keyof Resources;

const isMember = (actor: Actor) => actor.role !== null;
const isInstructor = (actor: Actor) => actor.role === "INSTRUCTOR";

/** The instructor writes both drafts; the lead team the presentation, the blog team the blog post. */
function writesDraft(actor: Actor, { draftKind, session }: { draftKind: DraftKind; session: SessionTeams }): boolean {
  if (!isMember(actor)) return false;
  if (isInstructor(actor)) return true;
  const team = draftKind === "PRESENTATION" ? session.leadTeamId : session.blogTeamId;
  return actor.teamId !== null && actor.teamId === team;
}

const rules: { [A in Action]: (actor: Actor, resource: Resources[A]) => boolean } = {
  "course:view": isMember,
  "course:join": (actor) => !isMember(actor),
  "account:manage": (actor, { userId }) => actor.id === userId,
  "console:view": isInstructor,
  "roster:manage": isInstructor,
  "session:assign-teams": isInstructor,
  "session:import": isInstructor,
  "reading:edit": isInstructor,
  "join-code:manage": isInstructor,
  "reading:annotate": isMember,
  "annotation:edit": (actor, { authorId }) => isMember(actor) && actor.id === authorId,
  "thread:resolve": (actor, { threadAuthorId, session }) =>
    isMember(actor) &&
    (isInstructor(actor) || actor.id === threadAuthorId || (actor.teamId !== null && actor.teamId === session.leadTeamId)),
  "draft:view": isMember,
  "draft:write": writesDraft,
  "draft:comment": isMember,
  // The draft's writers tidy its comments; a classmate may resolve their own.
  "draft-comment:resolve": (actor, { commentAuthorId, ...draft }) => isMember(actor) && (actor.id === commentAuthorId || writesDraft(actor, draft)),
  // Quoting writes into the draft, so it is the draft's writers' to do.
  "highlight:quote": writesDraft,
  // Everyone can read every thread anyway; the file is the same content.
  "annotations:export": isMember,
  "annotations:import": isInstructor,
  // Every member reads every thread, so what is new to them is theirs to see and to clear.
  "activity:view": isMember,
  "last-seen:mark": isMember,
  // Search finds only what the session's pages already show every member.
  "annotations:search": isMember,
  // The queue shows what every member's reading pages already show.
  "questions:view": isMember,
  // Saying what the presentation covers is the presentation's writers' call.
  "question:answer": (actor, { session }) => writesDraft(actor, { draftKind: "PRESENTATION", session }),
  // Each writes a whole block of the draft it belongs to, so it is that draft's writers' to do.
  "draft:insert-agenda": (actor, { session }) => writesDraft(actor, { draftKind: "PRESENTATION", session }),
  "draft:insert-digest": (actor, { session }) => writesDraft(actor, { draftKind: "BLOG_POST", session }),
};

type ResourceArgs<A extends Action> = Resources[A] extends null ? [] : [resource: Resources[A]];

export function can<A extends Action>(actor: Actor | null, action: A, ...resource: ResourceArgs<A>): boolean {
  if (!actor) return false;
  return rules[action](actor, (resource[0] ?? null) as Resources[A]);
}

/** Like `can`, but throws: UNAUTHENTICATED for nobody, FORBIDDEN for the wrong somebody. */
export function authorize<A extends Action>(actor: Actor | null, action: A, ...resource: ResourceArgs<A>): Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  if (!can(actor, action, ...resource)) throw new AppError("FORBIDDEN", "You do not have access to this.");
  return actor;
}
