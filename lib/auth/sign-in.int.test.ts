import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { hashPassword } from "./password.ts";
import { SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS } from "./rate-limit.ts";
import { signInWithPassword, WRONG_CREDENTIALS } from "./sign-in.ts";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
  const passwordHash = await hashPassword("correct horse battery");
  for (const email of ["ada@example.edu", "grace@example.edu", "linus@example.edu"]) {
    await test.db.user.create({ data: { email, name: email, passwordHash, membership: { create: { role: "STUDENT" } } } });
  }
});
afterAll(async () => {
  await test.drop();
});

const attempt = (email: string, password: string, clientAddress = "10.0.0.1") =>
  signInWithPassword({ credentials: { email, password }, clientAddress, db: test.db }).then(
    (user) => ({ ok: true as const, user }),
    (error: Error & { code?: string }) => ({ ok: false as const, code: error.code, message: error.message }),
  );

describe("signInWithPassword", () => {
  it("signs in with the right password, whatever the email's case", async () => {
    const result = await attempt("Ada@Example.edu", "correct horse battery");
    expect(result).toMatchObject({ ok: true, user: { email: "ada@example.edu", sessionVersion: 0 } });
  });

  it("says the same thing for an unknown email and a wrong password (no account enumeration)", async () => {
    const unknown = await attempt("nobody@example.edu", "correct horse battery", "10.0.0.2");
    const wrong = await attempt("ada@example.edu", "wrong password", "10.0.0.2");
    expect(unknown).toEqual({ ok: false, code: "INVALID_INPUT", message: WRONG_CREDENTIALS });
    expect(wrong).toEqual(unknown);
  });

  it("locks an account after repeated failures, even from other addresses, and says when to retry", async () => {
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.limit; i++) {
      expect(await attempt("grace@example.edu", `guess ${i}`, `10.1.0.${i}`)).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    }
    const locked = await attempt("grace@example.edu", "correct horse battery", "10.1.0.99");
    expect(locked).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    const seconds = Number(/Try again in (\d+) s\./.exec((locked as { message: string }).message)?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(SIGN_IN_PER_ACCOUNT.windowSeconds);
    // An unknown email locks the same way, so a lock does not reveal that an account exists.
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.limit; i++) await attempt("ghost@example.edu", `guess ${i}`, `10.2.0.${i}`);
    expect(await attempt("ghost@example.edu", "anything", "10.2.0.99")).toMatchObject({ ok: false, code: "RATE_LIMITED" });
  });

  it("limits one address guessing across many accounts", async () => {
    for (let i = 0; i < SIGN_IN_PER_ADDRESS.limit; i++) await attempt(`user${i}@example.edu`, "guess", "10.9.9.9");
    expect(await attempt("linus@example.edu", "correct horse battery", "10.9.9.9")).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect(await attempt("linus@example.edu", "correct horse battery", "10.9.9.10")).toMatchObject({ ok: true });
  });

  it("does not count successful sign-ins (a class behind one address)", async () => {
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.limit + 2; i++) {
      expect(await attempt("ada@example.edu", "correct horse battery", "10.3.0.1")).toMatchObject({ ok: true });
    }
  });

  it("refuses malformed input with the same message", async () => {
    const result = await signInWithPassword({ credentials: { email: ["x"], password: 5 }, clientAddress: "10.4.0.1", db: test.db }).catch((error: Error) => error);
    expect((result as Error).message).toBe(WRONG_CREDENTIALS);
  });
});
