// Fixed-window attempt counters in Postgres, so that every app instance sees the same counts. An attempt
// is counted (one atomic upsert) before the work it guards, so a parallel burst cannot all slip past a
// check that has not seen the others yet; an attempt that succeeds is given back.
import { getDb, type DbClient } from "../db/client.ts";

export interface RateLimitRule {
  /** Attempts allowed per window. */
  limit: number;
  windowSeconds: number;
}

// Only failures count: a whole class signing in from one campus address is normal, guessing is not.
export const SIGN_IN_PER_ACCOUNT: RateLimitRule = { limit: 5, windowSeconds: 15 * 60 };
export const SIGN_IN_PER_ADDRESS: RateLimitRule = { limit: 50, windowSeconds: 15 * 60 };
export const JOIN_CODE_PER_ADDRESS: RateLimitRule = { limit: 10, windowSeconds: 15 * 60 };
export const PASSWORD_CHANGE_PER_ACCOUNT: RateLimitRule = { limit: 5, windowSeconds: 15 * 60 };

export interface Attempt {
  /** False when this attempt is over the limit: do not do the work it asks for. */
  allowed: boolean;
  /** Seconds until the window resets. */
  retryAfterSeconds: number;
  /** Takes this attempt back off the count (it succeeded, and successes do not count). */
  refund(): Promise<void>;
}

/** Counts one attempt under `key` and says whether it is within the rule. */
export async function countAttempt(key: string, rule: RateLimitRule, db: DbClient = getDb()): Promise<Attempt> {
  const rows = await db.$queryRaw<Array<{ count: number; resetAt: Date }>>`
    INSERT INTO "RateLimit" (key, count, "resetAt")
    VALUES (${key}, 1, now() + make_interval(secs => ${rule.windowSeconds}))
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN "RateLimit"."resetAt" <= now() THEN 1 ELSE "RateLimit".count + 1 END,
      "resetAt" = CASE WHEN "RateLimit"."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE "RateLimit"."resetAt" END
    RETURNING count, "resetAt"`;
  const { count, resetAt } = rows[0]!;
  return {
    allowed: count <= rule.limit,
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000)),
    // Only while the window is open: a new window starts from zero anyway.
    refund: async () => {
      await db.$executeRaw`UPDATE "RateLimit" SET count = GREATEST(count - 1, 0) WHERE key = ${key} AND "resetAt" > now()`;
    },
  };
}

/**
 * Counts one attempt under every key; the first over its limit refuses the whole attempt.
 * Every key is counted either way, so probing one limit still uses up the others.
 */
export async function countAttempts(limits: ReadonlyArray<readonly [key: string, rule: RateLimitRule]>, db: DbClient = getDb()) {
  const attempts: Attempt[] = [];
  for (const [key, rule] of limits) attempts.push(await countAttempt(key, rule, db));
  const refused = attempts.find((attempt) => !attempt.allowed);
  return {
    allowed: !refused,
    retryAfterSeconds: refused?.retryAfterSeconds ?? 0,
    refund: async () => {
      for (const attempt of attempts) await attempt.refund();
    },
  } satisfies Attempt;
}

export async function clearRateLimit(key: string, db: DbClient = getDb()): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}
