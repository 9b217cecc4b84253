// Every page of the app, signed out and as each demo role, checked with axe: no serious or critical
// violations (WCAG 2.2 A/AA and axe's best practices). The pages are read from app/ (like the
// authorization matrix), so a new page is checked without anyone adding it here; then the states a page
// only reaches by interaction: the highlight toolbar, an open thread with its reply form, a draft's
// comment form, console forms showing their errors, search results. Also: new comments from others
// are announced in a polite live region, one's own are not.
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ACCOUNTS, createSession, selectInAbstract, signIn, uniqueSuffix, type AccountName } from "../support.ts";

const APP = path.resolve(import.meta.dirname, "../../app");
const SESSION = "llm-fine-tuning";
const VISITORS = ["signed out", "instructor", "lead", "blog", "alice"] as const;
type Visitor = (typeof VISITORS)[number];
const ROLE_OF: Record<Visitor, string> = { "signed out": "signed out", instructor: "instructor", lead: "lead team", blog: "blog team", alice: "classmate" };
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const LIVE_STATUS = /^Live$/;

/** Values for the route parameters of app/ pages; each value is one page to check. A new parameter needs a row. */
const PARAMETERS: Record<string, (ids: SeedIds) => string[]> = {
  slug: () => [SESSION],
  id: (ids) => [ids.readingId],
  kind: () => ["presentation", "blog-post"],
};
/** Extra query strings worth their own check (a page's other state). */
const VARIANTS: Record<string, string[]> = { "/sessions/[slug]/search": ["?q=language+model"] };

interface SeedIds {
  readingId: string;
}

function discoverPages(): string[] {
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

function urlsFor(pattern: string, ids: SeedIds): string[] {
  let urls = [pattern];
  for (const [, name] of pattern.matchAll(/\[(\w+)\]/g)) {
    const values = PARAMETERS[name!];
    if (!values) throw new Error(`the page ${pattern} has a parameter [${name}] with no value in PARAMETERS of e2e/a11y/axe.spec.ts: add one`);
    urls = urls.flatMap((url) => values(ids).map((value) => url.replace(`[${name}]`, value)));
  }
  return urls.flatMap((url) => [url, ...(VARIANTS[pattern] ?? []).map((query) => `${url}${query}`)]);
}

let seedIds: Promise<SeedIds> | undefined;
function findSeedIds(browser: Browser): Promise<SeedIds> {
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

async function visitorPage(browser: Browser, visitor: Visitor): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (visitor !== "signed out") await signIn(page, visitor as AccountName);
  return page;
}

/** Fails with the violations listed (rule, impact, help, where) when axe finds a serious or critical one. */
async function expectNoSeriousViolations(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  const report = serious.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
        .slice(0, 5)
        .map((node) => `    ${node.target.join(" ")}: ${node.failureSummary?.split("\n").slice(1, 3).join(" ").trim()}`)
        .join("\n")}`,
  );
  expect(report, `axe on ${state} (${page.url()})`).toEqual([]);
}

/** A live page is checked once its document is there; others once loaded and quiet (a streamed page may
 * still redirect a signed-out visitor from the browser). */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  if (/^\/readings\/|\/drafts\//.test(new URL(page.url()).pathname)) await page.getByRole("status").filter({ hasText: LIVE_STATUS }).first().waitFor();
}

test("the page list is read from app/ and every route parameter has a value", async ({ browser }) => {
  const pages = discoverPages();
  expect(pages).toContain("/readings/[id]");
  const ids = await findSeedIds(browser);
  for (const pattern of pages) expect(urlsFor(pattern, ids).length, pattern).toBeGreaterThan(0);
});

for (const visitor of VISITORS) {
  test.describe(`axe, ${ROLE_OF[visitor]}`, () => {
    for (const pattern of discoverPages()) {
      test(pattern, async ({ browser }) => {
        const ids = await findSeedIds(browser);
        const page = await visitorPage(browser, visitor);
        for (const url of urlsFor(pattern, ids)) {
          const response = await page.goto(url);
          expect(response?.status() ?? 0, `${url} must not fail`).toBeLessThan(500);
          await settle(page);
          await expectNoSeriousViolations(page, `${url} as ${ROLE_OF[visitor]}`);
        }
        await page.context().close();
      });
    }
  });
}

const MEMBERS = VISITORS.filter((visitor): visitor is Exclude<Visitor, "signed out"> => visitor !== "signed out");

for (const visitor of MEMBERS) {
  test(`axe, ${ROLE_OF[visitor]}: a reading with the highlight toolbar, an open thread and a reply form`, async ({ browser }) => {
    const { slug } = await createSession(browser);
    const page = await visitorPage(browser, visitor);
    await page.goto(`/sessions/${slug}`);
    await page.getByRole("link", { name: /^Scaling Laws/ }).click();
    await page.getByRole("status").filter({ hasText: LIVE_STATUS }).first().waitFor();

    await selectInAbstract(page, "empirical scaling laws");
    const toolbar = page.getByRole("group", { name: "Highlight the selected passage" });
    await expect(toolbar).toBeVisible();
    await toolbar.getByLabel("First comment (optional)").fill("Which laws? @ali");
    // The suggestions are loaded on the first "@": they must still come.
    await expect(page.getByRole("listbox", { name: "Mention someone" })).toContainText(ACCOUNTS.alice.name);
    await expectNoSeriousViolations(page, "the highlight toolbar with mention suggestions");
    await toolbar.getByLabel("First comment (optional)").fill("Which laws?");
    await toolbar.getByRole("button", { name: "Highlight" }).click();

    const comments = page.getByRole("region", { name: "Comments" });
    await expect(comments).toContainText("Which laws?");
    await comments.getByRole("button", { name: "Reply" }).first().click();
    await expect(comments.getByLabel("Reply")).toBeVisible();
    await expectNoSeriousViolations(page, "an open thread with its reply form");
    await page.context().close();
  });

  test(`axe, ${ROLE_OF[visitor]}: a draft with text and the comment-on-selection form`, async ({ browser }) => {
    const { slug } = await createSession(browser);
    // The lead team writes the presentation; everyone else reads it and comments.
    const writer = await visitorPage(browser, "lead");
    await writer.goto(`/sessions/${slug}/drafts/presentation`);
    await writer.getByRole("textbox", { name: "Lead team's presentation" }).click();
    await writer.keyboard.type("Adapters are cheap to train.");
    const page = visitor === "lead" ? writer : await visitorPage(browser, visitor);
    await page.goto(`/sessions/${slug}/drafts/presentation`);
    await page.getByRole("status").filter({ hasText: LIVE_STATUS }).first().waitFor();
    const editor = page.getByRole("textbox", { name: "Lead team's presentation" });
    await expect(editor).toContainText("Adapters are cheap to train.");
    await expectNoSeriousViolations(page, "a draft with text");
    await editor.getByText("Adapters are cheap to train.").dblclick({ position: { x: 8, y: 8 } });
    await page.getByRole("button", { name: "Comment on selection" }).click();
    await expect(page.getByRole("region", { name: "Draft comments" }).getByLabel("Comment", { exact: true })).toBeVisible();
    await expectNoSeriousViolations(page, "the comment-on-selection form");
    await page.context().close();
    if (page !== writer) await writer.context().close();
  });
}

test("axe, instructor: console forms showing their errors", async ({ browser }) => {
  const page = await visitorPage(browser, "instructor");
  await page.goto("/console/import");
  await page.getByRole("textbox").first().fill("Not a reading list\nRequired Readings:\n- no title before this link");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("alert").first()).toBeVisible();
  await expectNoSeriousViolations(page, "the import form with errors");
  await page.context().close();
});

test("a comment from someone else is announced politely, one's own is not", async ({ browser }) => {
  const { slug } = await createSession(browser);
  const alice = await visitorPage(browser, "alice");
  const bob = await visitorPage(browser, "lead");
  for (const page of [alice, bob]) {
    await page.goto(`/sessions/${slug}`);
    await page.getByRole("link", { name: /^Scaling Laws/ }).click();
    await page.getByRole("status").filter({ hasText: LIVE_STATUS }).first().waitFor();
  }
  const announcements = (page: Page) => page.locator('[aria-live="polite"][data-testid="comment-announcements"]');
  const body = `A thought ${uniqueSuffix()}`;
  const comments = alice.getByRole("region", { name: "Comments" });
  await comments.getByLabel("Comment", { exact: true }).fill(body);
  await comments.getByRole("button", { name: "Post" }).click();

  await expect(bob.getByRole("region", { name: "Comments" })).toContainText(body);
  await expect(announcements(bob)).toHaveText(`New comment from ${ACCOUNTS.alice.name}`);
  await expect(comments).toContainText(body);
  await expect(announcements(alice)).toHaveText("");

  // What the document held before the page opened is not news.
  await bob.reload();
  await bob.getByRole("status").filter({ hasText: LIVE_STATUS }).first().waitFor();
  await expect(bob.getByRole("region", { name: "Comments" })).toContainText(body);
  await expect(announcements(bob)).toHaveText("");
  await alice.context().close();
  await bob.context().close();
});
