import { expect, test } from "@playwright/test";
import { signIn } from "../support.ts";

test("pages fit a 375 px wide phone without sideways scrolling", async ({ page }) => {
  await signIn(page, "bob");
  for (const url of ["/", "/sessions/llm-fine-tuning", "/account", "/sessions/llm-fine-tuning/drafts/presentation", "/sessions/llm-fine-tuning/drafts/blog-post"]) {
    await page.goto(url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow on ${url}`).toBeLessThanOrEqual(0);
  }
  await page.goto("/sessions/llm-fine-tuning");
  await page.getByRole("link", { name: /^Instruction Tuning/ }).click();
  await expect(page.locator("[data-abstract]")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
