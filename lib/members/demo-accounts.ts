// Demo mode (embedded database, or SEED_DEMO=1): a class to try Marginalia with. Listed in the README.
import { getDb, type Db } from "../db/client.ts";
import { hashPassword } from "../auth/password.ts";
import { teamName } from "../readings/import-session.ts";
import { ensureHandle } from "./handles.ts";

export const DEMO_PASSWORD = "marginalia-demo";
export const DEMO_JOIN_CODE = "SEMINAR-DEMO";

export const DEMO_ACCOUNTS = [
  { email: "instructor@demo.test", name: "Prof. Ines Rivera", role: "INSTRUCTOR", team: null },
  { email: "lead@demo.test", name: "Lena Park", role: "STUDENT", team: "team-1" },
  { email: "blog@demo.test", name: "Blake Osei", role: "STUDENT", team: "team-5" },
  { email: "alice@demo.test", name: "Alice Moreau", role: "STUDENT", team: "team-2" },
  { email: "bob@demo.test", name: "Bob Tanaka", role: "STUDENT", team: "team-3" },
] as const;

/** Creates the demo accounts that do not exist yet; existing ones (and their passwords) are left alone. */
export async function ensureDemoAccounts({ db = getDb() }: { db?: Db } = {}): Promise<number> {
  let created = 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    if (await db.user.findUnique({ where: { email: account.email } })) continue;
    const team = account.team
      ? await db.team.upsert({ where: { slug: account.team }, create: { slug: account.team, name: teamName(account.team) }, update: {} })
      : null;
    const user = await db.user.create({
      data: {
        email: account.email,
        name: account.name,
        passwordHash,
        membership: { create: { role: account.role, teamId: team?.id ?? null } },
      },
    });
    await ensureHandle(db, user);
    created++;
  }
  return created;
}
