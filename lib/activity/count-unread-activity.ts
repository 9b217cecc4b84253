import { getDb, type DbClient } from "../db/client.ts";
import type { Actor } from "../policies/index.ts";
import { listActivity } from "./list-activity.ts";

/** How many Activity items are new to the actor (the header's "Activity (N)"). */
export async function countUnreadActivity({ actor, db = getDb() }: { actor: Actor | null; db?: DbClient }): Promise<number> {
  return (await listActivity({ actor, db })).filter((item) => item.isNew).length;
}
