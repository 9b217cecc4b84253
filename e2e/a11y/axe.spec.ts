// Every page of the app, signed out and as each demo role, checked with axe: no serious or critical
// violations (WCAG 2.2 A/AA and axe's best practices). The pages are read from app/ (like the
// authorization matrix), so a new page is checked without anyone adding it here; then the states a page
// only reaches by interaction: the highlight toolbar, an open thread with its reply form, a draft's
// comment form, console forms showing their errors, search results. Also: new comments from others
// are announced in a polite live region, one's own are not.
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, createSession, selectInAbstract, uniqueSuffix } from "../support.ts";
import { discoverPages, expectNoSeriousViolations, findSeedIds, LIVE_STATUS, ROLE_OF, settle, urlsFor, VISITORS, visitorPage, type Visitor } from "./axe-support.ts";

test("the page list is read from app/ and every route parameter has a value", async ({ browser }) => {
  const pages = discoverPages();
  expect(pages).toContain("/readings/[id]");
  const ids = await findSeedIds(browser);
  for (const pattern of pages) expect(urlsFor(pattern, ids).length, pattern).toBeGreaterThan(0);
});

// One test per visitor walks every page in one browser context: a fresh context per page reloaded and
// recompiled the app's scripts each time, which cost more than the checks. A page's violations do not
// stop the walk (soft assertions): the report lists every page that fails, with its URL and role.
for (const visitor of VISITORS) {
  test(`axe, ${ROLE_OF[visitor]}: every page`, async ({ browser }) => {
    test.setTimeout(300_000);
    const ids = await findSeedIds(browser);
    const page = await visitorPage(browser, visitor);
    for (const pattern of discoverPages()) {
      for (const url of urlsFor(pattern, ids)) {
        await test.step(url, async () => {
          const response = await page.goto(url);
          expect.soft(response?.status() ?? 0, `${url} must not fail`).toBeLessThan(500);
          await settle(page);
          await expectNoSeriousViolations(page, `${url} as ${ROLE_OF[visitor]}`, { soft: true });
        });
      }
    }
    await page.context().close();
  });
}

// The states reached by interaction, for the roles whose views of them differ: on a reading the instructor
// (who moderates) and a classmate (what the teams see too); on a draft a writer and a reader.
const READING_VISITORS = ["instructor", "alice"] as const satisfies readonly Visitor[];
const DRAFT_VISITORS = ["lead", "alice"] as const satisfies readonly Visitor[];

for (const visitor of READING_VISITORS) {
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
}

for (const visitor of DRAFT_VISITORS) {
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
