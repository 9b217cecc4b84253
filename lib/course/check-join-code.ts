// The join code gate shared by sign-up and joining: wrong guesses are limited per address.
import { AppError } from "../errors/app-error.ts";
import type { DbClient } from "../db/client.ts";
import { checkRateLimit, hitRateLimit, JOIN_CODE_PER_ADDRESS } from "../auth/rate-limit.ts";
import { ensureCourse, joinCodeMatches } from "./course-settings.ts";

export const WRONG_JOIN_CODE = "That join code is not right. Ask your instructor for the current one.";

export async function checkJoinCode({ joinCode, clientAddress, db }: { joinCode: string; clientAddress: string; db: DbClient }): Promise<void> {
  const key = `join-code:address:${clientAddress}`;
  const limit = await checkRateLimit(key, JOIN_CODE_PER_ADDRESS, db);
  if (!limit.allowed) throw new AppError("RATE_LIMITED", `Too many wrong join codes. Try again in ${limit.retryAfterSeconds} s.`);
  const course = await ensureCourse({ db });
  if (!joinCodeMatches(joinCode, course.joinCode)) {
    await hitRateLimit(key, JOIN_CODE_PER_ADDRESS, db);
    throw new AppError("INVALID_INPUT", WRONG_JOIN_CODE, [{ field: "joinCode", message: WRONG_JOIN_CODE }]);
  }
}
