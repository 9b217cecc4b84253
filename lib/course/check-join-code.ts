// The join code gate shared by sign-up and joining: wrong guesses are limited per address. The guess is
// counted before the code is compared (and given back when it is right), so parallel guesses cannot all
// get past a check that has not seen the others yet.
import { AppError } from "../errors/app-error.ts";
import type { DbClient } from "../db/client.ts";
import { countAttempt, JOIN_CODE_PER_ADDRESS } from "../auth/rate-limit.ts";
import { ensureCourse, joinCodeMatches } from "./course-settings.ts";

export const WRONG_JOIN_CODE = "That join code is not right. Ask your instructor for the current one.";

export async function checkJoinCode({ joinCode, clientAddress, db }: { joinCode: string; clientAddress: string; db: DbClient }): Promise<void> {
  const attempt = await countAttempt(`join-code:address:${clientAddress}`, JOIN_CODE_PER_ADDRESS, db);
  if (!attempt.allowed) throw new AppError("RATE_LIMITED", `Too many wrong join codes. Try again in ${attempt.retryAfterSeconds} s.`);
  const course = await ensureCourse({ db });
  if (!joinCodeMatches(joinCode, course.joinCode)) {
    throw new AppError("INVALID_INPUT", WRONG_JOIN_CODE, [{ field: "joinCode", message: WRONG_JOIN_CODE }]);
  }
  await attempt.refund();
}
