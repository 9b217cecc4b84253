// Email + password sign-in, with failed attempts limited per account and per address, and one message for
// every wrong combination so that nobody learns which emails have accounts. Each attempt is counted before
// the password is checked, so a parallel burst gets no more checks than the limit allows.
import { AppError } from "../errors/app-error.ts";
import { getDb, type DbClient } from "../db/client.ts";
import { dummyPasswordHash, verifyPassword } from "./password.ts";
import { clearRateLimit, countAttempts, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS } from "./rate-limit.ts";
import { signInSchema } from "./fields.ts";

export const WRONG_CREDENTIALS = "Wrong email or password.";

export interface SignInOptions {
  /** The form's fields, unvalidated. */
  credentials: unknown;
  /** Where the attempt came from (for the per-address limit). */
  clientAddress: string;
  db?: DbClient;
}

export async function signInWithPassword({ credentials, clientAddress, db = getDb() }: SignInOptions) {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) throw new AppError("INVALID_INPUT", WRONG_CREDENTIALS);
  const { email, password } = parsed.data;

  const attempt = await countAttempts(
    [
      [`signin:account:${email}`, SIGN_IN_PER_ACCOUNT],
      [`signin:address:${clientAddress}`, SIGN_IN_PER_ADDRESS],
    ],
    db,
  );
  if (!attempt.allowed) throw tooMany(attempt.retryAfterSeconds);

  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, passwordHash: true, sessionVersion: true } });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !user.passwordHash || !valid) throw new AppError("INVALID_INPUT", WRONG_CREDENTIALS);

  // A success does not count against the address, and ends the account's run of failures.
  await attempt.refund();
  await clearRateLimit(`signin:account:${email}`, db);
  return { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion };
}

function tooMany(seconds: number): AppError {
  return new AppError("RATE_LIMITED", `Too many failed sign-in attempts. Try again in ${seconds} s.`);
}
