import { expect, test, type Page } from "@playwright/test";
import { createSession, PROJECTED_WITHIN_MS, signIn } from "../support.ts";

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test("the question queue, the heatmap bar and the most highlighted passage fit a 375 px wide phone", async ({ browser, page }) => {
  const session = await createSession(browser);
  await signIn(page, "lead");
  await page.goto(`/sessions/${session.slug}`);
  await page.getByRole("link", { name: /^Scaling Laws/ }).click();
  await page.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
  const comments = page.getByRole("region", { name: "Comments" });
  await comments.getByLabel("Comment", { exact: true }).fill("Why do the exponents stay constant across seven orders of magnitude of compute?");
  await comments.getByRole("button", { name: "Post" }).click();
  await expect(page.getByRole("region", { name: "Where the class highlighted" })).toBeVisible();
  expect(await overflow(page), "the reading page with its heatmap bar").toBeLessThanOrEqual(0);

  await expect(async () => {
    await page.goto(`/sessions/${session.slug}/questions`);
    await expect(page.getByRole("article", { name: "Question by Lena Park" })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: PROJECTED_WITHIN_MS });
  await expect(page.getByRole("button", { name: "Mark answered in presentation" })).toBeVisible();
  expect(await overflow(page), "the question queue").toBeLessThanOrEqual(0);

  await page.goto(`/sessions/${session.slug}`);
  await expect(page.getByRole("link", { name: "Questions" })).toBeVisible();
  expect(await overflow(page), "the session page").toBeLessThanOrEqual(0);
});
