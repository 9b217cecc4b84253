import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, createSession, newPerson, selectInAbstract } from "../support.ts";

const READING = "Scaling Laws for Neural Language Models";

async function openDraft(page: Page, slug: string, kind: "presentation" | "blog-post") {
  await page.goto(`/sessions/${slug}/drafts/${kind}`);
  await page.getByRole("status").filter({ hasText: /^Live$/ }).first().waitFor();
}

/** Alice highlights a passage of the session's reading with a first comment. */
async function highlightWithComment(alice: Page, slug: string, passage: string, kind: string, comment: string) {
  await alice.goto(`/sessions/${slug}`);
  await alice.getByRole("link", { name: READING }).click();
  await alice.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
  await selectInAbstract(alice, passage);
  const toolbar = alice.getByRole("group", { name: "Highlight the selected passage" });
  // Chosen from the keyboard, as the toolbar's radio group allows.
  await toolbar.getByRole("radio", { name: kind }).focus();
  await alice.keyboard.press("Space");
  await expect(toolbar.getByRole("radio", { name: kind })).toBeChecked();
  await toolbar.getByLabel("First comment (optional)").fill(comment);
  await toolbar.getByRole("button", { name: "Highlight" }).click();
  await expect(alice.getByRole("region", { name: "Comments" })).toContainText(comment);
}

/** The agenda and digest are read from the reading projections, written shortly after a change is stored. */
async function waitForQuestion(page: Page, slug: string, text: string, votes: number) {
  await expect
    .poll(
      async () => {
        const queue = (await (await page.request.get(`/api/sessions/${slug}/questions`)).json()) as { questions: Array<{ text: string | null; votes: number }> };
        return queue.questions.find((question) => question.text === text)?.votes ?? null;
      },
      { timeout: 30_000 },
    )
    .toBe(votes);
}

/** Follows a back-link from the draft and expects the reading page to open and focus its target. */
async function follow(page: Page, href: string, targetId: string, text: string) {
  await page.goto(href);
  const target = page.locator(`[id="${targetId}"]`);
  await expect(target).toContainText(text);
  await expect(target).toBeFocused();
}

test("the lead team inserts an agenda of the class's questions; a co-editor sees it live, follows its back-link and undoes it as a whole", async ({ browser }) => {
  const { slug } = await createSession(browser);
  const alice = await newPerson(browser, "alice");
  await highlightWithComment(alice, slug, "empirical scaling laws", "question", "Why a power law?");

  const lena = await newPerson(browser, "lead");
  const ines = await newPerson(browser, "instructor");
  await waitForQuestion(lena, slug, "Why a power law?", 0);
  await openDraft(lena, slug, "presentation");
  await openDraft(ines, slug, "presentation");
  const lenaEditor = lena.getByRole("textbox", { name: "Lead team's presentation" });
  const inesEditor = ines.getByRole("textbox", { name: "Lead team's presentation" });
  await lenaEditor.click();
  await lena.keyboard.type("Our plan for the session.");
  await expect(inesEditor).toContainText("Our plan for the session.");

  // A classmate reading the draft is not offered the button.
  await openDraft(alice, slug, "presentation");
  await expect(alice.getByRole("textbox", { name: "Lead team's presentation" })).toContainText("Our plan for the session.");
  await expect(alice.getByRole("button", { name: "Insert agenda" })).toHaveCount(0);
  await expect(lena.getByRole("button", { name: "Insert digest" })).toHaveCount(0);

  await lena.getByRole("button", { name: "Insert agenda" }).click();
  await expect(lena.getByRole("status").filter({ hasText: "Agenda inserted at the end of the presentation." })).toBeVisible();

  // The co-editor never reloads: the agenda arrives like any other co-editor's change.
  await expect(inesEditor.getByRole("heading", { name: "Agenda", level: 2 })).toBeVisible();
  await expect(inesEditor.getByRole("heading", { name: READING, level: 3 })).toBeVisible();
  const question = inesEditor.getByRole("link", { name: "Why a power law?" });
  await expect(question).toBeVisible();
  await expect(inesEditor.getByRole("listitem").filter({ hasText: "Why a power law?" })).toContainText(`— ${ACCOUNTS.alice.name}`);
  await expect(alice.getByRole("textbox", { name: "Lead team's presentation" }).getByRole("heading", { name: "Agenda" })).toBeVisible();
  const href = (await question.getAttribute("href"))!;
  expect(href).toMatch(/^\/readings\/[a-z0-9]+#highlight-[A-Za-z0-9_-]+$/);
  const readingHref = (await inesEditor.getByRole("link", { name: READING }).getAttribute("href"))!;
  expect(href.startsWith(`${readingHref}#`)).toBe(true);

  // Undo is the whole agenda's, offered to the other co-editor too.
  await ines.getByRole("button", { name: "Undo agenda" }).click();
  await expect(ines.getByRole("status").filter({ hasText: "Agenda removed." })).toBeVisible();
  await expect(lenaEditor.getByRole("heading", { name: "Agenda" })).toHaveCount(0);
  await expect(inesEditor.getByRole("heading", { name: "Agenda" })).toHaveCount(0);
  await expect(lenaEditor).toHaveText("Our plan for the session.");
  await expect(lena.getByRole("button", { name: "Undo agenda" })).toHaveCount(0);

  // The back-link opens the question on the reading.
  await follow(ines, href, `highlight-card-${href.split("#highlight-")[1]}`, "empirical scaling laws");
  for (const page of [alice, lena, ines]) await page.context().close();
});

test("the blog team inserts a digest of key ideas and the most +1'd comments with their authors; a co-editor sees it live and its links lead back", async ({ browser }) => {
  const { slug } = await createSession(browser);
  const alice = await newPerson(browser, "alice");
  await highlightWithComment(alice, slug, "cross-entropy loss", "key idea", "Is loss the right yardstick?");
  const bob = await newPerson(browser, "bob");
  await bob.goto(`/sessions/${slug}`);
  await bob.getByRole("link", { name: READING }).click();
  const thread = bob.getByRole("region", { name: "Comments" }).getByRole("article", { name: `Thread started by ${ACCOUNTS.alice.name}` });
  await thread.getByRole("button", { name: /^\+1/ }).first().click();
  await expect(thread.getByRole("button", { name: /^\+1/ }).first()).toHaveText("+1 1");

  const blake = await newPerson(browser, "blog");
  const ines = await newPerson(browser, "instructor");
  await waitForQuestion(blake, slug, "Is loss the right yardstick?", 1);
  await openDraft(blake, slug, "blog-post");
  await openDraft(ines, slug, "blog-post");
  await expect(blake.getByRole("button", { name: "Insert agenda" })).toHaveCount(0);

  await blake.getByRole("button", { name: "Insert digest" }).click();
  await expect(blake.getByRole("status").filter({ hasText: "Digest inserted at the end of the blog post." })).toBeVisible();

  const inesEditor = ines.getByRole("textbox", { name: "Blog post" });
  await expect(inesEditor.getByRole("heading", { name: "Digest", level: 2 })).toBeVisible();
  await expect(inesEditor).toContainText("Key ideas“cross-entropy loss”");
  const idea = inesEditor.getByRole("link", { name: "“cross-entropy loss”" });
  await expect(idea).toHaveAttribute("href", /^\/readings\/[a-z0-9]+#highlight-[A-Za-z0-9_-]+$/);
  const comment = inesEditor.getByRole("link", { name: "Is loss the right yardstick?" });
  await expect(comment).toHaveAttribute("href", /^\/readings\/[a-z0-9]+#comment-[A-Za-z0-9_-]+$/);
  await expect(inesEditor.getByRole("listitem").filter({ hasText: "Is loss the right yardstick?" })).toContainText(`— ${ACCOUNTS.alice.name}, 1 +1`);
  await expect(ines.getByRole("button", { name: "Undo digest" })).toBeVisible();

  const ideaHref = (await idea.getAttribute("href"))!;
  const commentHref = (await comment.getAttribute("href"))!;
  await follow(ines, ideaHref, `highlight-card-${ideaHref.split("#highlight-")[1]}`, "cross-entropy loss");
  await follow(ines, commentHref, `comment-${commentHref.split("#comment-")[1]}`, "Is loss the right yardstick?");
  for (const page of [alice, bob, blake, ines]) await page.context().close();
});
