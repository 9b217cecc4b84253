import { AppError } from "../errors/app-error.ts";
import { getDb, type Db } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";
import { liveDocuments } from "../collab/live-registry.ts";
import { sessionDocumentNames } from "./session-document-names.ts";
import { teamsWithChangedRole } from "./teams-with-changed-role.ts";

/** Sets a session's lead team and blog team (either may be null: not assigned). Audited; the members of a team whose role changed reconnect their open websockets on the session's documents. */
export async function assignSessionTeams({
  actor,
  sessionId,
  leadTeamId,
  blogTeamId,
  db = getDb(),
}: {
  actor: Actor | null;
  sessionId: string;
  leadTeamId: string | null;
  blogTeamId: string | null;
  db?: Db;
}) {
  const instructor = authorize(actor, "session:assign-teams");
  const { updated, teamIds, documentNames } = await db.$transaction(async (tx) => {
    const session = await tx.classSession.findUnique({ where: { id: sessionId } });
    if (!session) throw new AppError("NOT_FOUND", "There is no session with that id.");
    for (const teamId of [leadTeamId, blogTeamId]) {
      if (teamId && !(await tx.team.findUnique({ where: { id: teamId } }))) throw new AppError("INVALID_INPUT", "There is no team with that id.");
    }
    const updated = await tx.classSession.update({ where: { id: sessionId }, data: { leadTeamId, blogTeamId } });
    await tx.auditEvent.create({
      data: {
        actorId: instructor.id,
        action: "session.assign-teams",
        subject: `session:${sessionId}`,
        data: { from: { lead: session.leadTeamId, blog: session.blogTeamId }, to: { lead: leadTeamId, blog: blogTeamId } },
      },
    });
    const teamIds = teamsWithChangedRole(session, updated);
    return { updated, teamIds, documentNames: teamIds.length > 0 ? await sessionDocumentNames(tx, sessionId) : [] };
  });
  await liveDocuments()?.closeTeamConnections(teamIds, documentNames, "access-changed");
  return updated;
}
