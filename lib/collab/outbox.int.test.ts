// The browser's connection store (outbox, refusal recovery, resync) against the real collaboration
// server and Postgres, with real providers: only IndexedDB is replaced, by an in-memory copy.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { ReadingConnection, type ConnectionDeps, type LocalStore } from "../../components/annotations/reading-connection.ts";
import { READING_CONNECTION } from "../../components/annotations/reading-connection-options.ts";
import { createCollabProvider } from "../../components/collab/collab-provider.ts";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { seedDemoClass } from "../testing/demo-class.ts";
import { readingDocumentName } from "./document-name.ts";
import { loadDocument } from "./document-store.ts";
import { createComment, readComments } from "./reading-doc.ts";
import { sessionCookie, startTestCollabServer, type TestCollabServer } from "./testing/support.ts";

let test: TestDatabase;
let server: TestCollabServer;
const users: Record<string, { id: string; cookie: string }> = {};
const readings: string[] = [];

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemoClass(test.db);
  for (const email of ["alice", "bob"]) {
    const user = await test.db.user.findUniqueOrThrow({ where: { email: `${email}@demo.test` } });
    users[email] = { id: user.id, cookie: await sessionCookie(user) };
  }
  for (const reading of await test.db.reading.findMany({ orderBy: { title: "asc" }, take: 3 })) readings.push(readingDocumentName(reading.id));
  server = await startTestCollabServer(test.db);
});
afterAll(async () => {
  await server.close();
  await test.drop();
});

/** What IndexedDB holds per document: the document's updates and the saved outbox. */
type Browser = Map<string, { updates: Uint8Array[]; outbox: Uint8Array[] }>;

function webSocketWithCookie(cookie: string) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  };
}

/** The browser's dependencies for one signed-in user, with `browser` standing in for IndexedDB. */
function nodeDeps(cookie: string, browser: Browser): ConnectionDeps<HocuspocusProvider> {
  return {
    createProvider: (name, document, callbacks) => createCollabProvider({ url: server.url, name, document, callbacks, WebSocketPolyfill: webSocketWithCookie(cookie) }),
    openStore: (name, doc): LocalStore => {
      const origin = {};
      const saved = browser.get(name) ?? { updates: [], outbox: [] };
      browser.set(name, saved);
      if (saved.updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(saved.updates), origin);
      let open = true;
      const keep = (update: Uint8Array, from: unknown) => {
        if (open && from !== origin) saved.updates.push(update);
      };
      doc.on("update", keep);
      return {
        origin,
        destroy: async () => {
          open = false;
          doc.off("update", keep);
        },
        loadOutbox: async () => [...saved.outbox],
        saveOutbox: async (updates) => {
          if (open) saved.outbox = [...updates];
        },
      };
    },
    clearStore: async (name) => browser.delete(name),
    isOnline: () => true,
    watchOnline: () => () => {},
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
}

async function stored(name: string): Promise<Y.Doc> {
  await server.collab.persistence.flush();
  const doc = new Y.Doc();
  const state = await loadDocument(test.db, name);
  if (state.update) Y.applyUpdate(doc, state.update);
  return doc;
}

const bodies = (doc: Y.Doc) => readComments(doc).map((comment) => comment.body).sort();
const WAIT = { timeout: 20_000, interval: 20 };

describe("the outbox against the real server", () => {
  it("two unsaved comments, one forged: the forged one is refused and undone, the other is stored", async () => {
    const name = readings[0]!;
    const browser: Browser = new Map();
    const connection = new ReadingConnection(name, nodeDeps(users.alice!.cookie, browser), READING_CONNECTION);
    const stop = connection.start();
    await vi.waitFor(() => expect(connection.getSnapshot().status).toBe("live"), WAIT);
    // The handshake's own message is acknowledged too, or the provider would still count it below.
    await vi.waitFor(() => expect(connection.getSnapshot().unsyncedChanges).toBe(0), WAIT);

    // Offline: the socket is gone, two comments are written.
    const provider = connection.getSnapshot().provider!;
    void provider.disconnect();
    await vi.waitFor(() => expect(connection.getSnapshot().status).not.toBe("live"), WAIT);
    const doc = connection.getSnapshot().doc;
    createComment(doc, { authorId: users.alice!.id, highlightId: null, parentId: null, body: "Alice's own words" });
    createComment(doc, { authorId: users.bob!.id, highlightId: null, parentId: null, body: "Bob never wrote this" });
    expect(connection.getSnapshot().unsyncedChanges).toBe(2);
    void provider.connect();

    await vi.waitFor(async () => expect(bodies(await stored(name))).toEqual(["Alice's own words"]), WAIT);
    await vi.waitFor(() => {
      const snapshot = connection.getSnapshot();
      expect(snapshot.refusal).toMatch(/^Your comment could not be saved: .*own name/);
      expect(snapshot.status).toBe("live");
      expect(bodies(snapshot.doc)).toEqual(["Alice's own words"]);
    }, WAIT);
    expect(bodies(await stored(name))).toEqual(["Alice's own words"]);
    // Nothing refused is left to send again.
    await vi.waitFor(() => expect(browser.get(name)?.outbox ?? []).toEqual([]), WAIT);
    stop();
  });

  it("offline work larger than one 64 KiB message arrives whole after the page is reloaded", async () => {
    const name = readings[1]!;
    const browser: Browser = new Map();
    const first = new ReadingConnection(name, nodeDeps(users.alice!.cookie, browser), READING_CONNECTION);
    const stopFirst = first.start();
    await vi.waitFor(() => expect(first.getSnapshot().status).toBe("live"), WAIT);
    void first.getSnapshot().provider!.disconnect();
    await vi.waitFor(() => expect(first.getSnapshot().status).not.toBe("live"), WAIT);
    const expected: string[] = [];
    for (let index = 0; index < 30; index++) {
      const body = `Offline note ${String(index).padStart(2, "0")}: ${"a long thought about quantization ".repeat(90)}`.slice(0, 3_000);
      expected.push(body);
      createComment(first.getSnapshot().doc, { authorId: users.alice!.id, highlightId: null, parentId: null, body });
    }
    // The page closes while offline: only the local copy and its outbox remain.
    stopFirst();
    await vi.waitFor(() => expect(browser.get(name)?.outbox).toHaveLength(30), WAIT);
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.mergeUpdates(browser.get(name)!.updates));
    expect(Y.encodeStateAsUpdate(local).byteLength).toBeGreaterThan(64 * 1024);

    const reloaded = new ReadingConnection(name, nodeDeps(users.alice!.cookie, browser), READING_CONNECTION);
    const stop = reloaded.start();
    await vi.waitFor(async () => expect(bodies(await stored(name))).toEqual(expected.sort()), WAIT);
    await vi.waitFor(() => expect(reloaded.getSnapshot().status).toBe("live"), WAIT);
    expect(bodies(reloaded.getSnapshot().doc)).toEqual(expected);
    expect(reloaded.getSnapshot().refusal).toBeNull();
    // Once the server's state covers them, the outbox is empty.
    await vi.waitFor(() => expect(browser.get(name)?.outbox).toEqual([]), WAIT);
    stop();
  });

  it("a reloaded page whose offline work holds one forged comment: the good ones land, the forged one is undone", async () => {
    const name = readings[2]!;
    const browser: Browser = new Map();
    const first = new ReadingConnection(name, nodeDeps(users.alice!.cookie, browser), READING_CONNECTION);
    const stopFirst = first.start();
    await vi.waitFor(() => expect(first.getSnapshot().status).toBe("live"), WAIT);
    void first.getSnapshot().provider!.disconnect();
    await vi.waitFor(() => expect(first.getSnapshot().status).not.toBe("live"), WAIT);
    const doc = first.getSnapshot().doc;
    createComment(doc, { authorId: users.alice!.id, highlightId: null, parentId: null, body: "before" });
    createComment(doc, { authorId: users.bob!.id, highlightId: null, parentId: null, body: "forged" });
    createComment(doc, { authorId: users.alice!.id, highlightId: null, parentId: null, body: "after" });
    stopFirst();
    await vi.waitFor(() => expect(browser.get(name)?.outbox).toHaveLength(3), WAIT);

    const reloaded = new ReadingConnection(name, nodeDeps(users.alice!.cookie, browser), READING_CONNECTION);
    const stop = reloaded.start();
    await vi.waitFor(async () => expect(bodies(await stored(name))).toEqual(["after", "before"]), WAIT);
    await vi.waitFor(() => {
      expect(reloaded.getSnapshot().refusal).toMatch(/^Your comment could not be saved: .*own name/);
      expect(bodies(reloaded.getSnapshot().doc)).toEqual(["after", "before"]);
    }, WAIT);
    stop();
  });
});
