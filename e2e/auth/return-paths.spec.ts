// Return paths in a real browser: a callbackUrl that a browser would read as another site lands on "/".
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, signIn } from "../support.ts";

const HOSTILE = ["/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example/", "/%2F%2Fevil.example", "javascript:alert(1)"];

test("signing in with a hostile callbackUrl lands on the home page of this site", async ({ page, baseURL }) => {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/\t/evil.example")}`);
  await page.getByLabel("Email").fill(ACCOUNTS.bob.email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sessions" })).toBeVisible();
  expect(page.url()).toBe(`${baseURL}/`);
});

test("a signed-in visitor sent to /signin or /signup with a hostile callbackUrl stays on this site", async ({ page, baseURL }) => {
  await signIn(page, "alice");
  for (const callbackUrl of HOSTILE) {
    for (const path of ["/signin", "/signup"]) {
      await page.goto(`${path}?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await expect(page.getByRole("heading", { level: 1, name: "Sessions" })).toBeVisible();
      expect(page.url(), `${path} with ${JSON.stringify(callbackUrl)}`).toBe(`${baseURL}/`);
    }
  }
});

test("next-auth's own redirect answers a foreign callbackUrl with this site", async ({ baseURL }) => {
  const context = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const redirectFor = async (callbackUrl: string) => {
    const response = await context.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: ACCOUNTS.alice.email, password: DEMO_PASSWORD, callbackUrl, json: "true" },
      maxRedirects: 0,
    });
    return ((await response.json()) as { url: string }).url;
  };
  // The site as next-auth knows it (NEXTAUTH_URL): a safe path is kept on it.
  const kept = new URL(await redirectFor("/account"));
  expect(kept.pathname).toBe("/account");
  expect(kept.port).toBe(new URL(baseURL!).port);
  for (const callbackUrl of ["https://evil.example/", `${kept.origin}/\t/evil.example`, "/\t/evil.example", "//evil.example"]) {
    expect(await redirectFor(callbackUrl), JSON.stringify(callbackUrl)).toBe(`${kept.origin}/`);
  }
  await context.dispose();
});
