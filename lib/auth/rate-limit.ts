// Fixed-window attempt counters in Postgres, so that every app instance sees the same counts.
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

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window resets (when not allowed). */
  retryAfterSeconds: number;
}

/** Whether `key` has used up its attempts, without counting one. */
export async function checkRateLimit(key: string, rule: RateLimitRule, db: DbClient = getDb()): Promise<RateLimitResult> {
  const row = await db.rateLimit.findUnique({ where: { key } });
  if (!row || row.resetAt.getTime() <= Date.now() || row.count < rule.limit) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((row.resetAt.getTime() - Date.now()) / 1000)) };
}

/** Counts one attempt under `key` and says whether it is within the rule. */
export async function hitRateLimit(key: string, rule: RateLimitRule, db: DbClient = getDb()): Promise<RateLimitResult> {
  const rows = await db.$queryRaw<Array<{ count: number; resetAt: Date }>>`
    INSERT INTO "RateLimit" (key, count, "resetAt")
    VALUES (${key}, 1, now() + make_interval(secs => ${rule.windowSeconds}))
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN "RateLimit"."resetAt" <= now() THEN 1 ELSE "RateLimit".count + 1 END,
      "resetAt" = CASE WHEN "RateLimit"."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE "RateLimit"."resetAt" END
    RETURNING count, "resetAt"`;
  const row = rows[0]!;
  const retryAfterSeconds = Math.max(1, Math.ceil((row.resetAt.getTime() - Date.now()) / 1000));
  return { allowed: row.count <= rule.limit, retryAfterSeconds };
}

export async function clearRateLimit(key: string, db: DbClient = getDb()): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}
