// Who is making this request, as the policy module sees them. Read from the next-auth session cookie
// and checked against the database on every request (a deleted user or an old sessionVersion is nobody).
import { getServerSession } from "next-auth";
import { cache } from "react";
import { getDb, type DbClient } from "../db/client.ts";
import type { Actor } from "../policies/index.ts";
import { authOptions } from "./options.ts";

const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000;

export interface LoadActorOptions {
  userId: string;
  sessionVersion: number;
  db?: DbClient;
}

export async function loadActor({ userId, sessionVersion, db = getDb() }: LoadActorOptions): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, sessionVersion: true, lastSeenAt: true, membership: { select: { role: true, teamId: true } } },
  });
  if (!user || user.sessionVersion !== sessionVersion) return null;
  if (!user.lastSeenAt || Date.now() - user.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await db.user.update({ where: { id: user.id }, data: { lastSeenAt: new Date() } }).catch(() => {});
  }
  return {
    id: user.id,
    name: user.name ?? user.email ?? "Classmate",
    email: user.email,
    role: user.membership?.role ?? null,
    teamId: user.membership?.teamId ?? null,
  };
}

export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  return loadActor({ userId: session.user.id, sessionVersion: session.sessionVersion });
});
