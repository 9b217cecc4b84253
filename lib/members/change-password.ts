import { AppError } from "../errors/app-error.ts";
import { getDb, type Db } from "../db/client.ts";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import { clearRateLimit, countAttempt, PASSWORD_CHANGE_PER_ACCOUNT } from "../auth/rate-limit.ts";
import { authorize, type Actor } from "../policies/index.ts";
import { liveDocuments } from "../collab/live-registry.ts";

/** Changes the actor's own password and ends their sessions (sessionVersion is bumped), open websockets included. */
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
  // A stolen session must not become a way to guess the password: attempts are counted before the check.
  const limitKey = `password-change:account:${user.id}`;
  const attempt = await countAttempt(limitKey, PASSWORD_CHANGE_PER_ACCOUNT, db);
  if (!attempt.allowed) throw new AppError("RATE_LIMITED", `Too many wrong current passwords. Try again in ${attempt.retryAfterSeconds} s.`);
  const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (stored.passwordHash && !(await verifyPassword(currentPassword, stored.passwordHash))) {
    throw new AppError("INVALID_INPUT", "Your current password is not right.", [{ field: "currentPassword", message: "Your current password is not right." }]);
  }
  await clearRateLimit(limitKey, db);
  const passwordHash = await hashPassword(newPassword);
  const [updated] = await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } }, select: { sessionVersion: true } }),
    db.auditEvent.create({ data: { actorId: user.id, action: "user.change-password", subject: `user:${user.id}` } }),
  ]);
  await liveDocuments()?.closeUserConnections(user.id, "session-ended");
  return updated;
}
