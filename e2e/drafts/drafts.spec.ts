import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, createSession, DEMO_JOIN_CODE, newPerson, PROJECTED_WITHIN_MS, sameOrigin, signInWithApi, uniqueSuffix } from "../support.ts";
import { LEGACY_COMMENTS, LEGACY_PASSAGE } from "./legacy-draft-comments.ts";

async function openDraft(page: Page, slug: string, kind: "presentation" | "blog-post") {
  await page.goto(`/sessions/${slug}/drafts/${kind}`);
  await page.getByRole("status").filter({ hasText: /^Live$/ }).first().waitFor();
}

test("two lead-team members type at once and see each other's text and caret", async ({ browser }) => {
  const { slug } = await createSession(browser);
  // A second team-1 member of this test's own.
  const suffix = uniqueSuffix();
  const second = await browser.newContext();
  const email = `lead-${suffix}@example.edu`;
  expect((await second.request.post("/api/signup", { data: { name: `Quinn ${suffix}`, email, password: "a long enough password", joinCode: DEMO_JOIN_CODE }, headers: sameOrigin() })).status()).toBe(201);
  const instructor = await browser.newContext();
  await signInWithApi(instructor.request, ACCOUNTS.instructor.email);
  const consoleHtml = await (await instructor.request.get("/console")).text();
  const team1 = /<option value="([a-z0-9]+)">Team 1<\/option>/.exec(consoleHtml)![1]!;
  const userId = new RegExp(`data-user-id="([a-z0-9]+)"(?:(?!data-user-id).)*?Quinn ${suffix}`, "s").exec(consoleHtml)?.[1];
  expect(userId).toBeTruthy();
  expect((await instructor.request.patch(`/api/console/members/${userId}`, { data: { teamId: team1 }, headers: sameOrigin() })).status()).toBe(200);
  await signInWithApi(second.request, email, "a long enough password");
  const quinn = await second.newPage();
  const lena = await newPerson(browser, "lead");

  await openDraft(lena, slug, "presentation");
  await openDraft(quinn, slug, "presentation");
  const lenaEditor = lena.getByRole("textbox", { name: "Lead team's presentation" });
  const quinnEditor = quinn.getByRole("textbox", { name: "Lead team's presentation" });
  await lenaEditor.click();
  await lena.keyboard.type("Lena writes the intro. ");
  // Quinn starts typing once Lena's words are on his screen, as a person would.
  await expect(quinnEditor).toContainText("Lena writes the intro.");
  await quinnEditor.click();
  await quinn.keyboard.press("Control+End");
  await quinn.keyboard.press("Enter");
  await quinn.keyboard.type("Quinn adds the results.");
  await expect(lenaEditor).toContainText("Quinn adds the results.");
  await expect(quinnEditor).toContainText("Lena writes the intro.");
  // Each sees the other's caret, labelled with their name.
  await expect(lena.locator(".collaboration-carets__label", { hasText: `Quinn ${suffix}` })).toBeVisible();
  await expect(quinn.locator(".collaboration-carets__label", { hasText: ACCOUNTS.lead.name })).toBeVisible();
  await instructor.close();
  await second.close();
  await lena.context().close();
});

test("a classmate follows the draft live, cannot type in it, and comments; the team sees, replies, +1s and resolves", async ({ browser }) => {
  const { slug } = await createSession(browser);
  const lena = await newPerson(browser, "lead");
  const alice = await newPerson(browser, "alice");
  await openDraft(lena, slug, "presentation");
  await openDraft(alice, slug, "presentation");
  const lenaEditor = lena.getByRole("textbox", { name: "Lead team's presentation" });
  await lenaEditor.click();
  await lena.keyboard.type("Scaling laws predict loss from compute.");
  const aliceEditor = alice.getByRole("textbox", { name: "Lead team's presentation" });
  await expect(aliceEditor).toContainText("Scaling laws predict loss from compute.");
  await expect(alice.getByText(/Read-only: only the lead team and the instructor edit this draft/)).toBeVisible();
  await expect(aliceEditor).toHaveAttribute("contenteditable", "false");
  await aliceEditor.click();
  await alice.keyboard.type("vandalism");
  await expect(aliceEditor).not.toContainText("vandalism");

  // Alice selects a word with the mouse and comments on it.
  await aliceEditor.getByText("Scaling laws predict loss from compute.").dblclick({ position: { x: 110, y: 8 } });
  const selected = await alice.evaluate(() => getSelection()?.toString().trim());
  expect(selected).toMatch(/^\w+$/);
  const aliceComments = alice.getByRole("region", { name: "Draft comments" });
  await alice.getByRole("button", { name: "Comment on selection" }).click();
  await aliceComments.getByLabel("Comment", { exact: true }).fill("Which compute range?");
  await aliceComments.getByRole("button", { name: "Post" }).click();

  const lenaComments = lena.getByRole("region", { name: "Draft comments" });
  await expect(lenaComments).toContainText("Which compute range?");
  await expect(lenaComments).toContainText(selected!);
  // The comment stays on its passage while the team edits before it.
  await lenaEditor.click();
  await lena.keyboard.press("Control+Home");
  await lena.keyboard.type("Intro. ");
  await expect(lena.locator(".draft-comment-anchor")).toHaveText(selected!);
  // The same thread as on a reading: reply, +1, and resolve (the lead team resolves threads on its presentation).
  const thread = lenaComments.getByRole("article", { name: `Thread started by ${ACCOUNTS.alice.name}` });
  await thread.getByRole("button", { name: "Reply" }).click();
  await thread.getByLabel("Reply").fill("From 1e18 to 1e21 FLOPs.");
  await thread.getByRole("button", { name: "Send reply" }).click();
  await thread.getByRole("button", { name: /^\+1/ }).first().click();
  const aliceThread = aliceComments.getByRole("article", { name: `Thread started by ${ACCOUNTS.alice.name}` });
  await expect(aliceThread).toContainText("From 1e18 to 1e21 FLOPs.");
  await expect(aliceThread.getByRole("button", { name: /^\+1/ }).first()).toHaveText("+1 1");
  await thread.getByRole("button", { name: "Resolve" }).click();
  await expect(aliceComments.getByText("Resolved", { exact: true })).toBeVisible();
  await expect(aliceComments.getByText(`by ${ACCOUNTS.lead.name}`)).toBeVisible();
  // A resolved passage is no longer painted.
  await expect(lena.locator(".draft-comment-anchor")).toHaveCount(0);
  await lena.context().close();
  await alice.context().close();
});

test("a draft is rendered on the server: a classmate without JavaScript reads it, and the editor loaded afterwards types and saves", async ({ browser }) => {
  const { slug } = await createSession(browser);
  const path = `/sessions/${slug}/drafts/presentation`;
  const lena = await newPerson(browser, "lead");
  await openDraft(lena, slug, "presentation");
  const editor = lena.getByRole("textbox", { name: "Lead team's presentation" });
  await editor.click();
  await lena.keyboard.type("Typed in the editor.");

  const withoutScript = await browser.newContext({ javaScriptEnabled: false });
  await signInWithApi(withoutScript.request, ACCOUNTS.alice.email);
  const alice = await withoutScript.newPage();
  const draft = alice.getByRole("document", { name: "Lead team's presentation" });
  // Reloads until the server has the last keystrokes (each is stored before it is acknowledged).
  const readWithoutScript = async (text: string) =>
    expect(async () => {
      await alice.goto(path);
      await expect(draft).toContainText(text, { timeout: 1000 });
    }).toPass({ timeout: PROJECTED_WITHIN_MS });
  await readWithoutScript("Typed in the editor.");
  // Read-only: nothing on the page is an editor.
  await expect(alice.getByRole("textbox", { name: "Lead team's presentation" })).toHaveCount(0);

  // A new visit: the editor arrives after the page's first load, and what is typed into it is saved.
  await lena.reload();
  await lena.getByRole("status").filter({ hasText: /^Live$/ }).first().waitFor();
  await editor.click();
  await lena.keyboard.press("Control+End");
  await lena.keyboard.press("Enter");
  await lena.keyboard.type("Added after a reload.");
  await readWithoutScript("Added after a reload.");
  await expect(draft.locator("p")).toHaveText(["Typed in the editor.", "Added after a reload."]);
  await withoutScript.close();
  await lena.context().close();
});

test("bold on a selection and a typed web address (made a link) are saved, not refused", async ({ browser }) => {
  const { slug } = await createSession(browser);
  const lena = await newPerson(browser, "lead");
  await openDraft(lena, slug, "presentation");
  const editor = lena.getByRole("textbox", { name: "Lead team's presentation" });
  await editor.click();
  await lena.keyboard.type("Bold claim first. See https://example.org/paper for more.");
  // Formatting text that is already there: the server's check sees Yjs tidy the formatting afterwards.
  await lena.keyboard.press("Home");
  for (let i = 0; i < "Bold claim".length; i++) await lena.keyboard.press("Shift+ArrowRight");
  await lena.keyboard.press("Control+b");
  await expect(editor.locator("strong")).toHaveText("Bold claim");
  await expect(editor.locator('a[href="https://example.org/paper"]')).toHaveText("https://example.org/paper");

  // What the server stored, as a classmate without JavaScript reads it (reloading until the last keys are in).
  const withoutScript = await browser.newContext({ javaScriptEnabled: false });
  await signInWithApi(withoutScript.request, ACCOUNTS.alice.email);
  const alice = await withoutScript.newPage();
  const draft = alice.getByRole("document", { name: "Lead team's presentation" });
  await expect(async () => {
    await alice.goto(`/sessions/${slug}/drafts/presentation`);
    await expect(draft.locator("strong")).toHaveText("Bold claim", { timeout: 1000 });
  }).toPass({ timeout: PROJECTED_WITHIN_MS });
  await expect(draft.locator('a[href="https://example.org/paper"]')).toHaveText("https://example.org/paper");
  // Nothing was refused on the way.
  await expect(lena.getByRole("main").getByRole("alert")).toHaveCount(0);
  await expect(editor.locator("strong")).toHaveText("Bold claim");
  await withoutScript.close();
  await lena.context().close();
});

test("a writer's click and keys on the server-rendered draft wait for the editor and land where they clicked", async ({ browser }) => {
  const { slug } = await createSession(browser);
  const path = `/sessions/${slug}/drafts/presentation`;
  const lena = await newPerson(browser, "lead");
  await openDraft(lena, slug, "presentation");
  await lena.getByRole("textbox", { name: "Lead team's presentation" }).click();
  await lena.keyboard.type("First paragraph.");
  await lena.keyboard.press("Enter");
  await lena.keyboard.type("Second paragraph.");
  // Stored, and so in the page the server renders.
  await expect.poll(async () => (await lena.request.get(path)).text()).toContain("<p>First paragraph.</p><p>Second paragraph.</p>");
  await lena.context().close();

  // A new visit that gets the page's first load and nothing after it until the test says so: the
  // server-rendered draft stays, with no editor, for as long as the test needs.
  const page = await newPerson(browser, "lead");
  const html = await (await page.request.get(path)).text();
  const firstLoad = new Set([...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((match) => match[1]));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let heldBack!: () => void;
  const requested = new Promise<void>((resolve) => (heldBack = resolve));
  await page.route("**/_next/static/**/*.js", async (route) => {
    if (!firstLoad.has(new URL(route.request().url()).pathname)) {
      heldBack();
      await released;
    }
    await route.continue();
  });
  await page.goto(path);
  // The page asks for the editor once it has hydrated: from then on it takes clicks and keys.
  await requested;
  await expect(page.getByRole("status").filter({ hasText: "Connecting... read-only until then" })).toBeVisible();
  const staticDraft = page.getByRole("document", { name: "Lead team's presentation" });
  const first = staticDraft.locator("p").first();
  const box = (await first.boundingBox())!;
  await first.click({ position: { x: box.width - 2, y: box.height / 2 } });
  await page.keyboard.press("Backspace");
  await page.keyboard.type("s!!");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Typed while it loaded.");
  // Nothing shows in the server's copy, which is not the editor.
  await expect(staticDraft.locator("p")).toHaveText(["First paragraph.", "Second paragraph."]);

  release();
  await page.getByRole("status").filter({ hasText: /^Live$/ }).first().waitFor();
  const editor = page.getByRole("textbox", { name: "Lead team's presentation" });
  await expect(editor.locator("p")).toHaveText(["First paragraphs!", "Typed while it loaded.", "Second paragraph."]);
  await expect(editor).toBeFocused();
  // The editor took the server's copy's place: the paragraph did not move.
  expect(await editor.locator("p").first().boundingBox()).toEqual(box);
  // Typed into the live draft, so stored: the server renders it.
  await expect.poll(async () => (await page.request.get(path)).text()).toContain("<p>First paragraphs!</p><p>Typed while it loaded.</p><p>Second paragraph.</p>");
  await page.context().close();
});

test("a revision is saved, viewed with its changes, and restored", async ({ browser }) => {
  const { slug } = await createSession(browser);
  const lena = await newPerson(browser, "lead");
  await openDraft(lena, slug, "presentation");
  const editor = lena.getByRole("textbox", { name: "Lead team's presentation" });
  await editor.click();
  await lena.keyboard.type("First version of the talk.");
  const revisions = lena.getByRole("region", { name: "Revisions" });
  await revisions.getByLabel("Revision name").fill("v1");
  await revisions.getByRole("button", { name: "Save revision" }).click();
  await expect(revisions).toContainText("v1");

  await editor.click();
  await lena.keyboard.press("Control+a");
  await lena.keyboard.type("A completely different talk.");
  await expect(editor).toHaveText("A completely different talk.");
  await revisions.getByRole("listitem").filter({ hasText: "v1" }).getByRole("button", { name: "View" }).click();
  await expect(revisions).toContainText("First version of the talk.");
  await revisions.getByRole("button", { name: "Restore this revision" }).click();
  await lena.getByRole("dialog", { name: "Restore this revision?" }).getByRole("button", { name: "Restore" }).click();
  await expect(editor).toHaveText("First version of the talk.");
  await lena.context().close();
});

test("Quote in blog post from a highlight lands in the blog draft with its back-link", async ({ browser }) => {
  const { slug } = await createSession(browser);
  const blake = await newPerson(browser, "blog");
  await blake.goto(`/sessions/${slug}`);
  await blake.getByRole("link", { name: "Scaling Laws for Neural Language Models" }).click();
  await blake.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
  const readingUrl = blake.url();
  await blake.locator("[data-abstract]").evaluate((root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf("empirical scaling laws");
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + "empirical scaling laws".length);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        root.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
        return;
      }
    }
  });
  await blake.getByRole("group", { name: "Highlight the selected passage" }).getByRole("button", { name: "Highlight" }).click();
  const comments = blake.getByRole("region", { name: "Comments" });
  await comments.getByRole("button", { name: "Quote in blog post" }).click();
  await expect(comments.getByRole("link", { name: "Quoted in the blog post" })).toBeVisible();
  await expect(comments.getByRole("button", { name: "Quote in presentation" })).toHaveCount(0);

  await comments.getByRole("link", { name: "Quoted in the blog post" }).click();
  await blake.getByRole("status").filter({ hasText: /^Live$/ }).first().waitFor();
  const editor = blake.getByRole("textbox", { name: "Blog post" });
  await expect(editor.locator("blockquote")).toContainText("empirical scaling laws");
  const backLink = editor.getByRole("link", { name: "Scaling Laws for Neural Language Models" });
  await expect(backLink).toHaveAttribute("href", new RegExp(`${new URL(readingUrl).pathname}#highlight-`));
  await blake.context().close();
});

test("an @mention in a draft comment reaches the person mentioned, and its link leads back to the draft", async ({ browser }) => {
  const { slug } = await createSession(browser);
  const blake = await newPerson(browser, "blog");
  const alice = await newPerson(browser, "alice");
  const bob = await newPerson(browser, "bob");
  await openDraft(blake, slug, "blog-post");
  await blake.getByRole("textbox", { name: "Blog post" }).click();
  await blake.keyboard.type("Adapters are cheap to train.");
  await openDraft(alice, slug, "blog-post");
  const editor = alice.getByRole("textbox", { name: "Blog post" });
  await expect(editor).toContainText("Adapters are cheap to train.");
  await editor.getByText("Adapters are cheap to train.").dblclick({ position: { x: 8, y: 8 } });
  await alice.getByRole("button", { name: "Comment on selection" }).click();
  const body = `Is this right, @${ACCOUNTS.bob.email.split("@")[0]}? (${uniqueSuffix()})`;
  const comments = alice.getByRole("region", { name: "Draft comments" });
  await comments.getByLabel("Comment", { exact: true }).fill(body);
  await comments.getByRole("button", { name: "Post" }).click();
  await expect(comments.getByRole("article", { name: `Thread started by ${ACCOUNTS.alice.name}` })).toBeVisible();

  // Mentions are read from the projection, written shortly after the change: Bob reloads until it is there.
  const mentions = bob.getByRole("list", { name: "Mentions of you" });
  await expect(async () => {
    await bob.goto("/notifications");
    await expect(mentions.getByRole("listitem").filter({ hasText: body.slice(-10) })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: PROJECTED_WITHIN_MS });
  const item = mentions.getByRole("listitem").filter({ hasText: body.slice(-10) });
  await expect(item).toContainText(`${ACCOUNTS.alice.name} mentioned you on Blog post`);
  await item.getByRole("link").click();
  await expect(bob).toHaveURL(new RegExp(`/sessions/${slug}/drafts/blog-post#comment-`));
  await bob.getByRole("status").filter({ hasText: /^Live$/ }).first().waitFor();
  // Shown with the name of the person mentioned.
  await expect(bob.getByRole("region", { name: "Draft comments" })).toContainText(body.replace(`@${ACCOUNTS.bob.email.split("@")[0]}`, `@${ACCOUNTS.bob.name}`));
  for (const page of [blake, alice, bob]) await page.context().close();
});

test("comments made before drafts had live threads are all there, on their passages, with their replies and resolutions", async ({ browser }) => {
  const alice = await newPerson(browser, "alice");
  await openDraft(alice, "llm-fine-tuning", "presentation");
  const comments = alice.getByRole("region", { name: "Draft comments" });
  // A mention is shown with the name of the person mentioned.
  const mention = LEGACY_COMMENTS.mention.replace("@bob", `@${ACCOUNTS.bob.name}`);
  for (const text of [LEGACY_COMMENTS.onPassage, LEGACY_COMMENTS.reply, mention]) await expect(comments).toContainText(text);
  // The passage comment sits on its passage, painted in the draft, with the reply in its thread.
  await expect(alice.locator(".draft-comment-anchor")).toHaveText(LEGACY_PASSAGE);
  const onPassage = comments.getByRole("article").filter({ hasText: LEGACY_COMMENTS.onPassage });
  await expect(onPassage).toContainText(LEGACY_COMMENTS.reply);
  // The resolved one is still resolved (its thread folded until opened).
  const resolved = comments.getByRole("article").filter({ has: alice.getByText("Resolved", { exact: true }) });
  await resolved.getByRole("button", { name: /Show thread/ }).click();
  await expect(resolved).toContainText(LEGACY_COMMENTS.resolved);
  // And they are live threads now: a +1 on the old passage comment is saved like any other.
  await onPassage.getByRole("button", { name: /^\+1/ }).first().click();
  await expect(onPassage.getByRole("button", { name: /^\+1/ }).first()).toHaveText("+1 1");
  await alice.context().close();
});
