// Every page and route handler of the app, for every kind of visitor: allowed or refused. The list of
// routes is read from app/ itself, so a route that nobody put in this table fails the test.
import fs from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { ACCOUNTS, sameOrigin, signInWithApi } from "../support.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const APP = path.join(ROOT, "app");
const VISITORS = ["anonymous", "classmate", "lead", "blog", "instructor"] as const;
type Visitor = (typeof VISITORS)[number];
const ACCOUNT_OF: Record<Exclude<Visitor, "anonymous">, string> = {
  classmate: ACCOUNTS.alice.email,
  lead: ACCOUNTS.lead.email,
  blog: ACCOUNTS.blog.email,
  instructor: ACCOUNTS.instructor.email,
};

/** allowed: served (any status but 401/403 and a redirect to sign-in); signin: sent to sign in (pages) or 401 (API); forbidden: 403; away: redirected elsewhere. */
type Outcome = "allowed" | "signin" | "forbidden" | "away";
const members = (outcome: Outcome) => ({ classmate: outcome, lead: outcome, blog: outcome, instructor: outcome });
const MEMBERS_ONLY = { anonymous: "signin", ...members("allowed") } as const;
const INSTRUCTOR_ONLY = { anonymous: "signin", classmate: "forbidden", lead: "forbidden", blog: "forbidden", instructor: "allowed" } as const;
const PUBLIC = { anonymous: "allowed", ...members("allowed") } as const;
// The presentation draft: written by the lead team and the instructor, read by everyone.
const LEAD_DRAFT_WRITERS = { anonymous: "signin", classmate: "forbidden", lead: "allowed", blog: "forbidden", instructor: "allowed" } as const;
// The blog post's writers (what they may insert is decided by the session, whichever draft is named).
const BLOG_DRAFT_WRITERS = { anonymous: "signin", classmate: "forbidden", lead: "forbidden", blog: "allowed", instructor: "allowed" } as const;
const SIGNED_OUT_ONLY = { anonymous: "allowed", ...members("away") } as const;

interface Entry {
  expect: Record<Visitor, Outcome>;
  /** Body for writes: valid, aimed at nothing real where it would change data. */
  body?: unknown;
  form?: Record<string, string>;
  /** Route parameters of this row only (by name), e.g. a real reading but a missing highlight. */
  params?: Record<string, "real-reading" | "missing">;
  /** When what the body asks for decides (which draft to quote into), a malformed body from someone who
   * may write one of them is parsed and refused as malformed. */
  malformedExpect?: Partial<Record<Visitor, Outcome>>;
}

const MISSING = "c0000000000000000000000000";
const TABLE: Record<string, Entry> = {
  "GET /": { expect: MEMBERS_ONLY },
  "GET /signin": { expect: SIGNED_OUT_ONLY },
  "GET /signup": { expect: SIGNED_OUT_ONLY },
  "GET /join": { expect: { anonymous: "signin", ...members("away") } },
  "GET /account": { expect: MEMBERS_ONLY },
  "GET /notifications": { expect: MEMBERS_ONLY },
  "GET /activity": { expect: MEMBERS_ONLY },
  "POST /api/notifications/seen": { expect: MEMBERS_ONLY, body: {} },
  "POST /api/last-seen": { expect: MEMBERS_ONLY, body: { document: "activity" } },
  "GET /sessions/[slug]": { expect: MEMBERS_ONLY },
  "GET /sessions/[slug]/search": { expect: MEMBERS_ONLY },
  "GET /readings/[id]": { expect: MEMBERS_ONLY },
  "GET /sessions/[slug]/drafts/[kind]": { expect: MEMBERS_ONLY },
  "GET /api/drafts/[draftId]/revisions": { expect: MEMBERS_ONLY },
  "POST /api/drafts/[draftId]/revisions": { expect: LEAD_DRAFT_WRITERS, body: { name: "" } },
  "GET /api/drafts/[draftId]/revisions/[revisionId]": { expect: MEMBERS_ONLY },
  "POST /api/drafts/[draftId]/revisions/[revisionId]/restore": { expect: LEAD_DRAFT_WRITERS, body: {} },
  "GET /api/drafts/[draftId]/export": { expect: MEMBERS_ONLY },
  // The draft named is the presentation: the digest routes still let the blog post's writers through (to find nothing there).
  "GET /api/drafts/[draftId]/agenda": { expect: LEAD_DRAFT_WRITERS },
  "POST /api/drafts/[draftId]/agenda": { expect: LEAD_DRAFT_WRITERS, body: { action: "undo", insertionId: MISSING } },
  "GET /api/drafts/[draftId]/digest": { expect: BLOG_DRAFT_WRITERS },
  "POST /api/drafts/[draftId]/digest": { expect: BLOG_DRAFT_WRITERS, body: { action: "undo", insertionId: MISSING } },
  "GET /api/sessions/[slug]/annotations": { expect: MEMBERS_ONLY },
  "POST /api/readings/[readingId]/highlights/[highlightId]/quote": {
    expect: { anonymous: "signin", classmate: "forbidden", lead: "forbidden", blog: "allowed", instructor: "allowed" },
    body: { kind: "BLOG_POST" },
    params: { readingId: "real-reading", highlightId: "missing" },
    malformedExpect: { lead: "allowed" },
  },
  "GET /sessions/[slug]/questions": { expect: MEMBERS_ONLY },
  "GET /api/sessions/[slug]/questions": { expect: MEMBERS_ONLY },
  "POST /api/readings/[readingId]/questions/answered": {
    expect: LEAD_DRAFT_WRITERS,
    body: { type: "highlight", id: MISSING, answered: true },
    params: { readingId: "real-reading" },
  },
  "POST /api/readings/[readingId]/questions/quote": {
    expect: LEAD_DRAFT_WRITERS,
    body: { type: "highlight", id: MISSING, highlightId: MISSING },
    params: { readingId: "real-reading" },
  },
  "GET /console": { expect: INSTRUCTOR_ONLY },
  "GET /console/import": { expect: INSTRUCTOR_ONLY },
  "GET /console/readings/[id]": { expect: INSTRUCTOR_ONLY },
  "GET /api/health": { expect: PUBLIC },
  "GET /api/session": { expect: PUBLIC },
  "GET /api/auth/[...nextauth]": { expect: PUBLIC },
  // next-auth's own CSRF check: a POST without its token is sent back, whoever sends it.
  "POST /api/auth/[...nextauth]": { expect: { anonymous: "away", ...members("away") }, form: {} },
  "POST /api/signup": { expect: PUBLIC, body: { name: "X", email: "matrix@example.edu", password: "long enough password", joinCode: "WRONG" } },
  "POST /api/join": { expect: { anonymous: "signin", ...members("forbidden") }, body: { joinCode: "WRONG" } },
  "POST /api/account/password": { expect: MEMBERS_ONLY, body: { currentPassword: "not it", newPassword: "irrelevant new password" } },
  "PATCH /api/console/members/[userId]": { expect: INSTRUCTOR_ONLY, body: { teamId: null } },
  "POST /api/console/teams": { expect: INSTRUCTOR_ONLY, body: { slug: "team-1" } },
  "PATCH /api/console/sessions/[sessionId]": { expect: INSTRUCTOR_ONLY, body: { leadTeamId: null, blogTeamId: null } },
  "POST /api/console/import": { expect: INSTRUCTOR_ONLY, form: { text: "" } },
  "POST /api/console/annotations": { expect: INSTRUCTOR_ONLY, form: { file: "" } },
  "PATCH /api/console/readings/[readingId]": { expect: INSTRUCTOR_ONLY, body: { title: "T", section: "MORE", url: "", extraLinks: [], authors: [], abstract: "" } },
  "POST /api/console/join-code": { expect: INSTRUCTOR_ONLY, body: {} },
};

function discoverRoutes(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^(page|route)\.tsx?$/.test(entry.name)) {
        const segments = path.relative(APP, dir).split(path.sep).filter((segment) => segment && !/^\(.*\)$/.test(segment));
        const url = `/${segments.join("/")}`;
        if (entry.name.startsWith("page")) found.push(`GET ${url}`);
        else {
          const source = fs.readFileSync(full, "utf8");
          for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
            if (new RegExp(`export (const|async function|function) ${method}\\b|as ${method}\\b`).test(source)) found.push(`${method} ${url}`);
          }
        }
      }
    }
  };
  walk(APP);
  return found.sort();
}

function findServerActions(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !["generated", "node_modules"].includes(entry.name)) walk(full);
      else if (/\.(ts|tsx|mts)$/.test(entry.name) && /^\s*["']use server["']/m.test(fs.readFileSync(full, "utf8"))) files.push(full);
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(path.join(ROOT, dir));
  return files;
}

test("the table lists exactly the app's routes, and the app has no server actions", () => {
  expect(Object.keys(TABLE).sort()).toEqual(discoverRoutes());
  // Mutations are route handlers (covered here); a server action would need a row of its own.
  expect(findServerActions()).toEqual([]);
});

test.describe("authorization matrix", () => {
  const contexts = new Map<Visitor, APIRequestContext>();
  const params: Record<string, string> = {};

  test.beforeAll(async ({ baseURL }) => {
    for (const visitor of VISITORS) {
      const context = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
      if (visitor !== "anonymous") await signInWithApi(context, ACCOUNT_OF[visitor]);
      contexts.set(visitor, context);
    }
    const html = await (await contexts.get("instructor")!.get("/sessions/llm-fine-tuning")).text();
    params.slug = "llm-fine-tuning";
    params.id = /href="\/readings\/([a-z0-9]+)"/.exec(html)![1]!;
    params.readingId = MISSING;
    params.userId = MISSING;
    params.sessionId = MISSING;
    params.kind = "presentation";
    const draftHtml = await (await contexts.get("instructor")!.get("/sessions/llm-fine-tuning/drafts/presentation")).text();
    params.draftId = /data-draft-id="([a-z0-9]+)"/.exec(draftHtml)?.[1] ?? MISSING;
    params.commentId = MISSING;
    params.revisionId = MISSING;
    params.nextauth = "session";
  });
  test.afterAll(async () => {
    for (const context of contexts.values()) await context.dispose();
  });

  const urlFor = (pattern: string, entry: Entry, method = "POST") =>
    pattern
      .replace("[...nextauth]", method === "GET" ? "session" : "signout")
      .replace(/\[(\w+)\]/g, (_, name: string) => {
        const override = entry.params?.[name];
        return override === "real-reading" ? params.id! : override === "missing" ? MISSING : params[name]!;
      });

  for (const [route, entry] of Object.entries(TABLE)) {
    test(route, async () => {
      const [method, pattern] = route.split(" ") as [string, string];
      const url = urlFor(pattern, entry, method);
      for (const visitor of VISITORS) {
        const response = await contexts.get(visitor)!.fetch(url, {
          method,
          headers: sameOrigin(),
          ...(entry.form ? { multipart: entry.form } : entry.body !== undefined ? { data: entry.body } : {}),
        });
        const status = response.status();
        const location = response.headers().location ?? "";
        const outcome: Outcome =
          status === 401 || (status >= 300 && status < 400 && location.includes("/signin?callbackUrl"))
            ? "signin"
            : status === 403
              ? "forbidden"
              : status >= 300 && status < 400
                ? "away"
                : "allowed";
        expect.soft(outcome, `${route} as ${visitor} (HTTP ${status}${location ? ` -> ${location}` : ""})`).toBe(entry.expect[visitor]);
        expect.soft(status, `${route} as ${visitor} must not fail`).toBeLessThan(500);
      }
    });
  }

  test("refusals come before validation: a malformed write from the wrong visitor is refused, not parsed", async () => {
    for (const [route, entry] of Object.entries(TABLE)) {
      const [method, pattern] = route.split(" ") as [string, string];
      if (method === "GET" || pattern.startsWith("/api/auth")) continue;
      const url = urlFor(pattern, entry);
      for (const visitor of VISITORS) {
        if (entry.expect[visitor] === "allowed") continue;
        const expected: Outcome = entry.malformedExpect?.[visitor] ?? entry.expect[visitor];
        const response = await contexts.get(visitor)!.fetch(url, { method, headers: { ...sameOrigin(), "content-type": "application/json" }, data: "{not json" });
        expect.soft(response.status(), `${route} as ${visitor} with a malformed body`).toBe(expected === "signin" ? 401 : expected === "allowed" ? 400 : 403);
      }
    }
  });

  test("writes without this site's Origin are refused (CSRF)", async () => {
    for (const [route, entry] of Object.entries(TABLE)) {
      const [method, pattern] = route.split(" ") as [string, string];
      if (method === "GET" || pattern.startsWith("/api/auth")) continue;
      const url = urlFor(pattern, entry);
      for (const origin of [undefined, "https://evil.example"]) {
        const response = await contexts.get("instructor")!.fetch(url, {
          method,
          headers: origin ? { origin } : {},
          ...(entry.form ? { multipart: entry.form } : { data: entry.body ?? {} }),
        });
        expect.soft(response.status(), `${route} with Origin ${origin ?? "(none)"}`).toBe(403);
      }
    }
  });
});
