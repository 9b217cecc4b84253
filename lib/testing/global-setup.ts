// Vitest global setup for integration tests: one cluster and one migrated template per run.
import type { TestProject } from "vitest/node";
import { createMigratedTemplate, dropDatabase, startTestCluster } from "./test-cluster.ts";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    clusterUrlPattern: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startTestCluster();
  const template = await createMigratedTemplate(cluster);
  project.provide("adminUrl", cluster.adminUrl);
  project.provide("clusterUrlPattern", cluster.urlFor("__DATABASE__"));
  project.provide("templateDatabase", template);
  return async () => {
    await dropDatabase(cluster, template).catch(() => {});
    await cluster.stop();
  };
}
