// Attempt limits under concurrency: a burst of parallel guesses is counted before any check runs, so
// no more of them reach password verification (or the join-code comparison) than the limit allows.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { ensureCourse } from "../course/course-settings.ts";
import { loadActor } from "./current-actor.ts";
import { changePassword } from "../members/change-password.ts";
import { signUp } from "../members/sign-up.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { JOIN_CODE_PER_ADDRESS, PASSWORD_CHANGE_PER_ACCOUNT, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS } from "./rate-limit.ts";
import { signInWithPassword } from "./sign-in.ts";

// The real verification, watched: every call is one guess that got through to the password check.
vi.mock("./password.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./password.ts")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});
const verifications = () => vi.mocked(verifyPassword).mock.calls.length;

const PASSWORD = "correct horse battery";
let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
  await ensureCourse({ db: test.db, joinCode: "RIGHT-CODE" });
  const passwordHash = await hashPassword(PASSWORD);
  for (const email of ["ada@example.edu", "grace@example.edu", "linus@example.edu", "ken@example.edu"]) {
    await test.db.user.create({ data: { email, name: email, passwordHash, membership: { create: { role: "STUDENT" } } } });
  }
});
afterAll(async () => {
  await test.drop();
});
beforeEach(() => {
  vi.mocked(verifyPassword).mockClear();
});

type Outcome = { ok: true } | { ok: false; code: string | undefined };
const settle = (promise: Promise<unknown>): Promise<Outcome> =>
  promise.then(
    () => ({ ok: true }),
    (error: Error & { code?: string }) => ({ ok: false, code: error.code }),
  );
const signIn = (email: string, password: string, clientAddress: string) =>
  settle(signInWithPassword({ credentials: { email, password }, clientAddress, db: test.db }));
const count = (outcomes: Outcome[], code: string) => outcomes.filter((outcome) => !outcome.ok && outcome.code === code).length;

describe("sign-in under a parallel burst", () => {
  it("50 parallel wrong guesses for one account (from 50 addresses): only the limit reach password verification", async () => {
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => signIn("ada@example.edu", `guess ${i}`, `10.10.0.${i}`)));
    expect(verifications()).toBe(SIGN_IN_PER_ACCOUNT.limit);
    expect(count(outcomes, "INVALID_INPUT")).toBe(SIGN_IN_PER_ACCOUNT.limit);
    expect(count(outcomes, "RATE_LIMITED")).toBe(50 - SIGN_IN_PER_ACCOUNT.limit);
    // The account stays locked for the right password too.
    expect(await signIn("ada@example.edu", PASSWORD, "10.10.1.1")).toEqual({ ok: false, code: "RATE_LIMITED" });
  });

  it("a parallel burst from one address across many accounts stops at the address limit", async () => {
    const burst = SIGN_IN_PER_ADDRESS.limit + 20;
    const outcomes = await Promise.all(Array.from({ length: burst }, (_, i) => signIn(`nobody${i}@example.edu`, "guess", "10.20.0.1")));
    expect(verifications()).toBe(SIGN_IN_PER_ADDRESS.limit);
    expect(count(outcomes, "RATE_LIMITED")).toBe(20);
    expect(await signIn("grace@example.edu", PASSWORD, "10.20.0.1")).toEqual({ ok: false, code: "RATE_LIMITED" });
    expect(await signIn("grace@example.edu", PASSWORD, "10.20.0.2")).toEqual({ ok: true });
  });

  it("successful sign-ins are given back: a class behind one address never locks it", async () => {
    const address = "10.30.0.1";
    for (let i = 0; i < SIGN_IN_PER_ADDRESS.limit - 1; i++) expect(await signIn(`stranger${i}@example.edu`, "guess", address)).toEqual({ ok: false, code: "INVALID_INPUT" });
    // One after another: an attempt in flight counts until it has succeeded, so near the limit a parallel
    // burst of right passwords could be refused; given back, they never add up.
    for (let i = 0; i < 10; i++) expect(await signIn("linus@example.edu", PASSWORD, address)).toEqual({ ok: true });
    // One failure is still left to this address, then it is locked.
    expect(await signIn("stranger-last@example.edu", "guess", address)).toEqual({ ok: false, code: "INVALID_INPUT" });
    expect(await signIn("linus@example.edu", PASSWORD, address)).toEqual({ ok: false, code: "RATE_LIMITED" });
  });
});

describe("join codes under a parallel burst", () => {
  const input = (email: string, joinCode: string) => ({ name: "Guesser", email, password: "long enough password", joinCode });

  it("30 parallel wrong codes from one address: only the limit are compared, nobody is created", async () => {
    const users = await test.db.user.count();
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => settle(signUp({ input: input(`guess${i}@example.edu`, `GUESS-${i}`), clientAddress: "10.40.0.1", db: test.db }))),
    );
    expect(count(outcomes, "INVALID_INPUT")).toBe(JOIN_CODE_PER_ADDRESS.limit);
    expect(count(outcomes, "RATE_LIMITED")).toBe(30 - JOIN_CODE_PER_ADDRESS.limit);
    expect(await settle(signUp({ input: input("late@example.edu", "RIGHT-CODE"), clientAddress: "10.40.0.1", db: test.db }))).toEqual({ ok: false, code: "RATE_LIMITED" });
    expect(await test.db.user.count()).toBe(users);
  });

  it("right codes are given back: a class signing up from one address is not locked out", async () => {
    for (let i = 0; i < JOIN_CODE_PER_ADDRESS.limit + 5; i++) {
      expect(await settle(signUp({ input: input(`student${i}@example.edu`, "right-code"), clientAddress: "10.50.0.1", db: test.db }))).toEqual({ ok: true });
    }
  });
});

describe("password change", () => {
  const actorFor = async (email: string) => {
    const user = await test.db.user.findUniqueOrThrow({ where: { email } });
    return (await loadActor({ userId: user.id, sessionVersion: user.sessionVersion, db: test.db }))!;
  };

  it("limits wrong current passwords, counted before the check, and keeps the password", async () => {
    const actor = await actorFor("ken@example.edu");
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => settle(changePassword({ actor, currentPassword: `guess ${i}`, newPassword: "a brand new password", db: test.db }))),
    );
    expect(verifications()).toBe(PASSWORD_CHANGE_PER_ACCOUNT.limit);
    expect(count(outcomes, "INVALID_INPUT")).toBe(PASSWORD_CHANGE_PER_ACCOUNT.limit);
    expect(count(outcomes, "RATE_LIMITED")).toBe(20 - PASSWORD_CHANGE_PER_ACCOUNT.limit);
    const locked = await changePassword({ actor, currentPassword: PASSWORD, newPassword: "a brand new password", db: test.db }).catch((error: Error) => error);
    expect(locked).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/^Too many wrong current passwords\. Try again in \d+ s\.$/) });
    const stored = await test.db.user.findUniqueOrThrow({ where: { email: "ken@example.edu" } });
    expect(await verifyPassword(PASSWORD, stored.passwordHash!)).toBe(true);
  });

  it("a right current password clears the count", async () => {
    const actor = await actorFor("grace@example.edu");
    for (let i = 0; i < PASSWORD_CHANGE_PER_ACCOUNT.limit - 1; i++) {
      expect(await settle(changePassword({ actor, currentPassword: "wrong", newPassword: "a brand new password", db: test.db }))).toEqual({ ok: false, code: "INVALID_INPUT" });
    }
    expect(await settle(changePassword({ actor, currentPassword: PASSWORD, newPassword: "another new password", db: test.db }))).toEqual({ ok: true });
    const again = await actorFor("grace@example.edu");
    for (let i = 0; i < PASSWORD_CHANGE_PER_ACCOUNT.limit; i++) {
      expect(await settle(changePassword({ actor: again, currentPassword: "wrong", newPassword: "a brand new password", db: test.db }))).toEqual({ ok: false, code: "INVALID_INPUT" });
    }
  });
});
