import { expect, test } from "@playwright/test";
import { ACCOUNTS, createSession, newPerson, sameOrigin, selectInAbstract, signInWithApi } from "../support.ts";

test("when the instructor corrects an abstract, highlights move with their text and a lost one is listed as detached", async ({ browser }) => {
  const { slug } = await createSession(browser);
  const alice = await newPerson(browser, "alice");
  await alice.goto(`/sessions/${slug}`);
  const href = (await alice.getByRole("link", { name: "Scaling Laws for Neural Language Models" }).getAttribute("href"))!;
  await alice.goto(href);
  await alice.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
  for (const passage of ["empirical scaling laws", "cross-entropy loss"]) {
    await selectInAbstract(alice, passage);
    await alice.getByRole("group", { name: "Highlight the selected passage" }).getByRole("button", { name: "Highlight" }).click();
    await expect(alice.locator("[data-abstract] mark", { hasText: passage })).toBeVisible();
  }

  const instructor = await browser.newContext();
  await signInWithApi(instructor.request, ACCOUNTS.instructor.email);
  const response = await instructor.request.patch(`/api/console/readings/${href.split("/").pop()}`, {
    headers: sameOrigin(),
    data: {
      title: "Scaling Laws for Neural Language Models",
      section: "REQUIRED",
      url: "https://arxiv.org/abs/2001.08361",
      extraLinks: [],
      authors: ["Jared Kaplan", "Sam McCandlish"],
      abstract: "Recently, we studied empirical scaling laws for language model performance.",
    },
  });
  expect(response.status()).toBe(200);
  await instructor.close();

  await alice.reload();
  await alice.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
  await expect(alice.locator("[data-abstract] mark", { hasText: "empirical scaling laws" })).toBeVisible();
  const comments = alice.getByRole("region", { name: "Comments" });
  await expect(comments.getByText("Detached highlights")).toBeVisible();
  await expect(comments).toContainText("cross-entropy loss");
  await expect(alice.locator("[data-abstract] mark", { hasText: "cross-entropy" })).toHaveCount(0);
  await alice.context().close();
});
