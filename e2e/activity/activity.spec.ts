// What's new, Activity and deep links, with two classmates in two browsers: a reply shows up as "1 new"
// on the other's session page and in their Activity; its link lands on the comment and focuses it; after
// the visit the "new" is gone. Each test reads in a session of its own.
import { expect, test, type Page } from "@playwright/test";
import { createSession, newPerson, PROJECTED_WITHIN_MS, selectInAbstract, uniqueSuffix } from "../support.ts";

const READING = "Scaling Laws for Neural Language Models";

async function openScratchReading(page: Page, slug: string): Promise<void> {
  await page.goto(`/sessions/${slug}`);
  await page.getByRole("link", { name: READING }).click();
  await page.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
}

function readingLine(page: Page) {
  return page.getByRole("listitem").filter({ has: page.getByRole("link", { name: READING }) });
}

async function postOnPaper(page: Page, body: string): Promise<void> {
  const comments = page.getByRole("region", { name: "Comments" });
  await comments.getByLabel("Comment", { exact: true }).fill(body);
  await comments.getByRole("button", { name: "Post" }).click();
  await expect(comments.getByText(body)).toBeVisible();
}

test("a classmate's reply is 1 new on the session page and in Activity, its link focuses it, and the visit clears it", async ({ browser }) => {
  const { slug } = await createSession(browser);
  const suffix = uniqueSuffix();
  const alice = await newPerson(browser, "alice");
  const bob = await newPerson(browser, "bob");

  await openScratchReading(alice, slug);
  await postOnPaper(alice, `Why a power law? ${suffix}`);

  await openScratchReading(bob, slug);
  const bobComments = bob.getByRole("region", { name: "Comments" });
  await bobComments.getByRole("button", { name: "Reply" }).click();
  await bobComments.getByLabel("Reply").fill(`Because of the data ${suffix}`);
  await bobComments.getByRole("button", { name: "Send reply" }).click();
  await expect(bobComments.getByText(`Because of the data ${suffix}`)).toBeVisible();

  // The counts come from the projection, written shortly after the change is stored.
  await expect(async () => {
    await alice.goto(`/sessions/${slug}`);
    await expect(readingLine(alice)).toContainText("1 new", { timeout: 1000 });
  }).toPass({ timeout: PROJECTED_WITHIN_MS });
  await expect(readingLine(alice)).toContainText("2 comments");
  await expect(alice.getByRole("link", { name: /^Activity\s*\d+\s*unread$/ })).toBeVisible();

  await alice.getByRole("link", { name: /^Activity/ }).click();
  const item = alice.getByRole("list", { name: "Your activity" }).getByRole("listitem").filter({ hasText: `Because of the data ${suffix}` });
  await expect(item).toContainText(`Bob Tanaka replied to your thread on ${READING}`);
  await expect(item).toContainText("New");
  await item.getByRole("link", { name: READING }).click();

  await expect(alice).toHaveURL(/\/readings\/[a-z0-9]+#comment-[A-Za-z0-9_-]+$/);
  const target = alice.locator(`[id="${new URL(alice.url()).hash.slice(1)}"]`);
  await expect(target).toContainText(`Because of the data ${suffix}`);
  await expect(target).toBeFocused();
  await expect(target).toContainText("New");

  // The visit was recorded: nothing new on the session page, and the Activity item is read.
  await expect(async () => {
    await alice.goto(`/sessions/${slug}`);
    await expect(readingLine(alice)).toContainText("2 comments", { timeout: 1000 });
    await expect(readingLine(alice)).not.toContainText(/\d+ new/, { timeout: 1000 });
  }).toPass({ timeout: PROJECTED_WITHIN_MS });
  await alice.goto("/activity");
  await expect(alice.getByRole("list", { name: "Your activity" }).getByRole("listitem").filter({ hasText: `Because of the data ${suffix}` })).not.toContainText("New");
  await alice.context().close();
  await bob.context().close();
});

test("Next new walks through what is new, Mark all read clears it, and a copied link opens a resolved thread and focuses the comment", async ({ browser }) => {
  const { slug } = await createSession(browser);
  const suffix = uniqueSuffix();
  const bob = await newPerson(browser, "bob");
  await openScratchReading(bob, slug);
  await postOnPaper(bob, `First note ${suffix}`);
  await postOnPaper(bob, `Second note ${suffix}`);

  const alice = await newPerson(browser, "alice");
  await openScratchReading(alice, slug);
  const comments = alice.getByRole("region", { name: "Comments" });
  await expect(comments.getByTestId("news-bar")).toContainText("2 new");
  await comments.getByRole("button", { name: "Next new" }).click();
  const focusedText = () => alice.evaluate(() => document.activeElement?.textContent ?? "");
  await expect.poll(focusedText).toMatch(/note/);
  const first = await focusedText();
  await comments.getByRole("button", { name: "Next new" }).click();
  await expect.poll(focusedText).not.toBe(first);
  expect([first, await focusedText()].map((text) => /First/.test(text)).sort()).toEqual([false, true]);
  await comments.getByRole("button", { name: "Mark all read" }).click();
  await expect(comments.getByTestId("news-bar")).toHaveCount(0);
  await expect(comments.locator("[data-new-comment]")).toHaveCount(0);

  // Bob resolves his first thread; Alice copies the link to that comment (keyboard only).
  const bobComments = bob.getByRole("region", { name: "Comments" });
  await bobComments.getByRole("article").filter({ hasText: `First note ${suffix}` }).getByRole("button", { name: "Resolve" }).click();
  const firstThread = comments.getByRole("article").filter({ hasText: `First note ${suffix}` });
  await expect(firstThread.getByText("Resolved", { exact: true })).toBeVisible();
  await firstThread.getByRole("button", { name: /Show thread/ }).click();
  const copy = firstThread.getByRole("link", { name: "Copy link to this comment" });
  await copy.focus();
  await alice.keyboard.press("Enter");
  await expect(firstThread.getByRole("status").filter({ hasText: /Link copied|address bar/ })).toBeVisible();
  const link = alice.url();
  expect(link).toMatch(/#comment-[A-Za-z0-9_-]+$/);

  const again = await alice.context().newPage();
  await again.goto(link);
  const target = again.locator(`[id="${new URL(link).hash.slice(1)}"]`);
  await expect(target).toContainText(`First note ${suffix}`);
  await expect(target).toBeVisible();
  await expect(target).toBeFocused();
  await alice.context().close();
  await bob.context().close();
});

test("on a draft: a classmate's comment is 1 new on the draft's card, a new thread in the blog team's Activity links to it, and the team's edits reach the instructor", async ({ browser }) => {
  const { slug, title } = await createSession(browser);
  const suffix = uniqueSuffix();
  const blake = await newPerson(browser, "blog");
  const alice = await newPerson(browser, "alice");
  const draftCard = (page: Page) => page.getByRole("listitem").filter({ has: page.getByRole("link", { name: /^Blog post/ }) });

  await blake.goto(`/sessions/${slug}/drafts/blog-post`);
  await blake.getByRole("status").filter({ hasText: /^Live$/ }).first().waitFor();
  await blake.getByRole("textbox", { name: "Blog post" }).click();
  await blake.keyboard.type("Adapters are cheap to train.");

  await alice.goto(`/sessions/${slug}/drafts/blog-post`);
  await alice.getByRole("status").filter({ hasText: /^Live$/ }).first().waitFor();
  const editor = alice.getByRole("textbox", { name: "Blog post" });
  await expect(editor).toContainText("Adapters are cheap to train.");
  await editor.getByText("Adapters are cheap to train.").dblclick({ position: { x: 8, y: 8 } });
  await alice.getByRole("button", { name: "Comment on selection" }).click();
  const comments = alice.getByRole("region", { name: "Draft comments" });
  await comments.getByLabel("Comment", { exact: true }).fill(`How cheap? ${suffix}`);
  await comments.getByRole("button", { name: "Post" }).click();
  await expect(comments.getByText(`How cheap? ${suffix}`)).toBeVisible();

  await expect(async () => {
    await blake.goto(`/sessions/${slug}`);
    await expect(draftCard(blake)).toContainText("1 new", { timeout: 1000 });
  }).toPass({ timeout: PROJECTED_WITHIN_MS });

  await blake.goto("/activity");
  const item = blake.getByRole("list", { name: "Your activity" }).getByRole("listitem").filter({ hasText: `How cheap? ${suffix}` });
  await expect(item).toContainText(`Alice Moreau started a thread on Blog post (${title})`);
  await item.getByRole("link", { name: `Blog post (${title})` }).click();
  await expect(blake).toHaveURL(new RegExp(`/sessions/${slug}/drafts/blog-post#comment-`));
  const target = blake.locator(`[id="${new URL(blake.url()).hash.slice(1)}"]`);
  await expect(target).toContainText(`How cheap? ${suffix}`);
  await expect(target).toBeFocused();

  await expect(async () => {
    await blake.goto(`/sessions/${slug}`);
    await expect(draftCard(blake)).toContainText("1 comment", { timeout: 1000 });
    await expect(draftCard(blake)).not.toContainText(/\d+ new/, { timeout: 1000 });
  }).toPass({ timeout: PROJECTED_WITHIN_MS });

  // The instructor writes every draft: Blake's typing is an edit of theirs to know about, grouped by hour
  // (a test that runs across the hour sees two such entries; the newest is first).
  const instructor = await newPerson(browser, "instructor");
  await instructor.goto("/activity");
  await expect(
    instructor.getByRole("list", { name: "Your activity" }).getByRole("listitem").filter({ hasText: `Blake Osei edited Blog post (${title})` }).first(),
  ).toContainText(/\d+ changes?, \d\d:00–\d\d:00 UTC/);
  for (const page of [blake, alice, instructor]) await page.context().close();
});

test("a highlight's link opens its card and focuses it", async ({ browser }) => {
  const { slug } = await createSession(browser);
  const suffix = uniqueSuffix();
  const bob = await newPerson(browser, "bob");
  await openScratchReading(bob, slug);
  await selectInAbstract(bob, "empirical scaling laws");
  const toolbar = bob.getByRole("group", { name: "Highlight the selected passage" });
  await toolbar.getByLabel("First comment (optional)").fill(`Which laws? ${suffix}`);
  await toolbar.getByRole("button", { name: "Highlight" }).click();
  const copy = bob.getByRole("region", { name: "Comments" }).getByRole("link", { name: "Copy link to this highlight" });
  const fragment = await copy.getAttribute("href");
  expect(fragment).toMatch(/^#highlight-[A-Za-z0-9_-]+$/);

  const alice = await newPerson(browser, "alice");
  await alice.goto(`${new URL(bob.url()).pathname}${fragment}`);
  const card = alice.locator(`[id="highlight-card-${fragment!.slice("#highlight-".length)}"]`);
  await expect(card).toContainText(`Which laws? ${suffix}`);
  await expect(card).toBeFocused();
  await alice.context().close();
  await bob.context().close();
});
