// Open websockets follow the account: a real server on port 0, real providers, the real domain functions
// (password change, team move, session teams, import that archives), and two instances through Redis.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { seedDemoClass } from "../testing/demo-class.ts";
import { hashPassword } from "../auth/password.ts";
import { loadActor } from "../auth/current-actor.ts";
import { changePassword } from "../members/change-password.ts";
import { moveMember } from "../members/move-member.ts";
import { assignSessionTeams } from "../sessions/assign-teams.ts";
import { importSession } from "../readings/import-session.ts";
import { DRAFT_FRAGMENT, draftSchema } from "../drafts/editor-schema.ts";
import type { Actor } from "../policies/index.ts";
import { draftDocumentName, readingDocumentName } from "./document-name.ts";
import { createHighlight } from "./reading-doc.ts";
import { loadDocument } from "./document-store.ts";
import { AccountSockets, CLOSE_EVENTS, relayAccountChange } from "./account-sockets.ts";
import { createCollabServer, type CollabServer } from "./server.ts";
import { connectClient, sessionCookie, startTestCollabServer, TEST_SECRET, waitUntilSaved, type TestClient, type TestCollabServer } from "./testing/support.ts";

const PASSWORD = "an old password of enough length";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const redisAnswers = await pingRedis(REDIS_URL);
if (!redisAnswers) console.log(`Skipping the two-instance case: no Redis answers at ${REDIS_URL} (set REDIS_URL to one).`);

let test: TestDatabase;
let server: TestCollabServer;
let instructor: Actor;
const teams: Record<string, string> = {};
let qlora: string;
let blogDraft: string;
let presentation: string;
let seedSessionId: string;

interface Student {
  actor: Actor;
  cookie: string;
}

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemoClass(test.db);
  for (const slug of ["team-1", "team-2", "team-3", "team-5"]) {
    teams[slug] = (await test.db.team.upsert({ where: { slug }, create: { slug, name: slug }, update: {}, select: { id: true } })).id;
  }
  const instructorUser = await test.db.user.findUniqueOrThrow({ where: { email: "instructor@demo.test" } });
  instructor = (await loadActor({ userId: instructorUser.id, sessionVersion: instructorUser.sessionVersion, db: test.db }))!;
  const reading = await test.db.reading.findFirstOrThrow({ where: { title: { startsWith: "QLoRA" } } });
  qlora = readingDocumentName(reading.id);
  seedSessionId = reading.sessionId;
  const draftOf = async (kind: "BLOG_POST" | "PRESENTATION") =>
    (await test.db.draft.upsert({ where: { sessionId_kind: { sessionId: reading.sessionId, kind } }, create: { sessionId: reading.sessionId, kind }, update: {}, select: { id: true } })).id;
  blogDraft = draftDocumentName(await draftOf("BLOG_POST"));
  presentation = draftDocumentName(await draftOf("PRESENTATION"));
  server = await startTestCollabServer(test.db);
});
afterAll(async () => {
  await server?.close();
  await test?.drop();
});

let studentCount = 0;
async function newStudent(team: string): Promise<Student> {
  studentCount++;
  const user = await test.db.user.create({
    data: {
      email: `sockets-${studentCount}@example.edu`,
      name: `Student ${studentCount}`,
      passwordHash: await hashPassword(PASSWORD),
      membership: { create: { role: "STUDENT", teamId: teams[team]! } },
    },
  });
  return { actor: (await loadActor({ userId: user.id, sessionVersion: user.sessionVersion, db: test.db }))!, cookie: await sessionCookie(user) };
}

/** A connected provider plus what it hears: close codes, authentication failures, refusals. */
async function connect(url: string, documentName: string, cookie: string) {
  const client = await connectClient(url, documentName, cookie);
  const closes: number[] = [];
  const denied: string[] = [];
  client.provider.configuration.websocketProvider.on("close", ({ event }: { event: { code: number } }) => closes.push(event.code));
  client.provider.on("authenticationFailed", ({ reason }: { reason: string }) => denied.push(reason));
  return {
    ...client,
    closes,
    denied,
    refusals: () => client.stateless.map((payload) => JSON.parse(payload).reason as string),
    // A provider whose reconnect is under way aborts that handshake on destroy, and ws reports the abort as an
    // error event nobody listens to any more.
    destroy: () => {
      (client.provider.configuration.websocketProvider.webSocket as unknown as WebSocket | null)?.on("error", () => {});
      client.destroy();
    },
  };
}

const paragraph = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const writeDraft = (client: TestClient, text: string) =>
  client.doc.transact(() => prosemirrorJSONToYXmlFragment(draftSchema(), paragraph(text), client.doc.getXmlFragment(DRAFT_FRAGMENT)));
const target = { exact: "efficient finetuning approach", prefix: "We present QLoRA, an ", suffix: " that reduces memory", start: 21, end: 50 };

/** The HTTP status an upgrade with this cookie gets (101 when it is let in). */
function upgradeStatus(url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { cookie } });
    socket.on("open", () => {
      socket.close();
      resolve(101);
    });
    socket.on("unexpected-response", (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on("error", (error) => reject(error));
  });
}

/** A reading list of the test's own: a session titled `session`, led by team-1, blogged by team-5. */
const sessionText = (session: string, ...titles: string[]) =>
  [
    session,
    "- Lead team: team-1",
    "- Blog team: team-5",
    "Required Readings:",
    ...titles.flatMap((title) => [title, `- https://example.org/${title.replace(/\W+/g, "-").toLowerCase()}`, "- A. Author", `- An abstract about ${title}.`]),
  ].join("\n");

/** The draft's text as Postgres holds it (state and log together; compaction may have folded the log). */
async function storedText(documentName: string): Promise<string> {
  const stored = await loadDocument(test.db, documentName);
  const doc = new Y.Doc();
  if (stored.update) Y.applyUpdate(doc, stored.update);
  return doc.getXmlFragment(DRAFT_FRAGMENT).toString();
}

describe("a password change", () => {
  it("closes that user's sockets at once with 'session ended', the reconnect is refused, and others stay live", async () => {
    const student = await newStudent("team-2");
    const bystander = await newStudent("team-3");
    const studentClient = await connect(server.url, qlora, student.cookie);
    const bystanderClient = await connect(server.url, qlora, bystander.cookie);

    await changePassword({ actor: student.actor, currentPassword: PASSWORD, newPassword: "a brand new password of enough length", db: test.db });

    await expect.poll(() => studentClient.closes).toContain(CLOSE_EVENTS["session-ended"].code);
    expect(await upgradeStatus(server.url, student.cookie)).toBe(401);
    // The provider keeps trying; every attempt is turned away at the upgrade, so it never authenticates again.
    await expect.poll(() => studentClient.closes.length).toBeGreaterThanOrEqual(3);
    expect(studentClient.provider.isAuthenticated).toBe(false);

    const { highlightId } = createHighlight(bystanderClient.doc, { authorId: bystander.actor.id, kind: "note", target, firstComment: "Still here" });
    await waitUntilSaved(bystanderClient);
    expect(highlightId).toBeTruthy();
    expect(bystanderClient.closes).toEqual([]);
    studentClient.destroy();
    bystanderClient.destroy();
  });
});

describe("a team move", () => {
  it("turns a blog-team writer into a reader without a reload, and back", async () => {
    const student = await newStudent("team-5");
    const client = await connect(server.url, blogDraft, student.cookie);
    expect(client.provider.authorizedScope).toBe("read-write");
    writeDraft(client, "Written while on the blog team");
    await waitUntilSaved(client);
    expect(await storedText(blogDraft)).toContain("Written while on the blog team");

    await moveMember({ actor: instructor, userId: student.actor.id, teamId: teams["team-2"]!, db: test.db });
    await expect.poll(() => client.closes).toContain(CLOSE_EVENTS["access-changed"].code);
    await expect.poll(() => client.provider.isSynced && client.provider.authorizedScope).toBe("readonly");

    writeDraft(client, "Written after the move");
    await expect.poll(() => client.refusals()).toContain("You can read this document but not change it.");
    // A refused update is never stored (the persistence extension would have logged it before the refusal).
    expect(await storedText(blogDraft)).not.toContain("Written after the move");
    client.destroy();

    const fresh = await connect(server.url, blogDraft, student.cookie);
    expect(fresh.provider.authorizedScope).toBe("readonly");
    await moveMember({ actor: instructor, userId: student.actor.id, teamId: teams["team-5"]!, db: test.db });
    await expect.poll(() => fresh.closes).toContain(CLOSE_EVENTS["access-changed"].code);
    await expect.poll(() => fresh.provider.isSynced && fresh.provider.authorizedScope).toBe("read-write");
    fresh.destroy();
  });

  it("leaves the sockets of everyone else alone", async () => {
    const moved = await newStudent("team-2");
    const other = await newStudent("team-2");
    const movedClient = await connect(server.url, qlora, moved.cookie);
    const otherClient = await connect(server.url, qlora, other.cookie);
    await moveMember({ actor: instructor, userId: moved.actor.id, teamId: teams["team-3"]!, db: test.db });
    await expect.poll(() => movedClient.closes).toContain(CLOSE_EVENTS["access-changed"].code);
    await expect.poll(() => movedClient.provider.isSynced).toBe(true);
    expect(otherClient.closes).toEqual([]);
    movedClient.destroy();
    otherClient.destroy();
  });
});

describe("a session's teams reassigned", () => {
  it("turns the old lead team's writer into a reader of the presentation, and the new lead team's member into a writer", async () => {
    const other = await importSession({ input: sessionText("Another session of team-1", "Elsewhere"), actor: instructor, db: test.db });
    const elsewhere = await test.db.reading.findFirstOrThrow({ where: { sessionId: other.session.id }, select: { id: true } });
    const oldLead = await newStudent("team-1");
    const newLead = await newStudent("team-3");
    const bystander = await newStudent("team-2");
    const oldClient = await connect(server.url, presentation, oldLead.cookie);
    // Team-1 keeps its role in the other session: that socket has no reason to close.
    const oldLeadElsewhere = await connect(server.url, readingDocumentName(elsewhere.id), oldLead.cookie);
    const newClient = await connect(server.url, presentation, newLead.cookie);
    const bystanderClient = await connect(server.url, presentation, bystander.cookie);
    expect([oldClient.provider.authorizedScope, newClient.provider.authorizedScope]).toEqual(["read-write", "readonly"]);

    await assignSessionTeams({ actor: instructor, sessionId: seedSessionId, leadTeamId: teams["team-3"]!, blogTeamId: teams["team-5"]!, db: test.db });
    try {
      await expect.poll(() => oldClient.provider.isSynced && oldClient.provider.authorizedScope).toBe("readonly");
      await expect.poll(() => newClient.provider.isSynced && newClient.provider.authorizedScope).toBe("read-write");
      expect(oldClient.closes).toContain(CLOSE_EVENTS["access-changed"].code);
      writeDraft(newClient, "The new lead team's outline");
      await waitUntilSaved(newClient);
      // Team-2's role did not change, and neither did its socket.
      expect(bystanderClient.closes).toEqual([]);
      expect(oldLeadElsewhere.closes).toEqual([]);
    } finally {
      await assignSessionTeams({ actor: instructor, sessionId: seedSessionId, leadTeamId: teams["team-1"]!, blogTeamId: teams["team-5"]!, db: test.db });
    }
    for (const client of [oldClient, newClient, bystanderClient, oldLeadElsewhere]) client.destroy();
  });
});

describe("an import that archives a reading", () => {
  it("closes every socket on it, refuses to open it again, and leaves the readings still listed alone", async () => {
    const created = await importSession({ input: sessionText("Sockets follow the account", "Kept reading", "Dropped reading"), actor: instructor, db: test.db });
    const readings = await test.db.reading.findMany({ where: { sessionId: created.session.id }, select: { id: true, title: true } });
    const dropped = readingDocumentName(readings.find((reading) => reading.title === "Dropped reading")!.id);
    const kept = readingDocumentName(readings.find((reading) => reading.title === "Kept reading")!.id);
    const student = await newStudent("team-2");
    const onDropped = await connect(server.url, dropped, student.cookie);
    const onKept = await connect(server.url, kept, student.cookie);
    const otherOnKept = await connect(server.url, kept, (await newStudent("team-3")).cookie);

    const result = await importSession({ input: sessionText("Sockets follow the account", "Kept reading"), actor: instructor, db: test.db });
    expect(result.archived).toBe(1);
    await expect.poll(() => onDropped.closes).toContain(CLOSE_EVENTS["access-changed"].code);
    // Authorization now turns the reading away (whatever words it uses for that).
    await expect.poll(() => onDropped.denied.length).toBeGreaterThan(0);
    expect(onDropped.provider.isSynced).toBe(false);
    expect(otherOnKept.closes).toEqual([]);
    // The student's other document was on a socket of its own, and stays live.
    expect(onKept.closes).toEqual([]);
    for (const client of [onDropped, onKept, otherOnKept]) client.destroy();
  });
});

describe("a connection authorized just before a change but established just after", () => {
  const fakeConnection = () => {
    const closed: number[] = [];
    const webSocket = { readyState: 1, close: (code: number) => closed.push(code), send: () => {} };
    return { closed, connection: { webSocket, close: () => {} } };
  };
  const extension = () => server.collab.hocuspocus.configuration.extensions.find((candidate): candidate is AccountSockets => candidate instanceof AccountSockets)!;
  const connected = (fake: ReturnType<typeof fakeConnection>, actor: Actor, cookie: string, documentName: string, authorizingSince: number) =>
    extension().connected({ connection: fake.connection, context: { actor, authorizingSince }, documentName, requestHeaders: new Headers({ cookie }) } as never);

  it("is closed when its document was closed after its authorization began, and kept when before", async () => {
    const student = await newStudent("team-2");
    const documentName = readingDocumentName("c".repeat(25));
    const before = Date.now();
    extension().closeHere({ documentNames: [documentName] }, "access-changed");
    const late = fakeConnection();
    await connected(late, student.actor, student.cookie, documentName, before - 1);
    expect(late.closed).toEqual([CLOSE_EVENTS["access-changed"].code]);
    const after = fakeConnection();
    await connected(after, student.actor, student.cookie, documentName, Date.now() + 1);
    expect(after.closed).toEqual([]);
  });

  it("is closed when its user changed since the upgrade loaded them, and kept when nothing changed", async () => {
    const student = await newStudent("team-5");
    const stale = student.actor;
    await moveMember({ actor: instructor, userId: student.actor.id, teamId: teams["team-2"]!, db: test.db });
    const staleConnection = fakeConnection();
    await connected(staleConnection, stale, student.cookie, blogDraft, Date.now());
    expect(staleConnection.closed).toEqual([CLOSE_EVENTS["access-changed"].code]);
    const current = fakeConnection();
    await connected(current, { ...stale, teamId: teams["team-2"]! }, student.cookie, blogDraft, Date.now());
    expect(current.closed).toEqual([]);

    await changePassword({ actor: { ...stale, teamId: teams["team-2"]! }, currentPassword: PASSWORD, newPassword: "another new password of length", db: test.db });
    const signedOut = fakeConnection();
    await connected(signedOut, { ...stale, teamId: teams["team-2"]! }, student.cookie, blogDraft, Date.now());
    expect(signedOut.closed).toEqual([CLOSE_EVENTS["session-ended"].code]);
  });
});

describe.runIf(redisAnswers)("two instances sharing Redis", () => {
  it("a change made through one instance closes the user's sockets on the other", async () => {
    const first = await startInstance(REDIS_URL);
    // Started second, so the live registry route handlers reach is this one's.
    const second = await startInstance(REDIS_URL);
    try {
      await Promise.all([accountSocketsOf(first.collab).ready, accountSocketsOf(second.collab).ready]);
      const student = await newStudent("team-5");
      const bystander = await newStudent("team-5");
      const onFirst = await connect(first.url, blogDraft, student.cookie);
      const onSecond = await connect(second.url, blogDraft, student.cookie);
      const bystanderOnFirst = await connect(first.url, blogDraft, bystander.cookie);

      await moveMember({ actor: instructor, userId: student.actor.id, teamId: teams["team-2"]!, db: test.db });
      await expect.poll(() => onSecond.closes).toContain(CLOSE_EVENTS["access-changed"].code);
      await expect.poll(() => onFirst.closes).toContain(CLOSE_EVENTS["access-changed"].code);
      await expect.poll(() => onFirst.provider.isSynced && onFirst.provider.authorizedScope).toBe("readonly");

      await changePassword({ actor: { ...student.actor, teamId: teams["team-2"]! }, currentPassword: PASSWORD, newPassword: "a third password of enough length", db: test.db });
      await expect.poll(() => onFirst.closes).toContain(CLOSE_EVENTS["session-ended"].code);
      expect(bystanderOnFirst.closes).toEqual([]);

      // A command-line tool, with no server of its own, reaches both instances the same way.
      const onSecondToo = await connect(second.url, blogDraft, bystander.cookie);
      await relayAccountChange({ redisUrl: REDIS_URL, target: { userId: bystander.actor.id }, change: "access-changed" });
      await expect.poll(() => bystanderOnFirst.closes).toContain(CLOSE_EVENTS["access-changed"].code);
      await expect.poll(() => onSecondToo.closes).toContain(CLOSE_EVENTS["access-changed"].code);
      for (const client of [onFirst, onSecond, bystanderOnFirst, onSecondToo]) client.destroy();
    } finally {
      await second.close();
      await first.close();
    }
  });
});

function accountSocketsOf(collab: CollabServer): AccountSockets {
  return collab.hocuspocus.configuration.extensions.find((candidate): candidate is AccountSockets => candidate instanceof AccountSockets)!;
}

async function startInstance(redisUrl: string): Promise<{ url: string; collab: CollabServer; close(): Promise<void> }> {
  const collab = createCollabServer({ db: test.db, secret: TEST_SECRET, compactAfterMs: 50, redisUrl });
  const httpServer = http.createServer((_request, response) => response.writeHead(404).end());
  httpServer.on("upgrade", (request, socket, head) => collab.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  return {
    url: `ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}/collab`,
    collab,
    close: async () => {
      await collab.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

async function pingRedis(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
