import { getDb, type DbClient } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";

export interface RosterEntry {
  id: string;
  name: string;
  email: string | null;
  role: "INSTRUCTOR" | "STUDENT";
  team: { id: string; slug: string; name: string } | null;
  lastSeenAt: Date | null;
}

/** The class: every member with role, team and when they were last seen. Instructors only. */
export async function listRoster({ actor, db = getDb() }: { actor: Actor | null; db?: DbClient }): Promise<RosterEntry[]> {
  authorize(actor, "roster:manage");
  const memberships = await db.membership.findMany({
    orderBy: [{ role: "asc" }, { user: { name: "asc" } }],
    select: {
      role: true,
      team: { select: { id: true, slug: true, name: true } },
      user: { select: { id: true, name: true, email: true, lastSeenAt: true } },
    },
  });
  return memberships.map(({ role, team, user }) => ({
    id: user.id,
    name: user.name ?? user.email ?? "(no name)",
    email: user.email,
    role,
    team,
    lastSeenAt: user.lastSeenAt,
  }));
}
