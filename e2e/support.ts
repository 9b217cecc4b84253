// Shared helpers for the specs: demo accounts, API sign-in, unique names.
import type { APIRequestContext, Browser, Page } from "@playwright/test";

export const DEMO_PASSWORD = "marginalia-demo";
export const DEMO_JOIN_CODE = "SEMINAR-DEMO";
/**
 * How long a test waits for what the server derives from a live document after it is compacted (mentions,
 * activity, search, question queues). A bound, not a goal: on two cores shared by two browsers, the
 * compaction worker (which runs at a lower priority than the server it must not stall) can take tens of
 * seconds to get there.
 */
export const PROJECTED_WITHIN_MS = 60_000;
export const ACCOUNTS = {
  instructor: { email: "instructor@demo.test", name: "Prof. Ines Rivera" },
  lead: { email: "lead@demo.test", name: "Lena Park" },
  blog: { email: "blog@demo.test", name: "Blake Osei" },
  alice: { email: "alice@demo.test", name: "Alice Moreau" },
  bob: { email: "bob@demo.test", name: "Bob Tanaka" },
} as const;
export type AccountName = keyof typeof ACCOUNTS;

/** Signs in through next-auth's own endpoints; the session cookie lands in the request's cookie jar. */
export async function signInWithApi(request: APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  if (response.status() >= 400) throw new Error(`sign-in of ${email} failed: HTTP ${response.status()}`);
  const session = await (await request.get("/api/auth/session")).json();
  if (!session?.user?.id) throw new Error(`sign-in of ${email} did not create a session`);
}

export async function signIn(page: Page, account: AccountName): Promise<void> {
  await signInWithApi(page.request, ACCOUNTS[account].email);
}

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Writes must carry this site's Origin (CSRF protection); browsers add it, API calls in tests say it. */
export function sameOrigin(): { origin: string } {
  return { origin: new URL(process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000").origin };
}

/** Opens a seed reading by (the start of) its title, waits until its live document is connected. */
export async function openReading(page: Page, titleStart: RegExp): Promise<void> {
  await page.goto("/sessions/llm-fine-tuning");
  await page.getByRole("link", { name: titleStart }).click();
  await page.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
}

/** Selects the first occurrence of `text` inside the abstract, as a mouse drag would. */
export async function selectInAbstract(page: Page, text: string): Promise<void> {
  await page.locator("[data-abstract]").evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let full = "";
    const nodes: Array<{ node: Text; start: number }> = [];
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      nodes.push({ node, start: full.length });
      full += node.data;
    }
    const at = full.indexOf(wanted);
    if (at < 0) throw new Error(`"${wanted}" is not in the abstract`);
    const locate = (offset: number) => {
      const hit = [...nodes].reverse().find((entry) => entry.start <= offset)!;
      return [hit.node, offset - hit.start] as const;
    };
    const range = document.createRange();
    range.setStart(...locate(at));
    range.setEnd(...locate(at + wanted.length));
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    root.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
  }, text);
}

/** Imports a small session of the test's own (so parallel tests never share drafts); returns its slug. */
export async function createSession(browser: Browser, options: { lead?: string; blog?: string } = {}): Promise<{ slug: string; title: string }> {
  const context = await browser.newContext();
  await signInWithApi(context.request, ACCOUNTS.instructor.email);
  const title = `Scratch session ${uniqueSuffix()}`;
  const text = [
    title,
    `- Lead team: ${options.lead ?? "team-1"}`,
    `- Blog team: ${options.blog ?? "team-5"}`,
    "Required Readings:",
    "Scaling Laws for Neural Language Models",
    "- https://arxiv.org/abs/2001.08361",
    "- Jared Kaplan, Sam McCandlish",
    "- We study empirical scaling laws for language model performance on the cross-entropy loss.",
  ].join("\n");
  const response = await context.request.post("/api/console/import", { multipart: { text }, headers: sameOrigin() });
  if (!response.ok()) throw new Error(`import failed: HTTP ${response.status()} ${await response.text()}`);
  const { session } = (await response.json()) as { session: { slug: string } };
  await context.close();
  return { slug: session.slug, title };
}

export async function newPerson(browser: Browser, account: AccountName): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, account);
  return page;
}
