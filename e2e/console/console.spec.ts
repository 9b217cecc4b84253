import { expect, test } from "@playwright/test";
import { DEMO_JOIN_CODE, sameOrigin, signIn, signInWithApi, uniqueSuffix } from "../support.ts";

test("the instructor moves a student to another team", async ({ page, browser }) => {
  // A student of this test's own, so that other specs' demo accounts keep their teams.
  const suffix = uniqueSuffix();
  const email = `mover-${suffix}@example.edu`;
  const student = await browser.newContext();
  const signup = await student.request.post("/api/signup", {
    data: { name: `Mo ${suffix}`, email, password: "a long enough password", joinCode: DEMO_JOIN_CODE },
    headers: sameOrigin(),
  });
  expect(signup.status()).toBe(201);
  await student.close();

  await signIn(page, "instructor");
  await page.goto("/console");
  const select = page.getByLabel(`Team of Mo ${suffix}`);
  await expect(select).toHaveValue("");
  await select.selectOption({ label: "Team 3" });
  await expect(page.getByRole("row", { name: new RegExp(`Mo ${suffix}`) }).getByRole("status")).toHaveText("Saved");
  await page.reload();
  await expect(page.getByLabel(`Team of Mo ${suffix}`)).toHaveValue(/.+/);
  await expect(page.getByLabel(`Team of Mo ${suffix}`).locator("option:checked")).toHaveText("Team 3");
});

test("the instructor imports a session, sees line-numbered errors, then sets its blog team", async ({ page }) => {
  await signIn(page, "instructor");
  await page.goto("/console/import");
  const title = `Scaling laws ${uniqueSuffix()}`;
  await page.getByLabel("Reading list").fill(`${title}\n- Lead team: team-2\nRequired Readings:\n- https://arxiv.org/abs/2001.08361`);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Line 4: This detail line comes before any reading title");

  await page.getByLabel("Reading list").fill(
    `${title}\n- Lead team: team-2\n- Blog team: team-3\nRequired Readings:\nScaling Laws for Neural Language Models\n- https://arxiv.org/abs/2001.08361\n- We study empirical scaling laws for language model performance.`,
  );
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status")).toContainText(`Imported “${title}”: 1 new`);

  await page.goto("/console");
  await page.getByLabel(`Blog team for ${title}`).selectOption({ label: "Team 1" });
  await page.getByRole("button", { name: `Save teams for ${title}` }).click();
  await expect(page.getByText("Teams saved.")).toBeVisible();

  await page.goto("/");
  await expect(page.getByRole("link", { name: new RegExp(title) })).toContainText("Blog: Team 1");
  await expect(page.getByRole("link", { name: new RegExp(title) })).toContainText("Lead: Team 2");
});

test("the instructor corrects a reading's abstract", async ({ page }) => {
  await signIn(page, "instructor");
  await page.goto("/console/import");
  const title = `Corrections ${uniqueSuffix()}`;
  await page.getByLabel("Reading list").fill(`${title}\nRequired Readings:\nA paper with a typo\n- We presnet a method.`);
  await page.getByRole("button", { name: "Import" }).click();
  await page.getByRole("link", { name: "Open the session" }).click();
  const readingUrl = await page.getByRole("link", { name: "A paper with a typo" }).getAttribute("href");
  await page.goto(`/console/readings/${readingUrl!.split("/").pop()}`);
  await page.getByLabel("Abstract").fill("We present a method.");
  await page.getByRole("button", { name: "Save reading" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.goto(readingUrl!);
  await expect(page.locator("[data-abstract]")).toHaveText("We present a method.");
});

test("a classmate who opens the instructor console is refused", async ({ page }) => {
  await signIn(page, "alice");
  const response = await page.goto("/console");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Console" })).toHaveCount(0);
});

test("the console link is in the instructor's header", async ({ page }) => {
  await signInWithApi(page.request, "instructor@demo.test");
  await page.goto("/");
  await page.getByRole("banner").getByRole("link", { name: "Console" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Instructor console" })).toBeVisible();
  await expect(page.getByLabel("Current join code")).toHaveText(/\S+/);
});
