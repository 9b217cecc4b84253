import { getDb, type DbClient } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";

export async function getAccount({ actor, db = getDb() }: { actor: Actor | null; db?: DbClient }) {
  const self = authorize(actor, "account:manage", { userId: actor?.id ?? "" });
  const user = await db.user.findUniqueOrThrow({
    where: { id: self.id },
    select: { name: true, email: true, passwordHash: true, membership: { select: { role: true, team: { select: { name: true } } } } },
  });
  return {
    name: user.name ?? user.email ?? "",
    email: user.email,
    role: user.membership?.role ?? null,
    teamName: user.membership?.team?.name ?? null,
    hasPassword: user.passwordHash !== null,
  };
}
