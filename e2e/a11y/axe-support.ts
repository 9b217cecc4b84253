// What the axe specs share: the app's pages read from app/, visitors by role, and the check itself.
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import { signIn, type AccountName } from "../support.ts";

const APP = path.resolve(import.meta.dirname, "../../app");
const SESSION = "llm-fine-tuning";
export const VISITORS = ["signed out", "instructor", "lead", "blog", "alice"] as const;
export type Visitor = (typeof VISITORS)[number];
export const ROLE_OF: Record<Visitor, string> = { "signed out": "signed out", instructor: "instructor", lead: "lead team", blog: "blog team", alice: "classmate" };
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
export const LIVE_STATUS = /^Live$/;

/** Values for the route parameters of app/ pages; each value is one page to check. A new parameter needs a row. */
const PARAMETERS: Record<string, (ids: SeedIds) => string[]> = {
  slug: () => [SESSION],
  id: (ids) => [ids.readingId],
  kind: () => ["presentation", "blog-post"],
};
/** Extra query strings worth their own check (a page's other state). */
const VARIANTS: Record<string, string[]> = { "/sessions/[slug]/search": ["?q=language+model"] };

export interface SeedIds {
  readingId: string;
}

export function discoverPages(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else if (/^page\.tsx?$/.test(entry.name)) {
        const segments = path.relative(APP, dir).split(path.sep).filter((segment) => segment && !/^\(.*\)$/.test(segment));
        found.push(`/${segments.join("/")}`);
      }
    }
  };
  walk(APP);
  return found.sort();
}

export function urlsFor(pattern: string, ids: SeedIds): string[] {
  let urls = [pattern];
  for (const [, name] of pattern.matchAll(/\[(\w+)\]/g)) {
    const values = PARAMETERS[name!];
    if (!values) throw new Error(`the page ${pattern} has a parameter [${name}] with no value in PARAMETERS of e2e/a11y/axe.spec.ts: add one`);
    urls = urls.flatMap((url) => values(ids).map((value) => url.replace(`[${name}]`, value)));
  }
  return urls.flatMap((url) => [url, ...(VARIANTS[pattern] ?? []).map((query) => `${url}${query}`)]);
}

let seedIds: Promise<SeedIds> | undefined;
export function findSeedIds(browser: Browser): Promise<SeedIds> {
  seedIds ??= (async () => {
    const context = await browser.newContext();
    await signIn(await context.newPage(), "alice");
    const html = await (await context.request.get(`/sessions/${SESSION}`)).text();
    await context.close();
    const readingId = /href="\/readings\/([a-z0-9]+)"/.exec(html)?.[1];
    if (!readingId) throw new Error(`the seed session /sessions/${SESSION} links to no reading`);
    return { readingId };
  })();
  return seedIds;
}

export async function visitorPage(browser: Browser, visitor: Visitor, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  if (visitor !== "signed out") await signIn(page, visitor as AccountName);
  return page;
}

/** Fails with the violations listed (rule, impact, help, where) when axe finds a serious or critical one. */
export async function expectNoSeriousViolations(page: Page, state: string, { soft = false } = {}): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  const report = serious.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
        .slice(0, 5)
        .map((node) => `    ${node.target.join(" ")}: ${node.failureSummary?.split("\n").slice(1, 3).join(" ").trim()}`)
        .join("\n")}`,
  );
  (soft ? expect.soft : expect)(report, `axe on ${state} (${page.url()})`).toEqual([]);
}

/** A live page is checked once its document is there; others once loaded and quiet (a streamed page may
 * still redirect a signed-out visitor from the browser). */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  if (/^\/readings\/|\/drafts\//.test(new URL(page.url()).pathname)) await page.getByRole("status").filter({ hasText: LIVE_STATUS }).first().waitFor();
}

