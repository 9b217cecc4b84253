// For integration tests: a fresh, migrated database per test file, on the run's cluster.
import { inject } from "vitest";
import { createDb, type Db } from "../db/client.ts";
import { adminQuery, uniqueDatabaseName } from "./test-cluster.ts";

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("adminUrl");
  const name = uniqueDatabaseName("marginalia_test");
  await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${inject("templateDatabase")}"`);
  const url = inject("clusterUrlPattern").replace("__DATABASE__", name);
  const db = createDb(url);
  return {
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** Cluster helpers for tests that need more than one database (the drift test). */
export function clusterUrl(database: string): string {
  return inject("clusterUrlPattern").replace("__DATABASE__", database);
}
