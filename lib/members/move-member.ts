import { AppError } from "../errors/app-error.ts";
import { getDb, type Db } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";
import { liveDocuments } from "../collab/live-registry.ts";

/** Puts a student in a team (or in none, with teamId null). Audited in the same transaction; their open websockets reconnect under the new team. */
export async function moveMember({ actor, userId, teamId, db = getDb() }: { actor: Actor | null; userId: string; teamId: string | null; db?: Db }) {
  const instructor = authorize(actor, "roster:manage");
  const moved = await db.$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({ where: { userId } });
    if (!membership) throw new AppError("NOT_FOUND", "There is no class member with that id.");
    if (membership.role !== "STUDENT") throw new AppError("INVALID_INPUT", "Only students belong to teams.");
    if (teamId && !(await tx.team.findUnique({ where: { id: teamId } }))) throw new AppError("INVALID_INPUT", "There is no team with that id.");
    const updated = await tx.membership.update({ where: { userId }, data: { teamId } });
    await tx.auditEvent.create({
      data: { actorId: instructor.id, action: "member.move", subject: `user:${userId}`, data: { from: membership.teamId, to: teamId } },
    });
    return updated;
  });
  await liveDocuments()?.closeUserConnections(userId, "access-changed");
  return moved;
}
