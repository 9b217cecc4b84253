// The browser's connection store follows what the server decides on each reconnect, with the real server,
// real providers (the browser's own setup) and the real domain functions: a team move changes the draft's
// scope, and an archived reading is refused in words the store recognises, so the page stops retrying.
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { ReadingConnection, type ConnectionDeps } from "../../components/annotations/reading-connection.ts";
import { createCollabProvider } from "../../components/collab/collab-provider.ts";
import { loadActor } from "../auth/current-actor.ts";
import { hashPassword } from "../auth/password.ts";
import { moveMember } from "../members/move-member.ts";
import type { Actor } from "../policies/index.ts";
import { importSession } from "../readings/import-session.ts";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { seedDemoClass } from "../testing/demo-class.ts";
import { draftDocumentName, readingDocumentName } from "./document-name.ts";
import { sessionCookie, startTestCollabServer, type TestCollabServer } from "./testing/support.ts";

let test: TestDatabase;
let server: TestCollabServer;
let instructor: Actor;
const teams: Record<string, string> = {};
const WAIT = { timeout: 20_000, interval: 20 };

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemoClass(test.db);
  for (const slug of ["team-2", "team-5"]) {
    teams[slug] = (await test.db.team.upsert({ where: { slug }, create: { slug, name: slug }, update: {}, select: { id: true } })).id;
  }
  const user = await test.db.user.findUniqueOrThrow({ where: { email: "instructor@demo.test" } });
  instructor = (await loadActor({ userId: user.id, sessionVersion: user.sessionVersion, db: test.db }))!;
  server = await startTestCollabServer(test.db);
});
afterAll(async () => {
  await server?.close();
  await test?.drop();
});

let students = 0;
async function newStudent(team: string): Promise<{ id: string; cookie: string }> {
  students++;
  const user = await test.db.user.create({
    data: {
      email: `live-access-${students}@example.edu`,
      name: `Student ${students}`,
      passwordHash: await hashPassword("a password of enough length"),
      membership: { create: { role: "STUDENT", teamId: teams[team]! } },
    },
  });
  return { id: user.id, cookie: await sessionCookie(user) };
}

/** The browser's dependencies, signed in with `cookie`; nothing is kept offline. */
function nodeDeps(cookie: string): ConnectionDeps<HocuspocusProvider> {
  const WebSocketWithCookie = class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  };
  return {
    createProvider: (name, document, callbacks) => createCollabProvider({ url: server.url, name, document, callbacks, WebSocketPolyfill: WebSocketWithCookie }),
    openStore: () => ({ origin: {}, destroy: async () => {}, loadOutbox: async () => [], saveOutbox: async () => {} }),
    clearStore: async () => undefined,
    isOnline: () => true,
    watchOnline: () => () => {},
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
}

/** A reading list of the test's own: led by team-2, blogged by team-5. */
const sessionText = (session: string, ...titles: string[]) =>
  [
    session,
    "- Lead team: team-2",
    "- Blog team: team-5",
    "Required Readings:",
    ...titles.flatMap((title) => [title, `- https://example.org/${title.replace(/\W+/g, "-").toLowerCase()}`, "- A. Author", `- An abstract about ${title}.`]),
  ].join("\n");

describe("the connection store after a team move", () => {
  it("reports the draft read-only once its writer leaves the blog team, and writable once back", async () => {
    const created = await importSession({ input: sessionText("Scope follows the team", "Some reading"), actor: instructor, db: test.db });
    const draft = await test.db.draft.upsert({
      where: { sessionId_kind: { sessionId: created.session.id, kind: "BLOG_POST" } },
      create: { sessionId: created.session.id, kind: "BLOG_POST" },
      update: {},
      select: { id: true },
    });
    const student = await newStudent("team-5");
    const connection = new ReadingConnection(draftDocumentName(draft.id), nodeDeps(student.cookie));
    const stop = connection.start();
    try {
      await vi.waitFor(() => expect(connection.getSnapshot()).toMatchObject({ status: "live", scope: "read-write" }), WAIT);

      await moveMember({ actor: instructor, userId: student.id, teamId: teams["team-2"]!, db: test.db });
      await vi.waitFor(() => expect(connection.getSnapshot()).toMatchObject({ status: "live", scope: "readonly" }), WAIT);

      await moveMember({ actor: instructor, userId: student.id, teamId: teams["team-5"]!, db: test.db });
      await vi.waitFor(() => expect(connection.getSnapshot()).toMatchObject({ status: "live", scope: "read-write" }), WAIT);
    } finally {
      stop();
    }
  });
});

describe("the connection store on a reading archived while open", () => {
  it("says the reading is gone and stops reconnecting", async () => {
    const title = "Archived while open";
    const created = await importSession({ input: sessionText("Gone while reading", "Kept", title), actor: instructor, db: test.db });
    const reading = await test.db.reading.findFirstOrThrow({ where: { sessionId: created.session.id, title }, select: { id: true } });
    const student = await newStudent("team-2");
    const connection = new ReadingConnection(readingDocumentName(reading.id), nodeDeps(student.cookie));
    const stop = connection.start();
    try {
      await vi.waitFor(() => expect(connection.getSnapshot().status).toBe("live"), WAIT);
      const provider = connection.getSnapshot().provider!;

      expect((await importSession({ input: sessionText("Gone while reading", "Kept"), actor: instructor, db: test.db })).archived).toBe(1);
      await vi.waitFor(() => expect(connection.getSnapshot().status).toBe("gone"), WAIT);
      const socket = provider.configuration.websocketProvider;
      await vi.waitFor(() => expect(socket.status).toBe("disconnected"), WAIT);
      expect(socket.shouldConnect).toBe(false);
    } finally {
      stop();
    }
  });
});
