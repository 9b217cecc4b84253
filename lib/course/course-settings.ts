// The course's one settings row: its join code, which the instructor sees and rotates.
import crypto from "node:crypto";
import { getDb, type Db, type DbClient } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";

/** Readable codes (no 0/O, 1/l) of 10 characters in two groups: LLM-SEM-4H7K... style. */
export function generateJoinCode(): string {
  const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const bytes = crypto.randomBytes(10);
  const chars = [...bytes].map((byte) => alphabet[byte % alphabet.length]);
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

export async function ensureCourse({ joinCode, db = getDb() }: { joinCode?: string; db?: DbClient }) {
  return db.course.upsert({ where: { id: "course" }, create: { id: "course", joinCode: joinCode ?? generateJoinCode() }, update: {} });
}

export async function getJoinCode({ actor, db = getDb() }: { actor: Actor | null; db?: DbClient }) {
  authorize(actor, "join-code:manage");
  const course = await ensureCourse({ db });
  return { joinCode: course.joinCode, rotatedAt: course.joinCodeRotated };
}

/** Replaces the join code; the old one stops working at once. Audited in the same transaction. */
export async function rotateJoinCode({ actor, db = getDb() }: { actor: Actor | null; db?: Db }) {
  const instructor = authorize(actor, "join-code:manage");
  await ensureCourse({ db });
  const joinCode = generateJoinCode();
  const [course] = await db.$transaction([
    db.course.update({ where: { id: "course" }, data: { joinCode, joinCodeRotated: new Date() } }),
    db.auditEvent.create({ data: { actorId: instructor.id, action: "join-code.rotate", subject: "course" } }),
  ]);
  return { joinCode: course.joinCode, rotatedAt: course.joinCodeRotated };
}

export function joinCodeMatches(given: string, expected: string): boolean {
  const a = crypto.createHash("sha256").update(given.trim().toUpperCase()).digest();
  const b = crypto.createHash("sha256").update(expected.trim().toUpperCase()).digest();
  return crypto.timingSafeEqual(a, b);
}
