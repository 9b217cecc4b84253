// An open draft follows its writer's team: moved off the blog team while the draft is open, the editor turns
// read-only and says so, without a reload; moved back, it is writable again.
import { expect, test } from "@playwright/test";
import { ACCOUNTS, createSession, DEMO_JOIN_CODE, sameOrigin, signInWithApi, uniqueSuffix } from "../support.ts";

test("a blog-team member moved to another team while the blog post is open can read it but no longer edit it", async ({ browser }) => {
  const { slug } = await createSession(browser, { blog: "team-5" });
  // A student of this test's own, so that other specs' demo accounts keep their teams.
  const suffix = uniqueSuffix();
  const name = `Rowan ${suffix}`;
  const email = `moved-${suffix}@example.edu`;
  const password = "a long enough password";
  const writer = await browser.newContext();
  expect((await writer.request.post("/api/signup", { data: { name, email, password, joinCode: DEMO_JOIN_CODE }, headers: sameOrigin() })).status()).toBe(201);

  const instructor = await (await browser.newContext()).newPage();
  await signInWithApi(instructor.request, ACCOUNTS.instructor.email);
  await instructor.goto("/console");
  const team = instructor.getByLabel(`Team of ${name}`);
  const saved = instructor.getByRole("row", { name: new RegExp(name) }).getByRole("status");
  await team.selectOption({ label: "Team 5" });
  await expect(saved).toHaveText("Saved");

  await signInWithApi(writer.request, email, password);
  const page = await writer.newPage();
  await page.goto(`/sessions/${slug}/drafts/blog-post`);
  await expect(page.getByRole("status").filter({ hasText: /^Live$/ })).toBeVisible();
  const editor = page.getByRole("textbox", { name: "Blog post" });
  await expect(editor).toHaveAttribute("aria-readonly", "false");
  await editor.click();
  await page.keyboard.type("Written by the blog team.");
  await expect(editor).toContainText("Written by the blog team.");
  const insertDigest = page.getByRole("button", { name: "Insert digest" });
  await expect(insertDigest).toBeVisible();

  const note = page.getByText("You can read this draft but no longer edit it.");
  await team.selectOption({ label: "Team 3" });
  await expect(saved).toHaveText("Saved");
  await expect(note).toBeVisible();
  await expect(editor).toHaveAttribute("aria-readonly", "true");
  await expect(editor).toHaveAttribute("contenteditable", "false");
  await expect(insertDigest).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: /^Live$/ })).toBeVisible();
  // Keys go nowhere: nothing is typed, so nothing is refused.
  await editor.click();
  await page.keyboard.type("Not any more.");
  await expect(editor).toHaveText("Written by the blog team.");
  await expect(page.getByRole("alert").filter({ hasText: "could not be saved" })).toHaveCount(0);

  // And back: a member of the team again writes without reloading.
  await team.selectOption({ label: "Team 5" });
  await expect(saved).toHaveText("Saved");
  await expect(editor).toHaveAttribute("aria-readonly", "false");
  await expect(note).toBeHidden();
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" And again.");
  await expect(editor).toContainText("Written by the blog team. And again.");

  // The server took it: the instructor opening the draft sees it.
  const check = await instructor.context().newPage();
  await check.goto(`/sessions/${slug}/drafts/blog-post`);
  await expect(check.getByRole("textbox", { name: "Blog post" })).toContainText("Written by the blog team. And again.");
  await writer.close();
  await instructor.context().close();
});
