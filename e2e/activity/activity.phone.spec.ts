// The Activity page, a deep-linked comment and the "N new" bar on a 375 px wide phone: nothing scrolls sideways.
import { expect, test, type Page } from "@playwright/test";
import { createSession, newPerson, PROJECTED_WITHIN_MS, signIn, uniqueSuffix } from "../support.ts";

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("Activity, a deep link and the new-comment bar fit a 375 px wide phone", async ({ browser, page: alice }) => {
  const { slug } = await createSession(browser);
  const suffix = uniqueSuffix();
  const bob = await newPerson(browser, "bob");
  await bob.goto(`/sessions/${slug}`);
  await bob.getByRole("link", { name: "Scaling Laws for Neural Language Models" }).click();
  await bob.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
  const comments = bob.getByRole("region", { name: "Comments" });
  await comments.getByLabel("Comment", { exact: true }).fill(`@alice a-rather-long-unbroken-word-that-should-wrap-somewhere-on-a-phone ${suffix}`);
  await comments.getByRole("button", { name: "Post" }).click();
  await expect(comments.getByText(suffix, { exact: false })).toBeVisible();

  // The test's own page has the phone's viewport (a context made by hand would not).
  await signIn(alice, "alice");
  const item = alice.getByRole("list", { name: "Your activity" }).getByRole("listitem").filter({ hasText: suffix });
  await expect(async () => {
    await alice.goto("/activity");
    await expect(item).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: PROJECTED_WITHIN_MS });
  expect(await overflow(alice), "horizontal overflow on /activity").toBeLessThanOrEqual(0);

  await item.getByRole("link").click();
  await expect(alice).toHaveURL(/\/readings\/[a-z0-9]+#comment-/);
  const target = alice.locator(`[id="${new URL(alice.url()).hash.slice(1)}"]`);
  await expect(target).toBeFocused();
  await expect(target).toBeInViewport();
  await expect(alice.getByTestId("news-bar")).toContainText("1 new");
  expect(await overflow(alice), "horizontal overflow on the reading").toBeLessThanOrEqual(0);
  await bob.context().close();
});
