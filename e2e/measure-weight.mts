// npm run measure:weight: how much JavaScript the reading and draft pages ship, gzip-compressed, as
// Chromium loads them from the production build; exits 1 when a page's first load is over its budget.
//
// Two numbers per page. "First load" is what the HTML itself asks for (scripts Chromium's parser
// requested): what must arrive before the page is rendered and responds. "Until live" adds what the page
// then fetches by itself, without any input, until its live document is connected and the network is
// quiet (the collaboration stack, the editor). Parts loaded on use (composer, mentions, revisions) are
// in neither. The budget applies to the first load; the total is printed beside it.
// Usage: npm run measure:weight [-- --chunks] [-- --url http://host:port (a running app, demo accounts)]
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, request as playwrightRequest, type Browser } from "@playwright/test";
import { findFreePort } from "../lib/server/ports.ts";
import { createDatabase, dropDatabase, startTestCluster, type TestCluster } from "../lib/testing/test-cluster.ts";
import { ACCOUNTS, signInWithApi, type AccountName } from "./support.ts";

const KIB = 1024;
const BUDGETS = { reading: 170 * KIB, draft: 300 * KIB };
const SESSION = "llm-fine-tuning";

interface Visit {
  label: string;
  /** null: shown for comparison only (what any page costs). */
  budget: keyof typeof BUDGETS | null;
  account: AccountName;
  /** The page's path, given the first reading's id. */
  path: (readingId: string) => string;
}

// Each page as the visitor who gets the most of it: the instructor sees every quote and resolve control
// and writes both drafts; a classmate reads the drafts (read-only editor).
const VISITS: Visit[] = [
  { label: "home (no budget)", budget: null, account: "alice", path: () => "/" },
  { label: "reading (instructor)", budget: "reading", account: "instructor", path: (id) => `/readings/${id}` },
  { label: "reading (classmate)", budget: "reading", account: "alice", path: (id) => `/readings/${id}` },
  { label: "draft, writer (lead)", budget: "draft", account: "lead", path: () => `/sessions/${SESSION}/drafts/presentation` },
  { label: "draft, reader (classmate)", budget: "draft", account: "alice", path: () => `/sessions/${SESSION}/drafts/presentation` },
];

interface Script {
  url: string;
  raw: number;
  gzip: number;
  /** Requested by the HTML parser (part of the first load), not by a script afterwards. */
  fromHtml: boolean;
}

const args = process.argv.slice(2);
const showChunks = args.includes("--chunks");
const urlFlag = args.indexOf("--url");
const givenUrl = urlFlag >= 0 ? args[urlFlag + 1] : undefined;
const unknown = args.filter((arg, index) => !["--chunks", "--url"].includes(arg) && !(urlFlag >= 0 && index === urlFlag + 1));
if (unknown.length > 0 || (urlFlag >= 0 && !givenUrl?.startsWith("http"))) {
  console.error(`measure:weight: unknown arguments ${unknown.join(" ") || "--url without an http(s) address"}. Use --chunks and --url http://host:port.`);
  process.exit(2);
}

const root = path.resolve(import.meta.dirname, "..");
let exitCode = 1;
let app: { baseUrl: string; stop(): Promise<void> } | undefined;
try {
  app = givenUrl ? { baseUrl: givenUrl.replace(/\/$/, ""), stop: async () => {} } : await startApp();
  exitCode = await measure(app.baseUrl);
} catch (error) {
  console.error(`measure:weight: ${(error as Error).message}`);
} finally {
  await app?.stop();
}
process.exit(exitCode);

async function measure(baseUrl: string): Promise<number> {
  const browser = await launchChromium();
  try {
    const readingId = await firstReadingId(baseUrl);
    const rows: Array<{ visit: Visit; scripts: Script[] }> = [];
    for (const visit of VISITS) rows.push({ visit, scripts: await scriptsOf(browser, baseUrl, visit, visit.path(readingId)) });
    let over = 0;
    console.log(`${"page".padEnd(28)}${"first load".padStart(12)}${"until live".padStart(12)}${"budget".padStart(8)}   (KiB gzip; scripts)`);
    for (const { visit, scripts } of rows) {
      const first = scripts.filter((script) => script.fromHtml);
      const firstGzip = sum(first.map((script) => script.gzip));
      const totalGzip = sum(scripts.map((script) => script.gzip));
      const budget = visit.budget ? BUDGETS[visit.budget] : null;
      const ok = budget === null || firstGzip <= budget;
      if (!ok) over += 1;
      console.log(
        `${visit.label.padEnd(28)}${`${kib(firstGzip)} (${first.length})`.padStart(12)}${`${kib(totalGzip)} (${scripts.length})`.padStart(12)}${(budget === null ? "-" : kib(budget, 0)).padStart(8)}   ${budget === null ? "" : ok ? "ok" : "OVER BUDGET"}`,
      );
      if (showChunks) {
        for (const script of [...scripts].sort((a, b) => Number(b.fromHtml) - Number(a.fromHtml) || b.gzip - a.gzip)) {
          console.log(`    ${kib(script.gzip).padStart(7)}  ${script.fromHtml ? "first" : "later"}  ${new URL(script.url).pathname}`);
        }
      }
    }
    if (over > 0) console.error(`measure:weight: ${over} page(s) over their first-load budget; run with --chunks to see which scripts they load.`);
    return over > 0 ? 1 : 0;
  } finally {
    await browser.close();
  }
}

/** Every script the page loads until its live document is connected and the network is quiet. */
async function scriptsOf(browser: Browser, baseUrl: string, visit: Visit, pagePath: string): Promise<Script[]> {
  const context = await browser.newContext({ baseURL: baseUrl });
  try {
    await signInWithApi(context.request, ACCOUNTS[visit.account].email);
    const page = await context.newPage();
    // Who asked for each script: Chromium's parser (the HTML, a preload) or a script that ran.
    const parserRequested = new Set<string>();
    const devtools = await context.newCDPSession(page);
    devtools.on("Network.requestWillBeSent", ({ request, initiator, type }) => {
      if (type === "Script" && initiator.type === "parser") parserRequested.add(request.url);
    });
    await devtools.send("Network.enable");
    const bodies: Array<Promise<Script | null>> = [];
    page.on("response", (response) => {
      if (response.request().resourceType() !== "script") return;
      bodies.push(
        response.body().then(
          (body) => ({ url: response.url(), raw: body.length, gzip: gzipSync(body).length, fromHtml: parserRequested.has(response.url()) }),
          () => null,
        ),
      );
    });
    const response = await page.goto(pagePath);
    if (!response?.ok()) throw new Error(`${visit.label}: ${pagePath} answered HTTP ${response?.status()}`);
    if (visit.budget) await page.getByRole("status").filter({ hasText: /^Live$/ }).first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    const scripts = (await Promise.all(bodies)).filter((script): script is Script => script !== null);
    // A chunk fetched twice (a preload and its use) is shipped once, and counts where it was first asked for.
    const byUrl = new Map<string, Script>();
    for (const script of scripts) byUrl.set(script.url, { ...script, fromHtml: script.fromHtml || parserRequested.has(script.url) });
    return [...byUrl.values()];
  } finally {
    await context.close();
  }
}

async function firstReadingId(baseUrl: string): Promise<string> {
  const context = await playwrightRequest.newContext({ baseURL: baseUrl });
  try {
    await signInWithApi(context, ACCOUNTS.alice.email);
    const html = await (await context.get(`/sessions/${SESSION}`)).text();
    const id = /href="\/readings\/([^"#?]+)"/.exec(html)?.[1];
    if (!id) throw new Error(`the session page /sessions/${SESSION} links to no reading (is the demo class seeded?)`);
    return id;
  } finally {
    await context.dispose();
  }
}

function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) => fs.existsSync(candidate));
  return chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** The production build (built first when stale) on a free port, with the demo class on a fresh database. */
async function startApp(): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const cluster: TestCluster = await startTestCluster();
  const database = await createDatabase(cluster, "marginalia_weight");
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "lib/server/start.mts")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: cluster.urlFor(database), PORT: String(port), HOST: "127.0.0.1", SEED_DEMO: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  const keep = (chunk: Buffer) => log.push(chunk.toString());
  server.stdout!.on("data", keep);
  server.stderr!.on("data", keep);
  const stop = async () => {
    await stopProcess(server);
    await dropDatabase(cluster, database).catch(() => {});
    await cluster.stop();
  };
  try {
    await waitForServer(server, `${baseUrl}/api/health`, 300_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${log.join("").slice(-2000)}`);
  }
  return { baseUrl, stop };
}

async function waitForServer(child: ChildProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server was not ready within ${timeoutMs / 1000} s`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function kib(bytes: number, digits = 1): string {
  return (bytes / KIB).toFixed(digits);
}
