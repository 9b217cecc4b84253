import { expect, test, type Page } from "@playwright/test";
import { createSession, newPerson, PROJECTED_WITHIN_MS, selectInAbstract } from "../support.ts";

const READING = "Scaling Laws for Neural Language Models";

async function openFirstReading(page: Page, slug: string): Promise<void> {
  await page.goto(`/sessions/${slug}`);
  await page.getByRole("link", { name: READING }).click();
  await page.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
}

/** Highlights `passage` as `kind`; `shown` is a stretch of it that ends up in one mark (overlaps split marks). */
async function highlight(page: Page, passage: string, kind: string, firstComment = "", shown = passage): Promise<void> {
  await selectInAbstract(page, passage);
  const toolbar = page.getByRole("group", { name: "Highlight the selected passage" });
  await toolbar.getByRole("radio", { name: kind }).focus();
  await page.keyboard.press("Space");
  await expect(toolbar.getByRole("radio", { name: kind })).toBeChecked();
  if (firstComment) await toolbar.getByLabel("First comment (optional)").fill(firstComment);
  await toolbar.getByRole("button", { name: "Highlight" }).click();
  await expect(page.locator("[data-abstract] mark", { hasText: shown }).first()).toBeVisible();
}

test("a classmate's question reaches the open queue, and the lead team's Answered in presentation reaches every open queue", async ({ browser }) => {
  const { slug } = await createSession(browser);
  const bob = await newPerson(browser, "bob");
  await bob.goto(`/sessions/${slug}`);
  await bob.getByRole("link", { name: "Questions" }).click();
  await expect(bob.getByRole("heading", { name: "Questions", level: 1 })).toBeVisible();
  await expect(bob.getByText("No open questions yet.")).toBeVisible();

  const alice = await newPerson(browser, "alice");
  await openFirstReading(alice, slug);
  await highlight(alice, "empirical scaling laws", "question", "Why a power law?");

  // Bob never reloads: the queue asks the server every few seconds.
  const question = bob.getByRole("article", { name: "Question by Alice Moreau" });
  await expect(question).toBeVisible({ timeout: 30_000 });
  await expect(question.locator("blockquote")).toHaveText("empirical scaling laws");
  await expect(question).toContainText("Why a power law?");
  await expect(question.getByRole("button", { name: "Mark answered in presentation" })).toHaveCount(0);
  await expect(question.getByRole("link", { name: "Open on the reading" })).toHaveAttribute("href", /\/readings\/\w+#highlight-\w+/);

  const lead = await newPerson(browser, "lead");
  await lead.goto(`/sessions/${slug}/questions`);
  const leadsView = lead.getByRole("article", { name: "Question by Alice Moreau" });
  await leadsView.getByRole("button", { name: "Mark answered in presentation" }).click();
  await expect(lead.getByRole("status").filter({ hasText: "Marked answered in the presentation." })).toBeVisible();
  await expect(leadsView.getByRole("link", { name: "Answered in presentation" })).toHaveAttribute("href", `/sessions/${slug}/drafts/presentation`, { timeout: 30_000 });

  await expect(question.getByRole("link", { name: "Answered in presentation" })).toBeVisible({ timeout: 30_000 });
  await expect(bob.getByText("1 open question, 1 answered in the presentation.")).toBeVisible();
  // Alice's reading page, open all along, shows it on the highlight too.
  await expect(alice.getByRole("region", { name: "Comments" }).getByRole("link", { name: "Answered in presentation" })).toBeVisible();

  // Taking it back is seen the same way.
  await leadsView.getByRole("button", { name: "Not answered after all" }).click();
  await expect(question.getByRole("link", { name: "Answered in presentation" })).toHaveCount(0, { timeout: 30_000 });

  for (const page of [alice, bob, lead]) await page.context().close();
});

test("a thread that asks something is a question; the filter by reading keeps it; the lead team quotes it into the presentation", async ({ browser }) => {
  const { slug } = await createSession(browser);
  const alice = await newPerson(browser, "alice");
  await openFirstReading(alice, slug);
  await highlight(alice, "cross-entropy loss", "note", "How was the loss measured");

  const lead = await newPerson(browser, "lead");
  await lead.goto(`/sessions/${slug}/questions`);
  const question = lead.getByRole("article", { name: "Question by Alice Moreau" });
  await expect(async () => {
    await lead.reload();
    await expect(question).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: PROJECTED_WITHIN_MS });
  await lead.getByLabel("Reading").selectOption({ label: READING });
  await lead.getByRole("button", { name: "Filter" }).click();
  await expect(lead).toHaveURL(/\?reading=/);
  await expect(question.locator("blockquote")).toHaveText("cross-entropy loss");

  await question.getByRole("button", { name: "Quote in presentation" }).click();
  await expect(lead.getByRole("status").filter({ hasText: "Quoted in the presentation and marked answered." })).toBeVisible();
  await expect(question.getByRole("link", { name: "Answered in presentation" })).toBeVisible({ timeout: 30_000 });
  await lead.goto(`/sessions/${slug}/drafts/presentation`);
  await expect(lead.locator("blockquote", { hasText: "cross-entropy loss" })).toBeVisible();

  for (const page of [alice, lead]) await page.context().close();
});

test("the heatmap bar beside the abstract is labelled, and choosing a band selects its highlights; the session page shows the most highlighted passage", async ({ browser }) => {
  const { slug } = await createSession(browser);
  const alice = await newPerson(browser, "alice");
  await openFirstReading(alice, slug);
  await highlight(alice, "empirical scaling laws", "question");
  await highlight(alice, "scaling laws for language model", "critique", "", "for language model");

  const bar = alice.getByRole("region", { name: "Where the class highlighted" });
  await expect(bar).toBeVisible();
  const bands = bar.getByRole("button");
  // "empirical " (1), "scaling laws" (2: the overlap), " for language model" (1).
  await expect(bands).toHaveCount(3);
  const overlap = bar.getByRole("button", { name: /“scaling laws”: 2 highlights/ });
  await expect(overlap).toHaveAttribute("aria-pressed", "false");

  await overlap.click();
  await expect(overlap).toHaveAttribute("aria-pressed", "true");
  await expect(bar.getByRole("status")).toHaveText("2 highlights selected");
  // Both highlights are selected: every mark of either is outlined.
  await expect(alice.locator("[data-abstract] mark[data-selected]")).toHaveCount(3);

  // A band of one highlight selects only that one: the other's own stretch is not outlined.
  const first = bar.getByRole("button", { name: /“empirical”: 1 highlight \(1 question\)/ });
  await first.focus();
  await alice.keyboard.press("Enter");
  await expect(first).toHaveAttribute("aria-pressed", "true");
  await expect(bar.getByRole("status")).toHaveText("1 highlight selected");
  await expect(alice.locator("[data-abstract] mark[data-selected]")).toHaveCount(2);
  await expect(alice.locator("[data-abstract] mark", { hasText: "for language model" })).not.toHaveAttribute("data-selected", /.*/);

  await first.click();
  await expect(alice.locator("[data-abstract] mark[data-selected]")).toHaveCount(0);

  await expect(async () => {
    await alice.goto(`/sessions/${slug}`);
    await expect(alice.getByText("Most highlighted passage (2 highlights)")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: PROJECTED_WITHIN_MS });
  await expect(alice.locator("figure blockquote")).toHaveText("scaling laws");
  await alice.context().close();
});
