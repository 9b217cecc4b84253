import { expect, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, signIn } from "../support.ts";

test("a signed-out visitor who opens a reading signs in and comes back to it", async ({ page }) => {
  await signIn(page, "alice");
  await page.goto("/sessions/llm-fine-tuning");
  const href = await page.getByRole("link", { name: /^QLoRA/ }).getAttribute("href");
  await page.context().clearCookies();

  await page.goto(href!);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Email").fill(ACCOUNTS.alice.email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("QLoRA: Efficient Finetuning of Quantized LLMs");
  await expect(page.getByRole("banner")).toContainText(ACCOUNTS.alice.name);
});

test("sign in and sign out from the header", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(ACCOUNTS.bob.email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sessions" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(ACCOUNTS.bob.name);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F/);
});

test("a wrong password gets a clear message and no hint whether the email exists", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(ACCOUNTS.blog.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");

  await page.getByLabel("Email").fill("nobody-here@demo.test");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
});

test("no GitHub or Google button when they are not configured", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /GitHub|Google/ })).toHaveCount(0);
});
