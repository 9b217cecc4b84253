// Search annotations and thread filters, each on scratch sessions of its own: they find what they
// should and nothing else (other sessions, deleted comments, threads outside the filter).
import { expect, test, type Page } from "@playwright/test";
import { createSession, newPerson, PROJECTED_WITHIN_MS, selectInAbstract, signIn } from "../support.ts";

/** Opens the scratch session's one reading and waits until its live document is connected. */
async function openScratchReading(page: Page, slug: string): Promise<void> {
  await page.goto(`/sessions/${slug}`);
  await page.getByRole("link", { name: /^Scaling Laws/ }).click();
  await page.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
}

async function highlight(page: Page, passage: string, kind: string, firstComment: string): Promise<void> {
  await selectInAbstract(page, passage);
  const toolbar = page.getByRole("group", { name: "Highlight the selected passage" });
  // By keyboard, as the toolbar offers it (a mouse click on a kind currently leaves "note" chosen).
  await toolbar.getByRole("radio", { name: kind, exact: true }).focus();
  await page.keyboard.press("Space");
  await expect(toolbar.getByRole("radio", { name: kind, exact: true })).toBeChecked();
  await toolbar.getByLabel("First comment (optional)").fill(firstComment);
  await toolbar.getByRole("button", { name: "Highlight" }).click();
  await expect(page.getByRole("region", { name: "Comments" })).toContainText(firstComment);
}

async function commentOnPaper(page: Page, body: string): Promise<void> {
  const comments = page.getByRole("region", { name: "Comments" });
  await comments.getByLabel("Comment", { exact: true }).fill(body);
  await comments.getByRole("button", { name: "Post" }).click();
  await expect(comments.getByText(body)).toBeVisible();
}

/** Searches from the session page's box, as a reader would, until the projection has caught up with `expected` hits. */
async function search(page: Page, slug: string, query: string, expected: number): Promise<void> {
  await expect(async () => {
    await page.goto(`/sessions/${slug}`);
    await page.getByRole("searchbox", { name: "Search annotations" }).fill(query);
    await page.getByRole("searchbox", { name: "Search annotations" }).press("Enter");
    await expect(page).toHaveURL(new RegExp(`/sessions/${slug}/search\\?q=`));
    await expect(page.getByRole("heading", { name: "Search annotations", level: 1 })).toBeVisible();
    await expect(page.locator("[data-search-hit]")).toHaveCount(expected, { timeout: 1000 });
  }).toPass({ timeout: PROJECTED_WITHIN_MS });
}

test("Search annotations finds comments and passages of this session, stemmed, links to them, and nothing else", async ({ browser }) => {
  const session = await createSession(browser);
  const elsewhere = await createSession(browser);
  const alice = await newPerson(browser, "alice");

  await openScratchReading(alice, session.slug);
  await highlight(alice, "empirical scaling laws", "key idea", "These curves were tuned on held-out data.");
  await commentOnPaper(alice, "Compare with the Chinchilla results.");
  await commentOnPaper(alice, "Temporary remark about quokkas.");
  const comments = alice.getByRole("region", { name: "Comments" });
  const temporary = comments.locator("[data-comment-id]", { hasText: "Temporary remark about quokkas." });
  await temporary.getByRole("button", { name: "Delete", exact: true }).click();
  await temporary.getByRole("button", { name: "Yes, delete" }).click();
  await expect(comments.getByText("Temporary remark about quokkas.")).toHaveCount(0);

  // The same words in another session.
  await openScratchReading(alice, elsewhere.slug);
  await commentOnPaper(alice, "Chinchilla was tuned in another session entirely.");

  // "tuning" finds "tuned" (stemming); only this session's comment, with the passage it is on.
  await search(alice, session.slug, "tuning", 1);
  const hit = alice.locator("[data-search-hit]");
  await expect(hit).toContainText("These curves were tuned on held-out data.");
  await expect(hit.locator("mark")).toHaveText(["tuned"]);
  await expect(hit.locator("blockquote")).toHaveText(/empirical scaling laws/);
  await expect(alice.getByRole("main")).not.toContainText("another session");

  // A word of the highlighted passage finds the highlight; a phrase needs its words together.
  await search(alice, session.slug, '"scaling laws"', 1);
  await expect(alice.locator('[data-search-hit="highlight"] mark')).toHaveText(["scaling", "laws"]);
  await search(alice, session.slug, '"laws scaling"', 0);
  await expect(alice.getByText("Nothing matches")).toBeVisible();

  await search(alice, session.slug, "chinchilla", 1);
  await expect(alice.locator("[data-search-hit]")).toContainText("Compare with the Chinchilla results.");
  await search(alice, session.slug, "quokkas", 0);

  // Characters that mean something to a query parser are just characters.
  await search(alice, session.slug, `"C++ & (quasar | !`, 0);
  await expect(alice.getByText("Nothing matches")).toBeVisible();
  await alice.goto(`/sessions/${session.slug}/search?q=${"x".repeat(201)}`);
  await expect(alice.getByRole("alert").filter({ hasText: "Search for at most 200 characters." })).toBeVisible();

  // The result links to the comment in its place.
  await search(alice, session.slug, "tuning", 1);
  await alice.locator("[data-search-hit]").getByRole("link").click();
  await expect(alice).toHaveURL(/\/readings\/[^#]+#comment-/);
  await expect(alice.getByRole("region", { name: "Comments" }).getByText("These curves were tuned on held-out data.")).toBeVisible();
  await alice.context().close();
});

test("search works without JavaScript: the box is a plain form", async ({ browser }) => {
  const session = await createSession(browser);
  const writer = await newPerson(browser, "bob");
  await openScratchReading(writer, session.slug);
  await commentOnPaper(writer, "Plain forms still search for perplexity.");
  await writer.context().close();

  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "alice");
  await search(page, session.slug, "perplexity", 1);
  await expect(page.locator("[data-search-hit]")).toContainText("Bob Tanaka");
  await context.close();
});

test("thread filters: kind, author, open or resolved, and mine, with counts", async ({ browser }) => {
  const session = await createSession(browser);
  const alice = await newPerson(browser, "alice");
  const bob = await newPerson(browser, "bob");
  await openScratchReading(alice, session.slug);
  await highlight(alice, "empirical scaling laws", "question", "Alice asks about the fit.");
  await openScratchReading(bob, session.slug);
  await highlight(bob, "cross-entropy loss", "method", "Bob on the loss.");
  await commentOnPaper(bob, "Bob on the whole paper.");
  const bobComments = bob.getByRole("region", { name: "Comments" });
  await bobComments.locator("article", { hasText: "Bob on the whole paper." }).getByRole("button", { name: "Resolve" }).click();

  const comments = alice.getByRole("region", { name: "Comments" });
  await expect(comments.locator("article", { hasText: "Bob on the whole paper." }).getByText("Resolved", { exact: true })).toBeVisible();
  const filters = comments.getByRole("group", { name: "Filter threads" });
  const everyThread = ["Alice asks about the fit.", "Bob on the loss.", "Bob on the whole paper."];
  const showsOnly = async (...shown: string[]) => {
    for (const text of everyThread) await expect(comments.getByText(text)).toHaveCount(shown.includes(text) ? 1 : 0);
  };

  await expect(filters.getByLabel("Kind").locator("option")).toHaveText(["All kinds", "question (1)", "method (1)", "On the whole paper (1)"]);
  await expect(filters.getByLabel("Status").locator("option")).toHaveText(["Open or resolved", "Open (2)", "Resolved (1)"]);
  await expect(filters.getByLabel("Mine (1)")).not.toBeChecked();

  await filters.getByLabel("Kind").selectOption("question");
  await showsOnly("Alice asks about the fit.");
  await expect(filters.getByRole("status")).toHaveText("Showing 1 of 3");
  await filters.getByLabel("Kind").selectOption("");

  await filters.getByLabel("Author").selectOption({ label: "Bob Tanaka (2)" });
  await showsOnly("Bob on the loss.", "Bob on the whole paper.");
  // Counts follow the other filters: of Bob's threads, one is open and one resolved.
  await expect(filters.getByLabel("Status").locator("option")).toHaveText(["Open or resolved", "Open (1)", "Resolved (1)"]);
  await filters.getByLabel("Status").selectOption("resolved");
  await showsOnly("Bob on the whole paper.");
  await filters.getByRole("button", { name: "Clear filters" }).click();
  await showsOnly(...everyThread);

  await filters.getByLabel(/^Mine/).check();
  await showsOnly("Alice asks about the fit.");
  await filters.getByLabel("Status").selectOption("resolved");
  await showsOnly();
  await expect(comments.getByText("No threads match these filters.")).toBeVisible();
  await filters.getByRole("button", { name: "Clear filters" }).click();
  await showsOnly(...everyThread);

  await alice.context().close();
  await bob.context().close();
});
