// npm run test:e2e: the production build, served by the real server entry on a free port against a
// fresh database (embedded PostgreSQL unless DATABASE_URL is set), driven by Playwright in Chromium.
// Extra arguments go to Playwright (e.g. `npm run test:e2e -- e2e/reading`).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { findFreePort } from "../lib/server/ports.ts";
import { createDatabase, dropDatabase, startTestCluster } from "../lib/testing/test-cluster.ts";
import { seedLegacyDraftComments } from "./drafts/legacy-draft-comments.ts";

const root = path.resolve(import.meta.dirname, "..");
const artifacts = path.join(root, "e2e", ".artifacts");
fs.mkdirSync(artifacts, { recursive: true });

const cluster = await startTestCluster();
const database = await createDatabase(cluster, "marginalia_e2e");
// Data an older version left behind, which the server's start must carry over (e2e/drafts).
await seedLegacyDraftComments(cluster.urlFor(database));
const port = await findFreePort();
const baseUrl = `http://127.0.0.1:${port}`;
const serverLog = fs.createWriteStream(path.join(artifacts, "server.log"));

const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "lib/server/start.mts")], {
  cwd: root,
  env: { ...process.env, DATABASE_URL: cluster.urlFor(database), PORT: String(port), HOST: "127.0.0.1", SEED_DEMO: "1" },
  stdio: ["ignore", "pipe", "pipe"],
});
server.stdout!.pipe(serverLog);
server.stderr!.pipe(serverLog);
// The first start may build the app: show its progress.
server.stdout!.on("data", (chunk: Buffer) => process.stdout.write(chunk.toString().replace(/^/gm, "[server] ")));

let exitCode = 1;
try {
  await waitForServer(server, `${baseUrl}/api/health`, 300_000);
  exitCode = await run(process.execPath, [path.join(root, "node_modules/@playwright/test/cli.js"), "test", "-c", "e2e/playwright.config.ts", ...process.argv.slice(2)], {
    E2E_BASE_URL: baseUrl,
  });
} catch (error) {
  console.error(`e2e: ${(error as Error).message} (server log: e2e/.artifacts/server.log)`);
} finally {
  await stop(server);
  await dropDatabase(cluster, database).catch(() => {});
  await cluster.stop();
}
process.exit(exitCode);

async function waitForServer(child: ChildProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server was not ready within ${timeoutMs / 1000} s`);
}

function run(command: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: "inherit" });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}
