// An open reading page follows the account: when the password is changed in another browser, the page's
// live connection is closed at once, and instead of "Reconnecting..." forever it says the session ended.
import { expect, test } from "@playwright/test";
import { ACCOUNTS, DEMO_JOIN_CODE, newPerson, openReading, sameOrigin, signInWithApi, uniqueSuffix } from "../support.ts";

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

test("a reading archived while it is open says it is no longer available instead of reconnecting", async ({ browser }) => {
  const title = `Archive while open ${uniqueSuffix()}`;
  const readingList = (...readings: string[]) =>
    [title, "- Lead team: team-1", "- Blog team: team-5", "Required Readings:", ...readings.flatMap((reading) => [reading, `- https://example.org/${reading.replace(/\W+/g, "-").toLowerCase()}`, "- A. Author", `- An abstract about ${reading}.`])].join("\n");
  const instructor = await browser.newContext();
  await signInWithApi(instructor.request, ACCOUNTS.instructor.email);
  const imported = await instructor.request.post("/api/console/import", { multipart: { text: readingList("Kept reading", "Dropped reading") }, headers: sameOrigin() });
  expect(imported.status()).toBeLessThan(300);
  const { session } = (await imported.json()) as { session: { slug: string } };

  const reader = await newPerson(browser, "alice");
  await reader.goto(`/sessions/${session.slug}`);
  await reader.getByRole("link", { name: "Dropped reading" }).click();
  const status = reader.getByRole("status").filter({ hasText: /^(Live|Connecting\.\.\.|Reconnecting\.\.\.|Offline|This reading is no longer available)$/ });
  await expect(status).toHaveText("Live");

  // The instructor imports the list again without it: the reading is archived.
  const again = await instructor.request.post("/api/console/import", { multipart: { text: readingList("Kept reading") }, headers: sameOrigin() });
  expect(again.status()).toBeLessThan(300);
  await expect(status).toHaveText("This reading is no longer available");
  await expect(status).toHaveAttribute("data-connection-status", "gone");
  await instructor.close();
  await reader.context().close();
});
