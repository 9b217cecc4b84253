// A user who signed in through GitHub or Google joins the course with its join code.
import { getDb, type Db } from "../db/client.ts";
import { checkJoinCode } from "../course/check-join-code.ts";
import { authorize, type Actor } from "../policies/index.ts";

export async function joinCourse({ actor, joinCode, clientAddress, db = getDb() }: { actor: Actor | null; joinCode: string; clientAddress: string; db?: Db }) {
  const user = authorize(actor, "course:join");
  await checkJoinCode({ joinCode, clientAddress, db });
  await db.$transaction([
    db.membership.create({ data: { userId: user.id, role: "STUDENT" } }),
    db.auditEvent.create({ data: { actorId: user.id, action: "user.join", subject: `user:${user.id}` } }),
  ]);
}
