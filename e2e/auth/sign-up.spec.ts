import { expect, test } from "@playwright/test";
import { DEMO_JOIN_CODE, uniqueSuffix } from "../support.ts";

test("sign up with the join code, then sign out and back in", async ({ page }) => {
  const email = `student-${uniqueSuffix()}@example.edu`;
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Nia Student");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByLabel("Join code").fill(DEMO_JOIN_CODE.toLowerCase());
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sessions" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Nia Student");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("banner")).toContainText("Nia Student");
});

test("a wrong join code is refused with a clear message and no account is made", async ({ page }) => {
  const email = `student-${uniqueSuffix()}@example.edu`;
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Wrong Code");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByLabel("Join code").fill("NOT-THE-CODE");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("That join code is not right. Ask your instructor for the current one.")).toBeVisible();
  await expect(page.getByLabel("Join code")).toHaveAttribute("aria-invalid", "true");

  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
});

test("field rules are explained next to the field", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Short Password");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Join code").fill(DEMO_JOIN_CODE);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address, like name@university.edu.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters for your password.")).toBeVisible();
});
