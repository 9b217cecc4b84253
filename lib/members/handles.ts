// @mention handles: the email's local part, lower-cased, made unique with a number when taken.
import type { DbClient } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";

export function baseHandle(email: string | null, name: string | null): string {
  const source = email?.split("@")[0] ?? name ?? "member";
  const cleaned = source.toLowerCase().replace(/[^a-z0-9._-]/g, "").slice(0, 48);
  return cleaned || "member";
}

/** Gives a user a free handle (no-op when they have one). */
export async function ensureHandle(db: DbClient, user: { id: string; email: string | null; name: string | null; handle?: string | null }): Promise<string> {
  if (user.handle) return user.handle;
  const base = baseHandle(user.email, user.name);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}${n}`;
    const taken = await db.user.findUnique({ where: { handle: candidate }, select: { id: true } });
    if (taken && taken.id !== user.id) continue;
    await db.user.update({ where: { id: user.id }, data: { handle: candidate } });
    return candidate;
  }
}

/** For accounts created before handles existed. */
export async function backfillHandles(db: DbClient): Promise<number> {
  const users = await db.user.findMany({ where: { handle: null }, select: { id: true, email: true, name: true } });
  for (const user of users) await ensureHandle(db, user);
  return users.length;
}

/** Class members as the reading page needs them: names for authors, handles for @mentions. */
export async function listMembersForMentions({ actor, db }: { actor: Actor | null; db: DbClient }): Promise<Array<{ id: string; name: string; handle: string }>> {
  authorize(actor, "course:view");
  const users = await db.user.findMany({
    where: { membership: { isNot: null }, handle: { not: null } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true, handle: true },
  });
  return users.map((user) => ({ id: user.id, name: user.name ?? user.email ?? user.handle!, handle: user.handle! }));
}
