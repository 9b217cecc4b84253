import { expect, test, type Browser, type Page } from "@playwright/test";
import { type AccountName, openReading, PROJECTED_WITHIN_MS, selectInAbstract, signIn, uniqueSuffix } from "../support.ts";

async function person(browser: Browser, account: AccountName): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, account);
  return page;
}

test("alice highlights and comments, bob sees it live and replies, the author resolves, a reload keeps it all", async ({ browser }) => {
  const alice = await person(browser, "alice");
  const bob = await person(browser, "bob");
  await openReading(alice, /^Delta tuning/);
  await openReading(bob, /^Delta tuning/);

  const passage = "delta tuning only fine-tunes a small portion of the model parameters";
  await selectInAbstract(alice, passage);
  const toolbar = alice.getByRole("group", { name: "Highlight the selected passage" });
  await toolbar.getByText("Question").click();
  // With the mouse, as most people choose a kind.
  await expect(toolbar.getByRole("radio", { name: "Question" })).toBeChecked();
  await toolbar.getByLabel("First comment (optional)").fill("Which portion, and chosen how?");
  await toolbar.getByRole("button", { name: "Highlight" }).click();
  await expect(alice.locator("[data-abstract] mark", { hasText: "small portion" })).toBeVisible();

  // Bob, without reloading.
  await expect(bob.locator("[data-abstract] mark", { hasText: "small portion" })).toBeVisible();
  const bobComments = bob.getByRole("region", { name: "Comments" });
  await expect(bobComments).toContainText("Which portion, and chosen how?");
  await bobComments.getByRole("button", { name: "Reply" }).first().click();
  await bobComments.getByLabel("Reply").fill("Section 3 splits them into **three** groups.");
  await bobComments.getByRole("button", { name: "Send reply" }).click();

  const aliceComments = alice.getByRole("region", { name: "Comments" });
  await expect(aliceComments.locator("strong", { hasText: "three" })).toBeVisible();
  await aliceComments.getByRole("button", { name: "Resolve" }).click();
  await expect(bobComments.getByText("Resolved", { exact: true })).toBeVisible();

  await bob.reload();
  await bob.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
  await expect(bob.locator("[data-abstract] mark", { hasText: "small portion" })).toBeVisible();
  await expect(bob.getByRole("region", { name: "Comments" }).getByText("Resolved", { exact: true })).toBeVisible();
  await alice.context().close();
  await bob.context().close();
});

test("a comment on the whole paper with a mention is delivered to the person mentioned", async ({ browser }) => {
  const bob = await person(browser, "bob");
  await openReading(bob, /^Gemini/);
  const comments = bob.getByRole("region", { name: "Comments" });
  const body = `@alice see the MMLU claim (${Date.now()})`;
  await comments.getByLabel("Comment", { exact: true }).fill(body);
  await comments.getByRole("button", { name: "Post" }).click();
  await expect(comments.getByText(/see the MMLU claim/)).toBeVisible();

  const alice = await person(browser, "alice");
  await expect(async () => {
    await alice.goto("/notifications");
    await expect(alice.getByRole("list", { name: "Mentions of you" })).toContainText(body.slice(7));
  }).toPass({ timeout: PROJECTED_WITHIN_MS });
  await expect(alice.getByRole("list", { name: "Mentions of you" })).toContainText("Bob Tanaka mentioned you on Gemini");
  await alice.getByRole("link", { name: /Gemini/ }).first().click();
  await expect(alice.getByRole("region", { name: "Comments" })).toContainText("see the MMLU claim");
  await alice.context().close();
  await bob.context().close();
});

test("comments are rendered as text, never as HTML", async ({ page }) => {
  await signIn(page, "blog");
  await openReading(page, /^Astraios/);
  const comments = page.getByRole("region", { name: "Comments" });
  await comments.getByLabel("Comment", { exact: true }).fill('<img src=x onerror="window.__pwned=1"> [click](javascript:window.__pwned=2)');
  await comments.getByRole("button", { name: "Post" }).click();
  await expect(comments.getByText("<img src=x", { exact: false })).toBeVisible();
  await expect(comments.locator("img")).toHaveCount(0);
  await expect(comments.locator('a[href^="javascript"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test("a keyboard user makes a highlight with Shift+arrows and h", async ({ page }) => {
  await signIn(page, "lead");
  await openReading(page, /^Recent Large Language Models/);
  const abstract = page.locator("[data-abstract]");
  await abstract.focus();
  await page.keyboard.press("Control+Home");
  for (let i = 0; i < 11; i++) await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.press("h");
  const toolbar = page.getByRole("group", { name: "Highlight the selected passage" });
  await expect(toolbar).toBeVisible();
  await toolbar.getByRole("button", { name: "Highlight" }).click();
  await expect(abstract.locator("mark", { hasText: "The release" }).first()).toBeVisible();
  // The abstract itself cannot be edited from the keyboard.
  await abstract.focus();
  await page.keyboard.type("xyz");
  await expect(abstract).not.toContainText("xyz");
});

test("the reading works before its live half has loaded: writes wait, saying why, and a comment typed meanwhile posts once it is live", async ({ page }) => {
  await signIn(page, "alice");
  await page.goto("/sessions/llm-fine-tuning");
  const path = (await page.getByRole("link", { name: /^LoRA/ }).getAttribute("href"))!;
  // Every script the page's HTML names loads; the ones it fetches afterwards (the live half) wait.
  const html = await (await page.request.get(path)).text();
  const firstLoad = new Set(html.match(/\/_next\/static\/chunks\/[^"'\\]+?\.js/g));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/chunks\/.+\.js$/, async (route) => {
    if (!firstLoad.has(new URL(route.request().url()).pathname)) await released;
    await route.continue();
  });
  await page.goto(path);
  const status = page.getByRole("status").filter({ hasText: /^(Connecting\.\.\.|Live)$/ });
  await expect(status).toHaveText("Connecting...");
  // Hydrated: the abstract has become a selectable textbox.
  await expect(page.getByRole("textbox", { name: "Abstract" })).toBeVisible();
  const comments = page.getByRole("region", { name: "Comments" });
  const field = comments.getByLabel("Comment", { exact: true });
  const post = comments.getByRole("button", { name: "Post" });
  await expect(post).toHaveAttribute("aria-disabled", "true");
  await expect(post).toHaveAccessibleDescription(/^Still connecting to the live document/);
  const body = `Typed while connecting (${uniqueSuffix()})`;
  await field.fill(body);
  // Playwright would wait for an aria-disabled button to be enabled: click it anyway, and try the shortcut.
  await post.click({ force: true });
  await field.press("Control+Enter");
  await expect(field).toHaveValue(body);

  release();
  await expect(status).toHaveText("Live", { timeout: 20_000 });
  await expect(post).not.toHaveAttribute("aria-disabled");
  await post.click();
  await expect(comments.getByText(body)).toBeVisible();
  await expect(field).toHaveValue("");
  await page.reload();
  await expect(page.getByRole("region", { name: "Comments" }).getByText(body)).toBeVisible();
});
