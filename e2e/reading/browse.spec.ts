import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { describeTextRange } from "../../lib/anchoring/index.ts";
import { readingDocumentName } from "../../lib/collab/document-name.ts";
import { createHighlight } from "../../lib/collab/reading-doc.ts";
import { parseSessionText } from "../../lib/readings/session-text.ts";
import { openLiveDocument } from "../fixtures/live-document.ts";
import { ACCOUNTS, signIn, signInWithApi, uniqueSuffix } from "../support.ts";

// What the seed file says, read independently of the database: the pages must show all of it.
const seedText = fs.readFileSync(path.resolve(import.meta.dirname, "../../lib/readings/fixtures/llm-fine-tuning.txt"), "utf8");
const parsed = parseSessionText(seedText);
if (!parsed.ok) throw new Error("the seed fixture does not parse");
const seed = parsed.session;

test.beforeEach(async ({ page }) => {
  await signIn(page, "alice");
});

test("home lists the seed session with its teams and reading count", async ({ page }) => {
  await page.goto("/");
  const card = page.getByRole("link", { name: /LLM fine tuning/ });
  await expect(card).toBeVisible();
  await expect(card).toContainText("Lead: Team 1");
  await expect(card).toContainText("Blog: Team 5");
  await expect(card).toContainText("7 readings");
});

test("every reading of the seed is reachable from home and shows its whole abstract", async ({ page }) => {
  expect(seed.readings).toHaveLength(7);
  for (const reading of seed.readings) {
    await page.goto("/");
    await page.getByRole("link", { name: /LLM fine tuning/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "LLM fine tuning" })).toBeVisible();
    await page.getByRole("link", { name: reading.title, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(reading.title);
    const abstract = page.locator("[data-abstract]");
    await expect(abstract).toHaveText(reading.abstract.replace(/\n\n/g, ""));
    for (const author of reading.authors) await expect(page.getByText(author, { exact: false }).first()).toBeVisible();
  }
});

test("the session page groups readings by section", async ({ page }) => {
  await page.goto(`/sessions/${seed.slug}`);
  const required = page.getByRole("region", { name: "Required readings" });
  const more = page.getByRole("region", { name: "More readings" });
  const related = page.getByRole("region", { name: "Related" });
  await expect(required.getByRole("listitem")).toHaveCount(3);
  await expect(more.getByRole("listitem")).toHaveCount(3);
  await expect(related.getByRole("link", { name: "LoRA: Low-Rank Adaptation of Large Language Models" })).toBeVisible();
});

test("the open-source overview keeps its DBRX link, opening safely in a new tab", async ({ page }) => {
  await page.goto(`/sessions/${seed.slug}`);
  await page.getByRole("link", { name: "Recent Large Language Models Reshaping the Open-Source Arena" }).click();
  const links = page.getByRole("list", { name: "Links" });
  const dbrx = links.getByRole("link", { name: /DBRX/ });
  await expect(dbrx).toHaveAttribute("href", "https://www.databricks.com/blog/introducing-dbrx-new-state-art-open-llm");
  await expect(dbrx).toHaveAttribute("target", "_blank");
  await expect(dbrx).toHaveAttribute("rel", "noopener noreferrer");
  await expect(links.getByRole("link", { name: /deci\.ai/ })).toHaveAttribute("href", "https://deci.ai/blog/list-of-large-language-models-in-open-source/");
});

test("an unknown reading is a 404 page", async ({ page }) => {
  const response = await page.goto("/readings/does-not-exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the sessions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sessions" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("a reading page is readable", async ({ page }) => {
    await page.goto(`/sessions/${seed.slug}`);
    await page.getByRole("link", { name: "QLoRA: Efficient Finetuning of Quantized LLMs" }).click();
    await expect(page.locator("[data-abstract]")).toContainText("We present QLoRA, an efficient finetuning approach");
  });
});

test("a reading's highlights and threads are in its HTML: a classmate without JavaScript sees them", async ({ browser, baseURL }) => {
  const reading = seed.readings.find((candidate) => candidate.title.startsWith("Instruction Tuning"))!;
  // Alice highlights a passage with a first comment, through the live document as a browser would.
  const author = await browser.newContext();
  await signInWithApi(author.request, ACCOUNTS.alice.email);
  const sessionPage = await author.newPage();
  await sessionPage.goto(`/sessions/${seed.slug}`);
  const readingId = (await sessionPage.getByRole("link", { name: reading.title, exact: true }).getAttribute("href"))?.split("/").pop();
  expect(readingId, "the session page links to the reading").toBeTruthy();
  const { user } = (await (await author.request.get("/api/auth/session")).json()) as { user: { id: string } };
  const passage = "instruction tuning (IT)";
  const start = reading.abstract.indexOf(passage);
  expect(start).toBeGreaterThanOrEqual(0);
  const comment = `Is IT the same as supervised fine-tuning? (${uniqueSuffix()})`;
  const live = await openLiveDocument(author, baseURL!, readingDocumentName(readingId!));
  const { highlightId } = createHighlight(live.doc, { authorId: user.id, kind: "question", target: describeTextRange(reading.abstract, start, start + passage.length), firstComment: comment });
  await live.saved();
  live.close();
  await author.close();

  const reader = await browser.newContext({ javaScriptEnabled: false });
  await signInWithApi(reader.request, ACCOUNTS.bob.email);
  const page = await reader.newPage();
  await page.goto(`/readings/${readingId}`);
  const marks = page.locator(`[data-abstract] mark[data-highlight-ids~="${highlightId}"]`);
  await expect(marks.first()).toBeVisible();
  expect((await marks.allTextContents()).join("")).toBe(passage);
  const card = page.locator(`#highlight-card-${highlightId}`);
  await expect(card).toContainText("Highlighted by Alice Moreau");
  await expect(card).toContainText(comment);
  await reader.close();
});

test("keyboard users can reach the content and the readings", async ({ page }) => {
  await page.goto(`/sessions/${seed.slug}`);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  const first = page.getByRole("link", { name: seed.readings[0]!.title });
  await first.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(seed.readings[0]!.title);
});
