// The two drafts of a session and what a page needs to show one.
import { AppError } from "../errors/app-error.ts";
import { getDb, type Db, type DbClient } from "../db/client.ts";
import { authorize, can, type Actor } from "../policies/index.ts";

export type DraftKindName = "PRESENTATION" | "BLOG_POST";

export const DRAFT_SLUGS: Record<string, DraftKindName> = { presentation: "PRESENTATION", "blog-post": "BLOG_POST" };
export const DRAFT_SLUG_OF: Record<DraftKindName, string> = { PRESENTATION: "presentation", BLOG_POST: "blog-post" };
export const DRAFT_TITLES: Record<DraftKindName, string> = { PRESENTATION: "Lead team's presentation", BLOG_POST: "Blog post" };

/** Both drafts of a session, created on first use. */
export async function ensureSessionDrafts(db: DbClient, sessionId: string) {
  return Promise.all(
    (["PRESENTATION", "BLOG_POST"] as const).map((kind) =>
      db.draft.upsert({ where: { sessionId_kind: { sessionId, kind } }, create: { sessionId, kind }, update: {}, select: { id: true, kind: true, wordCount: true, updatedAt: true } }),
    ),
  );
}

export interface DraftPage {
  draft: { id: string; kind: DraftKindName; title: string; sessionTitle: string; sessionSlug: string };
  session: { leadTeamId: string | null; blogTeamId: string | null };
  canWrite: boolean;
}

export async function getDraftPage({ actor, sessionSlug, kindSlug, db = getDb() }: { actor: Actor | null; sessionSlug: string; kindSlug: string; db?: Db }): Promise<DraftPage | null> {
  authorize(actor, "draft:view");
  const kind = DRAFT_SLUGS[kindSlug];
  if (!kind) return null;
  const session = await db.classSession.findUnique({ where: { slug: sessionSlug }, select: { id: true, title: true, slug: true, leadTeamId: true, blogTeamId: true } });
  if (!session) return null;
  const drafts = await ensureSessionDrafts(db, session.id);
  const draft = drafts.find((candidate) => candidate.kind === kind)!;
  const teams = { leadTeamId: session.leadTeamId, blogTeamId: session.blogTeamId };
  return {
    draft: { id: draft.id, kind, title: DRAFT_TITLES[kind], sessionTitle: session.title, sessionSlug: session.slug },
    session: teams,
    canWrite: can(actor, "draft:write", { draftKind: kind, session: teams }),
  };
}

/** A draft with its session's teams, for authorizing a request about it. */
export async function loadDraft(db: DbClient, draftId: string) {
  const draft = await db.draft.findUnique({
    where: { id: draftId },
    select: { id: true, kind: true, json: true, markdown: true, session: { select: { id: true, slug: true, title: true, leadTeamId: true, blogTeamId: true } } },
  });
  if (!draft) throw new AppError("NOT_FOUND", "There is no such draft.");
  return draft;
}

export function assertCanWrite(actor: Actor | null, draft: Awaited<ReturnType<typeof loadDraft>>): Actor {
  return authorize(actor, "draft:write", { draftKind: draft.kind, session: draft.session });
}
