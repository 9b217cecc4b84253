// npm run create-instructor -- EMAIL "FULL NAME" : creates (or promotes) an instructor account on the
// configured database and prints a one-time password to change after signing in.
import crypto from "node:crypto";
import { createDb } from "../db/client.ts";
import { openDatabase } from "../db/open-database.ts";
import { hashPassword } from "../auth/password.ts";
import { emailSchema, nameSchema } from "../auth/fields.ts";
import { ensureHandle } from "./handles.ts";
import { relayAccountChange } from "../collab/account-sockets.ts";

const [emailArg, nameArg] = process.argv.slice(2);
const email = emailSchema.safeParse(emailArg ?? "");
const name = nameSchema.safeParse(nameArg ?? "");
if (!email.success || !name.success) {
  console.error('Usage: npm run create-instructor -- email@example.edu "Full Name"');
  process.exit(2);
}
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
const db = createDb(database.url);
try {
  const password = crypto.randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  const user = await db.user.upsert({
    where: { email: email.data },
    create: { email: email.data, name: name.data, passwordHash },
    update: { passwordHash, sessionVersion: { increment: 1 } },
  });
  await ensureHandle(db, user);
  await db.membership.upsert({ where: { userId: user.id }, create: { userId: user.id, role: "INSTRUCTOR" }, update: { role: "INSTRUCTOR", teamId: null } });
  // The password was reset: running servers close this account's open websockets (reached through Redis only).
  if (process.env.REDIS_URL) {
    await relayAccountChange({ redisUrl: process.env.REDIS_URL, target: { userId: user.id }, change: "session-ended" }).catch((error: Error) =>
      console.error(`Could not ask running servers to close this account's live connections (${error.message}); they close when they next reconnect.`),
    );
  }
  console.log(`Instructor ${email.data} is ready. One-time password: ${password}  (change it under Account after signing in)`);
} finally {
  await db.$disconnect();
  await database.close();
}
