// The class most tests, benchmarks and checks start from: the seed session and the demo accounts.
import fs from "node:fs";
import type { Db } from "../db/client.ts";
import { createDb } from "../db/client.ts";
import { ensureDemoAccounts } from "../members/demo-accounts.ts";
import { importSession } from "../readings/import-session.ts";
import { SEED_FILE } from "../server/bootstrap.ts";
import { createMigratedTemplate, dropDatabase, startTestCluster } from "./test-cluster.ts";

export async function seedDemoClass(db: Db): Promise<void> {
  await importSession({ input: fs.readFileSync(SEED_FILE), db });
  await ensureDemoAccounts({ db });
}

/** For scripts (benchmarks, checks): a throwaway migrated database holding the demo class. */
export async function openDemoClassDatabase(): Promise<{ db: Db; close(): Promise<void> }> {
  const cluster = await startTestCluster();
  const name = await createMigratedTemplate(cluster);
  const db = createDb(cluster.urlFor(name));
  await seedDemoClass(db);
  return {
    db,
    close: async () => {
      await db.$disconnect();
      await dropDatabase(cluster, name);
      await cluster.stop();
    },
  };
}
