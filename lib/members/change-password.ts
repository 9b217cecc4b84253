import { AppError } from "../errors/app-error.ts";
import { getDb, type Db } from "../db/client.ts";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import { authorize, type Actor } from "../policies/index.ts";

/** Changes the actor's own password and ends their other sessions (sessionVersion is bumped). */
export async function changePassword({
  actor,
  currentPassword,
  newPassword,
  db = getDb(),
}: {
  actor: Actor | null;
  currentPassword: string;
  newPassword: string;
  db?: Db;
}): Promise<{ sessionVersion: number }> {
  const user = authorize(actor, "account:manage", { userId: actor?.id ?? "" });
  const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (stored.passwordHash && !(await verifyPassword(currentPassword, stored.passwordHash))) {
    throw new AppError("INVALID_INPUT", "Your current password is not right.", [{ field: "currentPassword", message: "Your current password is not right." }]);
  }
  const passwordHash = await hashPassword(newPassword);
  const [updated] = await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } }, select: { sessionVersion: true } }),
    db.auditEvent.create({ data: { actorId: user.id, action: "user.change-password", subject: `user:${user.id}` } }),
  ]);
  return updated;
}
