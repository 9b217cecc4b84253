// Stored XSS, in a real browser: a corpus of hostile strings is posted on every surface that takes user
// text (comments, mentions, highlight notes, reading fields, draft content, display names, revision
// names), then every page that shows them is opened: no payload may run (no `window.__xss`, no dialog),
// no console error may appear, and each string must be there as text. One representative per surface
// goes through the real UI; the bulk goes through the live document or the console's own routes.
import { readFile } from "node:fs/promises";
import MarkdownIt from "markdown-it";
import YAML from "yaml";
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { describeTextRange } from "../../lib/anchoring/describe.ts";
import { readingDocumentName } from "../../lib/collab/document-name.ts";
import { createComment, createHighlight } from "../../lib/collab/reading-doc.ts";
import { parseCommentBody, type InlineNode } from "../../lib/rich-text/index.ts";
import { HOSTILE_NAME, HOSTILE_STRINGS, PAYLOAD } from "../fixtures/hostile-strings.ts";
import { openLiveDocument } from "../fixtures/live-document.ts";
import { type AccountName, ACCOUNTS, createSession, PROJECTED_WITHIN_MS, sameOrigin, selectInAbstract, signInWithApi, uniqueSuffix } from "../support.ts";

const PASSWORD = "a long enough password";

/** What a page did that it must not: payloads that ran, dialogs, console errors, uncaught errors. */
interface Incidents {
  ran: string[];
  dialogs: string[];
  errors: string[];
}

/** A page that records every sign of a payload running, across navigations and frames. */
async function watchedPage(context: BrowserContext): Promise<{ page: Page; incidents: Incidents }> {
  const incidents: Incidents = { ran: [], dialogs: [], errors: [] };
  const page = await context.newPage();
  await page.exposeBinding("__xssRan", (_source, value: unknown) => {
    incidents.ran.push(String(value));
  });
  // Every payload of our own assigns window.__xss (or parent.__xss): the setter reports it.
  await page.addInitScript(() => {
    Object.defineProperty(window, "__xss", {
      configurable: false,
      get: () => undefined,
      set: (value: unknown) => void (window as unknown as { __xssRan: (v: string) => void }).__xssRan(String(value)),
    });
  });
  page.on("dialog", (dialog) => {
    incidents.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("console", (message) => {
    // The browser's own request for /favicon.ico (the app has no icon) is not the page's doing.
    if (message.type() === "error" && new URL(message.location().url || "about:blank").pathname !== "/favicon.ico") {
      incidents.errors.push(`console: ${message.text()} (${message.location().url})`);
    }
  });
  page.on("pageerror", (error) => incidents.errors.push(`pageerror: ${error.message}`));
  // Names the address behind a "Failed to load resource" console error (a payload's <img src=x> would be one).
  page.on("response", (response) => {
    if (response.status() >= 400) incidents.errors.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return { page, incidents };
}

async function person(browser: Browser, account: AccountName) {
  const context = await browser.newContext();
  await signInWithApi(context.request, ACCOUNTS[account].email);
  return { context, ...(await watchedPage(context)) };
}

/** Markup that only an injected payload could have put in the page. */
async function injectedMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const describe = (element: Element) => element.outerHTML.slice(0, 160);
    for (const element of document.querySelectorAll("*")) {
      if (["IFRAME", "OBJECT", "EMBED", "MGLYPH", "VIDEO", "MATH"].includes(element.tagName)) found.push(describe(element));
      if (element.tagName === "IMG" && !(element as HTMLImageElement).src.startsWith(location.origin)) found.push(describe(element));
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) found.push(describe(element));
        if (["href", "src", "action", "formaction", "data", "xlink:href"].includes(attribute.name) && /^\s*(javascript|data|vbscript):/i.test(attribute.value)) {
          found.push(describe(element));
        }
      }
    }
    return found;
  });
}

/** Forgets the failed requests to `path` that the test provoked on purpose (and only those). */
function expectedFailures(incidents: Incidents, path: string): void {
  const provoked = (error: string) => /^(HTTP 4\d\d|console: Failed to load resource: the server responded with a status of 4\d\d)/.test(error) && error.includes(path);
  incidents.errors.splice(0, incidents.errors.length, ...incidents.errors.filter((error) => !provoked(error)));
}

/** Nothing ran, nothing was injected, nothing was logged as an error. */
async function expectClean(page: Page, incidents: Incidents, where: string): Promise<void> {
  expect(await injectedMarkup(page), `injected markup on ${where}`).toEqual([]);
  expect(incidents.ran, `payloads that ran on ${where}`).toEqual([]);
  expect(incidents.dialogs, `dialogs on ${where}`).toEqual([]);
  expect(incidents.errors, `errors on ${where}`).toEqual([]);
}

/** Waits until every string is in the text of `scope` (exactly, as text: not parsed, not dropped). */
async function expectTexts(scope: Locator, strings: readonly string[], where: string): Promise<void> {
  await expect
    .poll(async () => {
      const text = (await scope.evaluate((element) => element.textContent ?? "")) as string;
      return strings.filter((string) => !text.includes(string));
    }, { message: `strings missing from ${where}`, timeout: 20_000 })
    .toEqual([]);
}

/** The join code of the moment (another spec may rotate it), read the way the instructor sees it. */
async function currentJoinCode(instructor: BrowserContext): Promise<string> {
  const html = await (await instructor.request.get("/console")).text();
  const code = /aria-label="Current join code"[^>]*>([^<]+)</.exec(html)?.[1]?.trim();
  if (!code) throw new Error("the console shows no join code");
  return code;
}

async function signUpWithApi(browser: Browser, instructor: BrowserContext, name: string, email: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  await expect(async () => {
    const response = await context.request.post("/api/signup", { data: { name, email, password: PASSWORD, joinCode: await currentJoinCode(instructor) }, headers: sameOrigin() });
    expect(response.status()).toBe(201);
  }).toPass({ timeout: PROJECTED_WITHIN_MS });
  await signInWithApi(context.request, email, PASSWORD);
  return context;
}

async function userIdOf(context: BrowserContext): Promise<string> {
  const session = (await (await context.request.get("/api/auth/session")).json()) as { user: { id: string } };
  return session.user.id;
}

/**
 * What a comment shows of a string: comments take a small Markdown subset (`code`, *emphasis*,
 * backslash escapes), so a few strings lose a backtick or a backslash; everything else is literal.
 */
function commentText(body: string): string {
  const flatten = (nodes: InlineNode[]): string =>
    nodes.map((node) => ("value" in node ? node.value : "children" in node ? flatten(node.children) : node.type === "mention" ? node.text : "\n")).join("");
  return parseCommentBody(body).map((paragraph) => flatten(paragraph.children)).join("\n");
}
const COMMENT_TEXTS = HOSTILE_STRINGS.map(commentText);

/** A reading's title on a line of its own is read as a reading unless it looks like a detail or a header. */
const importableTitle = (string: string) => !/^[-*•]\s/.test(string) && !/^(required|more|optional|further|additional|related)\b/i.test(string);

test("hostile names, comments, mentions and highlight notes stay text on every page that shows them", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const suffix = uniqueSuffix();
  const instructor = await browser.newContext();
  await signInWithApi(instructor.request, ACCOUNTS.instructor.email);

  // The class: a session whose titles are the corpus, and one reading to annotate.
  const sessionTitle = `<script>window.__xss="session"</script> ${suffix}`;
  const targetTitle = `<svg onload="window.__xss=22"> Target ${suffix}`;
  const findings = Array.from({ length: 30 }, (_, index) => `Finding ${index + 1} holds.`);
  const abstract = `We report ${findings.join(" ")}`;
  const titles = HOSTILE_STRINGS.filter(importableTitle);
  expect(titles.length).toBeGreaterThan(HOSTILE_STRINGS.length - 5);
  const list = [sessionTitle, "- Lead team: team-1", "- Blog team: team-5", "Required Readings:", targetTitle, "- https://example.org/paper", "- Jared Kaplan, Sam McCandlish", `- ${abstract}`, ...titles];
  const imported = await instructor.request.post("/api/console/import", { multipart: { text: list.join("\n") }, headers: sameOrigin() });
  expect(imported.status(), await imported.text()).toBe(200);
  const { session } = (await imported.json()) as { session: { slug: string } };

  // The mentioned classmate (through the API) and the hostile one, who signs up through the form.
  const mentionedName = `"><svg onload=window.__xss=21> M${suffix}`;
  const handle = `m-${suffix}`;
  const mentioned = await signUpWithApi(browser, instructor, mentionedName, `${handle}@example.edu`);
  const hostile = await browser.newContext();
  const { page: author, incidents: authorIncidents } = await watchedPage(hostile);
  await expect(async () => {
    await author.goto("/signup");
    await author.getByLabel("Name").fill(HOSTILE_NAME);
    await author.getByLabel("Email").fill(`h-${suffix}@example.edu`);
    await author.getByLabel("Password").fill(PASSWORD);
    await author.getByLabel("Join code").fill(await currentJoinCode(instructor));
    await author.getByRole("button", { name: "Create account" }).click();
    await expect(author).not.toHaveURL(/\/signup/, { timeout: 15_000 });
  }).toPass({ timeout: PROJECTED_WITHIN_MS });
  // A join code rotated by another spec meanwhile is refused, and the browser logs that failed request.
  expectedFailures(authorIncidents, "/api/signup");

  // Through the UI: a comment with a mention (the autocomplete lists the hostile name), a highlight note.
  await author.goto(`/sessions/${session.slug}`);
  await author.getByRole("link", { name: targetTitle }).click();
  await author.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
  const readingId = new URL(author.url()).pathname.split("/").pop()!;
  const comments = author.getByRole("region", { name: "Comments" });
  const box = comments.getByLabel("Comment", { exact: true });
  await box.fill(`@${handle}`);
  await expect(author.getByRole("listbox", { name: "Mention someone" })).toContainText(mentionedName);
  await box.fill(`@${handle} ${PAYLOAD.img}`);
  await comments.getByRole("button", { name: "Post" }).click();
  await selectInAbstract(author, "Finding 30 holds.");
  const toolbar = author.getByRole("group", { name: "Highlight the selected passage" });
  await toolbar.getByLabel("First comment (optional)").fill(PAYLOAD.svg);
  await toolbar.getByRole("button", { name: "Highlight" }).click();
  await expectTexts(comments, [PAYLOAD.img, PAYLOAD.svg, HOSTILE_NAME], "the author's Comments panel");
  await expectTexts(author.getByRole("banner"), [HOSTILE_NAME], "the author's header");

  // The bulk, through the live document: every string as a comment (the first 40 mentioning the
  // classmate: the Mentions page lists 50), and every third one as a highlight's first comment.
  const live = await openLiveDocument(hostile, baseURL!, readingDocumentName(readingId));
  const authorId = await userIdOf(hostile);
  HOSTILE_STRINGS.forEach((string, index) => {
    createComment(live.doc, { authorId, highlightId: null, parentId: null, body: index < 40 ? `@${handle} ${string}` : string });
    if (index % 3 === 0) {
      const finding = findings[index / 3]!;
      const start = abstract.indexOf(finding);
      createHighlight(live.doc, { authorId, kind: "note", target: describeTextRange(abstract, start, start + finding.length), firstComment: string });
    }
  });
  await live.saved();
  live.close();
  await expectTexts(comments, COMMENT_TEXTS, "the author's Comments panel, live");
  await expectClean(author, authorIncidents, "the reading page of the author");

  // The classmate reads them: reading page, session page, home, Mentions.
  const { page: reader, incidents: readerIncidents } = await watchedPage(mentioned);
  await reader.goto(`/readings/${readingId}`);
  await reader.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(targetTitle);
  await expectTexts(reader.getByRole("region", { name: "Comments" }), [...COMMENT_TEXTS, HOSTILE_NAME], "the classmate's Comments panel");
  await expectClean(reader, readerIncidents, "the reading page");

  await reader.goto(`/sessions/${session.slug}`);
  await expectTexts(reader.getByRole("main"), [sessionTitle, targetTitle, ...titles], "the session page");
  await expectClean(reader, readerIncidents, "the session page");
  await reader.goto("/");
  await expectTexts(reader.getByRole("main"), [sessionTitle], "the home page");
  await expectClean(reader, readerIncidents, "the home page");

  await reader.goto("/notifications");
  const mentions = reader.getByRole("list", { name: "Mentions of you" });
  await expectTexts(mentions, [HOSTILE_NAME, targetTitle, ...HOSTILE_STRINGS.slice(0, 40).map((string) => string.slice(0, 150))], "the Mentions page");
  await expectClean(reader, readerIncidents, "the Mentions page");

  // The instructor's console: the roster shows both names, the sessions their titles.
  const { page: console_, incidents: consoleIncidents } = await watchedPage(instructor);
  await console_.goto("/console");
  await expectTexts(console_.getByRole("main"), [HOSTILE_NAME, mentionedName, sessionTitle, targetTitle], "the console");
  await expectClean(console_, consoleIncidents, "the console");

  await instructor.close();
  await mentioned.close();
  await hostile.close();
});

test("reading fields edited in the instructor console stay text; javascript: links are refused", async ({ browser }) => {
  test.setTimeout(120_000);
  const { slug } = await createSession(browser);
  const { context: instructor, page, incidents } = await person(browser, "instructor");
  await page.goto(`/sessions/${slug}`);
  const readingPath = (await page.getByRole("link", { name: "Scaling Laws for Neural Language Models" }).getAttribute("href"))!;
  const readingId = readingPath.split("/").pop()!;
  await page.goto(`/console/readings/${readingId}`);

  // A script link is refused with a message, and nothing is written.
  await page.getByLabel("Link", { exact: true }).fill("javascript:window.__xss=23");
  await page.getByRole("button", { name: "Save reading" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The link must be an http(s) address.");
  await page.getByLabel("Link", { exact: true }).fill("https://example.org/paper");
  await page.getByLabel("Further links").fill("data:text/html,<script>parent.__xss=24</script>");
  await page.getByRole("button", { name: "Save reading" }).click();
  await expect(page.getByRole("main").getByRole("alert")).not.toHaveText("The link must be an http(s) address.");
  await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  await expect(page.getByText("Saved.")).toHaveCount(0);
  expectedFailures(incidents, `/api/console/readings/${readingId}`);

  const title = `${PAYLOAD.img} ${uniqueSuffix()}`;
  const authors = HOSTILE_STRINGS.filter((string) => !string.includes(",") && string.length <= 200);
  const labels = HOSTILE_STRINGS.filter((string) => !string.includes("|")).slice(-20);
  const abstract = HOSTILE_STRINGS.join("\n");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Authors").fill(authors.join(", "));
  await page.getByLabel("Further links").fill(labels.map((label, index) => `${label} | https://example.org/link-${index}`).join("\n"));
  await page.getByLabel("Abstract").fill(abstract);
  await page.getByRole("button", { name: "Save reading" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expectClean(page, incidents, "the reading editor");

  // The editor shows the values back exactly.
  await page.reload();
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(page.getByLabel("Abstract")).toHaveValue(abstract);
  await expectClean(page, incidents, "the reading editor, reloaded");
  await page.goto("/console");
  await expectTexts(page.getByRole("main"), [title], "the console");
  await expectClean(page, incidents, "the console");

  // A classmate reads the reading and its session.
  const { context: alice, page: reader, incidents: readerIncidents } = await person(browser, "alice");
  await reader.goto(readingPath);
  await reader.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(title);
  await expectTexts(reader.getByRole("main"), authors, "the reading's authors");
  await expectTexts(reader.getByRole("list", { name: "Links" }), labels, "the reading's links");
  await expectTexts(reader.locator("[data-abstract]"), HOSTILE_STRINGS, "the abstract");
  for (const href of await reader.getByRole("list", { name: "Links" }).getByRole("link").evaluateAll((links) => links.map((link) => link.getAttribute("href")))) {
    expect(href).toMatch(/^https:\/\/example\.org\//);
  }
  await expectClean(reader, readerIncidents, "the reading page");
  await reader.goto(`/sessions/${slug}`);
  await expectTexts(reader.getByRole("main"), [title], "the session page");
  await expectClean(reader, readerIncidents, "the session page");
  await alice.close();
  await instructor.close();
});

test("draft content typed and pasted, revision names, draft comments and the Markdown download stay text", async ({ browser }) => {
  test.setTimeout(180_000);
  // The writer has a hostile name and a blog team of their own: it shows as their caret, on their
  // revisions and among the exported post's authors.
  const suffix = uniqueSuffix();
  const instructor = await browser.newContext();
  await signInWithApi(instructor.request, ACCOUNTS.instructor.email);
  const team = await instructor.request.post("/api/console/teams", { data: { slug: `xss-${suffix}` }, headers: sameOrigin() });
  expect(team.status(), await team.text()).toBe(201);
  const { id: teamId, slug: teamSlug } = (await team.json()) as { id: string; slug: string };
  const blog = await signUpWithApi(browser, instructor, HOSTILE_NAME, `w-${suffix}@example.edu`);
  const moved = await instructor.request.patch(`/api/console/members/${await userIdOf(blog)}`, { data: { teamId }, headers: sameOrigin() });
  expect(moved.status(), await moved.text()).toBe(200);
  await instructor.close();
  const { slug } = await createSession(browser, { blog: teamSlug });
  const { page, incidents } = await watchedPage(blog);
  await page.goto(`/sessions/${slug}/drafts/blog-post`);
  await page.getByRole("status").filter({ hasText: /^Live$/ }).first().waitFor();
  const editor = page.getByRole("textbox", { name: "Blog post" });

  // Typed: a hostile first heading (it becomes the exported title), then every string as a paragraph.
  const heading = PAYLOAD.img;
  await editor.click();
  await page.getByRole("button", { name: /^Heading 1/ }).click();
  await page.keyboard.insertText(heading);
  await page.keyboard.press("Enter");
  for (const string of HOSTILE_STRINGS) {
    await page.keyboard.insertText(string);
    await page.keyboard.press("Enter");
  }
  // Pasted: HTML that carries scripts, handlers and script links.
  await editor.evaluate((element) => {
    const data = new DataTransfer();
    data.setData(
      "text/html",
      `<p>Pasted <a href="javascript:window.__xss=30">script link</a> <img src=x onerror="window.__xss=31"><svg onload="window.__xss=32"></svg>` +
        `<iframe src="javascript:window.__xss=33"></iframe> <a href="https://example.org/ok" onclick="window.__xss=34">safe link</a>` +
        `<span style="background:url(javascript:window.__xss=35)">styled</span></p><script>window.__xss=36</script><p>End of paste</p>`,
    );
    data.setData("text/plain", "Pasted script link safe link styled End of paste");
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expectTexts(editor, [heading, ...HOSTILE_STRINGS, "Pasted script link", "safe link", "End of paste"], "the editor");
  await expect(editor.locator("img, svg, iframe, script")).toHaveCount(0);
  expect(await editor.locator("a").evaluateAll((links) => links.map((link) => link.getAttribute("href")))).toEqual(["https://example.org/ok"]);
  await expectClean(page, incidents, "the draft editor");

  // A revision named with a payload, viewed.
  const revisions = page.getByRole("region", { name: "Revisions" });
  const revisionName = PAYLOAD.svg;
  await revisions.getByLabel("Revision name").fill(revisionName);
  await revisions.getByRole("button", { name: "Save revision" }).click();
  await expectTexts(revisions, [revisionName], "the revisions list");
  await revisions.getByRole("listitem").filter({ hasText: revisionName }).getByRole("button", { name: "View" }).click();
  await expectTexts(revisions, HOSTILE_STRINGS, "the revision view");
  await expectClean(page, incidents, "the revision view");
  await editor.click(); // the caret is shown to others only while the editor has focus

  // A classmate reads it (read-only) and comments on a passage with a payload; the team sees it.
  const { context: alice, page: reader, incidents: readerIncidents } = await person(browser, "alice");
  await reader.goto(`/sessions/${slug}/drafts/blog-post`);
  await reader.getByRole("status").filter({ hasText: /^Live$/ }).first().waitFor();
  const readOnly = reader.getByRole("textbox", { name: "Blog post" });
  await expectTexts(readOnly, [heading, ...HOSTILE_STRINGS], "the read-only draft");
  // The server's rendering of the draft, all a reader without JavaScript gets: the same strings, as text.
  const withoutScript = await browser.newContext({ javaScriptEnabled: false });
  await signInWithApi(withoutScript.request, ACCOUNTS.alice.email);
  const plain = await withoutScript.newPage();
  await plain.goto(`/sessions/${slug}/drafts/blog-post`);
  const serverCopy = plain.getByRole("document", { name: "Blog post" });
  await expectTexts(serverCopy, [heading, ...HOSTILE_STRINGS, "Pasted script link", "safe link", "End of paste"], "the server-rendered draft");
  await expect(serverCopy.locator("img, svg, iframe, script, [onclick], [style]")).toHaveCount(0);
  expect(await serverCopy.locator("a").evaluateAll((links) => links.map((link) => link.getAttribute("href")))).toEqual(["https://example.org/ok"]);
  await withoutScript.close();
  // The writer's caret (they are still on the page) carries their name, cut to 40 characters.
  await expectTexts(reader.locator(".collaboration-carets__label"), [HOSTILE_NAME.slice(0, 39)], "the writer's caret");
  await expectTexts(reader.getByRole("region", { name: "Revisions" }), [revisionName, HOSTILE_NAME], "the reader's revisions list");
  await readOnly.getByText("End of paste").dblclick();
  await reader.getByRole("button", { name: "Comment on selection" }).click();
  const draftComments = reader.getByRole("region", { name: "Draft comments" });
  const commentBody = PAYLOAD.animate;
  const passageComment = draftComments.getByLabel("Comment", { exact: true });
  await passageComment.fill(commentBody);
  await draftComments.locator("form", { has: reader.getByLabel("Comment", { exact: true }) }).getByRole("button", { name: "Post" }).click();
  await expectTexts(draftComments, [commentText(commentBody)], "the reader's draft comments");
  await expectClean(reader, readerIncidents, "the read-only draft");
  await page.reload();
  await page.getByRole("status").filter({ hasText: /^Live$/ }).first().waitFor();
  await expectTexts(page.getByRole("region", { name: "Draft comments" }), [commentText(commentBody)], "the team's draft comments");
  await expectTexts(editor, [heading, ...HOSTILE_STRINGS], "the editor after a reload");
  await expectClean(page, incidents, "the draft, reloaded");

  // The Markdown download: a file (never a page), with every string in it, and no raw HTML that a
  // Markdown renderer would turn into elements.
  const exportLink = page.getByRole("link", { name: "Download Markdown" });
  const [download] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
  const markdown = await readFile((await download.path())!, "utf8");
  await expect(page).toHaveURL(/\/drafts\/blog-post$/);
  const response = await blog.request.get((await exportLink.getAttribute("href"))!);
  expect(response.headers()["content-type"]).toMatch(/^text\/markdown/);
  expect(response.headers()["content-disposition"]).toMatch(/^attachment/);
  const [, frontMatter, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(markdown) ?? [];
  expect(YAML.parse(frontMatter ?? "")).toMatchObject({ title: heading, authors: [HOSTILE_NAME] });
  const html = new MarkdownIt({ html: true }).render(body ?? "");
  const rendered = await reader.evaluate((source) => {
    const template = document.createElement("template");
    template.innerHTML = source;
    const found: string[] = [];
    for (const element of template.content.querySelectorAll("*")) {
      if (!["H1", "H2", "H3", "P", "A", "EM", "STRONG", "CODE", "PRE", "BLOCKQUOTE", "UL", "OL", "LI", "BR", "HR", "S", "DEL"].includes(element.tagName)) found.push(element.outerHTML.slice(0, 120));
      for (const attribute of element.attributes) if (attribute.name !== "href" || !/^https?:/.test(attribute.value)) found.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
    }
    return { found, text: template.content.textContent ?? "" };
  }, html);
  expect(rendered.found, "elements a Markdown renderer makes of the exported file").toEqual([]);
  expect(HOSTILE_STRINGS.filter((string) => !rendered.text.includes(string)), "strings missing from the rendered export").toEqual([]);
  await alice.close();
  await blog.close();
});
