// Creating an account needs the course's join code. The code is checked before anything about the
// email, so without it nobody learns whether an address is registered; wrong codes are limited per address.
import { AppError } from "../errors/app-error.ts";
import { getDb, type Db } from "../db/client.ts";
import { hashPassword } from "../auth/password.ts";
import { checkJoinCode } from "../course/check-join-code.ts";
import { ensureHandle } from "./handles.ts";
import type { SignUpInput } from "../auth/fields.ts";

export { WRONG_JOIN_CODE } from "../course/check-join-code.ts";
export const EMAIL_UNAVAILABLE = "An account cannot be created with this email. If you signed up before, sign in instead.";

export interface SignUpOptions {
  input: SignUpInput;
  clientAddress: string;
  db?: Db;
}

export async function signUp({ input, clientAddress, db = getDb() }: SignUpOptions): Promise<{ userId: string }> {
  await checkJoinCode({ joinCode: input.joinCode, clientAddress, db });
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { name: input.name, email: input.email, passwordHash, membership: { create: { role: "STUDENT" } } },
      });
      await ensureHandle(tx, created);
      await tx.auditEvent.create({ data: { actorId: created.id, action: "user.sign-up", subject: `user:${created.id}` } });
      return created;
    });
    return { userId: user.id };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw new AppError("CONFLICT", EMAIL_UNAVAILABLE, [{ field: "email", message: EMAIL_UNAVAILABLE }]);
    }
    throw error;
  }
}
