import { z } from "zod";
import { AppError } from "../errors/app-error.ts";
import { getDb, type Db, type DbClient } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";
import { teamName } from "../readings/import-session.ts";

export const teamSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "A team name is lower-case letters, digits and dashes, like team-7.");

export async function listTeams({ db = getDb() }: { db?: DbClient } = {}) {
  return db.team.findMany({ orderBy: { slug: "asc" }, select: { id: true, slug: true, name: true } });
}

export async function createTeam({ actor, slug, db = getDb() }: { actor: Actor | null; slug: string; db?: Db }) {
  const instructor = authorize(actor, "roster:manage");
  return db.$transaction(async (tx) => {
    if (await tx.team.findUnique({ where: { slug } })) throw new AppError("CONFLICT", `There is already a team called ${slug}.`);
    const team = await tx.team.create({ data: { slug, name: teamName(slug) }, select: { id: true, slug: true, name: true } });
    await tx.auditEvent.create({ data: { actorId: instructor.id, action: "team.create", subject: `team:${team.id}` } });
    return team;
  });
}
