import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { ensureCourse, rotateJoinCode } from "../course/course-settings.ts";
import { JOIN_CODE_PER_ADDRESS } from "../auth/rate-limit.ts";
import { verifyPassword } from "../auth/password.ts";
import { loadActor } from "../auth/current-actor.ts";
import type { Actor } from "../policies/index.ts";
import { signUp, WRONG_JOIN_CODE } from "./sign-up.ts";
import { changePassword } from "./change-password.ts";
import { moveMember } from "./move-member.ts";
import { createTeam } from "./teams.ts";
import { assignSessionTeams } from "../sessions/assign-teams.ts";
import { ensureDemoAccounts, DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts.ts";

let test: TestDatabase;
let instructor: Actor;
let student: Actor;
beforeAll(async () => {
  test = await createTestDatabase();
  await ensureCourse({ db: test.db, joinCode: "JOIN-ME" });
  await ensureDemoAccounts({ db: test.db });
  const actorFor = async (email: string) => {
    const user = await test.db.user.findUniqueOrThrow({ where: { email } });
    return (await loadActor({ userId: user.id, sessionVersion: user.sessionVersion, db: test.db }))!;
  };
  instructor = await actorFor("instructor@demo.test");
  student = await actorFor("alice@demo.test");
});
afterAll(async () => {
  await test.drop();
});

const input = (email: string, joinCode = "JOIN-ME") => ({ name: "New Student", email, password: "long enough password", joinCode });
const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: Error & { code?: string }) => ({ code: error.code, message: error.message }));

describe("demo accounts", () => {
  it("exist with their roles and teams, with the documented password", async () => {
    const users = await test.db.user.findMany({ include: { membership: { include: { team: true } } } });
    for (const account of DEMO_ACCOUNTS) {
      const user = users.find((candidate) => candidate.email === account.email)!;
      expect(user.membership?.role).toBe(account.role);
      expect(user.membership?.team?.slug ?? null).toBe(account.team);
      expect(await verifyPassword(DEMO_PASSWORD, user.passwordHash!)).toBe(true);
    }
    expect(await ensureDemoAccounts({ db: test.db })).toBe(0);
  });
});

describe("signUp", () => {
  it("creates a student with the join code (any case, surrounding spaces)", async () => {
    const { userId } = await signUp({ input: input("new@example.edu", "  join-me "), clientAddress: "10.0.0.1", db: test.db });
    const user = await test.db.user.findUniqueOrThrow({ where: { id: userId }, include: { membership: true } });
    expect(user.membership).toMatchObject({ role: "STUDENT", teamId: null });
    expect(await test.db.auditEvent.count({ where: { action: "user.sign-up", subject: `user:${userId}` } })).toBe(1);
  });

  it("answers a wrong join code the same for a new and an existing email (no enumeration)", async () => {
    const existing = await failure(signUp({ input: input("new@example.edu", "WRONG"), clientAddress: "10.0.0.2", db: test.db }));
    const fresh = await failure(signUp({ input: input("fresh@example.edu", "WRONG"), clientAddress: "10.0.0.2", db: test.db }));
    expect(existing).toEqual({ code: "INVALID_INPUT", message: WRONG_JOIN_CODE });
    expect(fresh).toEqual(existing);
  });

  it("refuses a second account for an email and writes nothing", async () => {
    const before = await test.db.user.count();
    expect(await failure(signUp({ input: input("new@example.edu"), clientAddress: "10.0.0.3", db: test.db }))).toMatchObject({ code: "CONFLICT" });
    expect(await test.db.user.count()).toBe(before);
  });

  it("limits wrong join codes per address", async () => {
    for (let i = 0; i < JOIN_CODE_PER_ADDRESS.limit; i++) await failure(signUp({ input: input(`g${i}@example.edu`, `GUESS-${i}`), clientAddress: "10.0.0.4", db: test.db }));
    const limited = await failure(signUp({ input: input("right@example.edu"), clientAddress: "10.0.0.4", db: test.db }));
    expect(limited).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/Try again in \d+ s/) });
  });

  it("stops accepting the old code once the instructor rotates it", async () => {
    const { joinCode } = await rotateJoinCode({ actor: instructor, db: test.db });
    expect(joinCode).not.toBe("JOIN-ME");
    expect(await failure(signUp({ input: input("late@example.edu"), clientAddress: "10.0.0.5", db: test.db }))).toMatchObject({ code: "INVALID_INPUT" });
    await signUp({ input: input("late@example.edu", joinCode), clientAddress: "10.0.0.5", db: test.db });
    expect(await failure(rotateJoinCode({ actor: student, db: test.db }))).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("console actions", () => {
  it("moves a student between teams, audited; students may not", async () => {
    const team = await createTeam({ actor: instructor, slug: "team-9", db: test.db });
    await moveMember({ actor: instructor, userId: student.id, teamId: team.id, db: test.db });
    expect((await test.db.membership.findUniqueOrThrow({ where: { userId: student.id } })).teamId).toBe(team.id);
    expect(await test.db.auditEvent.count({ where: { action: "member.move", subject: `user:${student.id}` } })).toBe(1);
    expect(await failure(moveMember({ actor: student, userId: student.id, teamId: null, db: test.db }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(moveMember({ actor: instructor, userId: "missing", teamId: null, db: test.db }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("sets a session's lead and blog teams and refuses unknown teams without writing", async () => {
    const team = await test.db.team.findUniqueOrThrow({ where: { slug: "team-2" } });
    const session = await test.db.classSession.create({ data: { slug: "s", title: "S", position: 0 } });
    await assignSessionTeams({ actor: instructor, sessionId: session.id, leadTeamId: team.id, blogTeamId: null, db: test.db });
    expect(await test.db.classSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({ leadTeamId: team.id, blogTeamId: null });
    const audits = await test.db.auditEvent.count({ where: { action: "session.assign-teams" } });
    expect(await failure(assignSessionTeams({ actor: instructor, sessionId: session.id, leadTeamId: "nope", blogTeamId: null, db: test.db }))).toMatchObject({ code: "INVALID_INPUT" });
    expect(await test.db.auditEvent.count({ where: { action: "session.assign-teams" } })).toBe(audits);
    expect(await failure(assignSessionTeams({ actor: student, sessionId: session.id, leadTeamId: null, blogTeamId: null, db: test.db }))).toMatchObject({ code: "FORBIDDEN" });
  });

  it("changes a password and ends older sessions", async () => {
    const bob = await test.db.user.findUniqueOrThrow({ where: { email: "bob@demo.test" } });
    const actor = (await loadActor({ userId: bob.id, sessionVersion: bob.sessionVersion, db: test.db }))!;
    expect(await failure(changePassword({ actor, currentPassword: "not it", newPassword: "a brand new password", db: test.db }))).toMatchObject({ code: "INVALID_INPUT" });
    const { sessionVersion } = await changePassword({ actor, currentPassword: DEMO_PASSWORD, newPassword: "a brand new password", db: test.db });
    expect(await loadActor({ userId: bob.id, sessionVersion: bob.sessionVersion, db: test.db })).toBeNull();
    expect(await loadActor({ userId: bob.id, sessionVersion, db: test.db })).toMatchObject({ id: bob.id });
  });
});
