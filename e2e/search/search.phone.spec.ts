import { expect, test, type Page } from "@playwright/test";
import { createSession, PROJECTED_WITHIN_MS, signIn } from "../support.ts";

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test("search and thread filters fit a 375 px wide phone", async ({ browser, page }) => {
  const session = await createSession(browser);
  await signIn(page, "alice");
  await page.goto(`/sessions/${session.slug}`);
  await page.getByRole("link", { name: /^Scaling Laws/ }).click();
  await page.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
  const comments = page.getByRole("region", { name: "Comments" });
  const body = "A phone-sized remark about optimisers and their many hyperparameters.";
  await comments.getByLabel("Comment", { exact: true }).fill(body);
  await comments.getByRole("button", { name: "Post" }).click();
  await expect(comments.getByRole("group", { name: "Filter threads" }).getByLabel("Status")).toBeVisible();
  expect(await overflow(page), "the reading page with its filter bar").toBeLessThanOrEqual(0);

  await page.goto(`/sessions/${session.slug}`);
  await expect(page.getByRole("searchbox", { name: "Search annotations" })).toBeVisible();
  expect(await overflow(page), "the session page with its search box").toBeLessThanOrEqual(0);

  await expect(async () => {
    await page.goto(`/sessions/${session.slug}/search?q=hyperparameters`);
    await expect(page.locator("[data-search-hit]")).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: PROJECTED_WITHIN_MS });
  expect(await overflow(page), "the search results").toBeLessThanOrEqual(0);
});
