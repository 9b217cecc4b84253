// An open reading page follows the account: when the password is changed in another browser, the page's
// live connection is closed at once, and instead of "Reconnecting..." forever it says the session ended.
import { expect, test } from "@playwright/test";
import { DEMO_JOIN_CODE, openReading, sameOrigin, signInWithApi, uniqueSuffix } from "../support.ts";

test("a password changed elsewhere ends the open page's live connection, and the page says to sign in again", async ({ browser }) => {
  const email = `live-session-${uniqueSuffix()}@example.edu`;
  const password = "the first password, long enough";
  const setup = await browser.newContext();
  const signedUp = await setup.request.post("/api/signup", { data: { name: "Sam Session", email, password, joinCode: DEMO_JOIN_CODE }, headers: sameOrigin() });
  expect(signedUp.status()).toBe(201);

  const reader = await (await browser.newContext()).newPage();
  await signInWithApi(reader.request, email, password);
  await openReading(reader, /^QLoRA/);

  // The same person, on another device.
  await signInWithApi(setup.request, email, password);
  const changed = await setup.request.post("/api/account/password", { data: { currentPassword: password, newPassword: "the second password, also long" }, headers: sameOrigin() });
  expect(changed.status()).toBe(200);

  const status = reader.getByRole("status").filter({ hasText: "session" });
  await expect(status).toHaveText("Your session ended; sign in again");
  await expect(status.getByRole("link", { name: "sign in again" })).toHaveAttribute("href", /^\/signin\?callbackUrl=%2Freadings%2F/);
  await setup.close();
  await reader.context().close();
});
