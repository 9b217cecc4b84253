import { expect, test } from "@playwright/test";

test("pages fit a 375 px wide phone without sideways scrolling", async ({ page }) => {
  for (const url of ["/", "/sessions/llm-fine-tuning"]) {
    await page.goto(url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow on ${url}`).toBeLessThanOrEqual(0);
  }
  await page.getByRole("link", { name: /^Instruction Tuning/ }).click();
  await expect(page.locator("[data-abstract]")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
