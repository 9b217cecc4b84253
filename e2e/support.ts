// Shared helpers for the specs: demo accounts, API sign-in, unique names.
import type { APIRequestContext, Page } from "@playwright/test";

export const DEMO_PASSWORD = "marginalia-demo";
export const DEMO_JOIN_CODE = "SEMINAR-DEMO";
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
