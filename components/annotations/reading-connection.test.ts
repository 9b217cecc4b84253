import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createComment, editComment, readComments, readingMaps } from "@/lib/collab/reading-doc";
import { decodeOutbox, encodeOutbox, updateRanges } from "../collab/outbox";
import { OFFLINE_AFTER_MS } from "./connection-state";
import { describeReadingChange } from "./reading-connection-options";
import { CLEAR_STORE_TIMEOUT_MS, DOCUMENT_GONE_REASON, OUTBOX_CHECK_AFTER_MS, parseRefusal, ReadingConnection, type CollabProvider, type ConnectionDeps, type ProviderCallbacks } from "./reading-connection";

/** The wire bytes of a server sync message (document name, sync, step, payload). */
function syncMessage(step: 0 | 1, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, "reading:abc");
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Stands in for HocuspocusProvider: sends every non-remote update of its document and counts what awaits an answer. */
class FakeProvider implements CollabProvider {
  readonly awareness = null;
  connects = 0;
  disconnects = 0;
  forcedSyncs = 0;
  destroyed = false;
  unsynced = 0;
  /** Update messages sent, in order, not yet handled by the fake server. */
  outgoing: Uint8Array[] = [];
  constructor(
    readonly doc: Y.Doc,
    readonly on: ProviderCallbacks,
  ) {
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === this || this.destroyed) return;
      this.outgoing.push(update);
      this.count(+1);
    });
  }
  connect() {
    this.connects++;
  }
  disconnect() {
    this.disconnects++;
    this.on.onStatus("disconnected");
  }
  destroy() {
    this.destroyed = true;
  }
  forceSync() {
    this.forcedSyncs++;
  }
  count(delta: number) {
    this.unsynced = Math.max(0, this.unsynced + delta);
    this.on.onUnsyncedChanges(this.unsynced);
  }
}

/** The server: a document, a write check, and the handshake and acknowledgements a real one sends. */
class FakeServer {
  readonly doc = new Y.Doc();
  received: Uint8Array[] = [];
  /** Returns a refusal payload for updates it will not take. */
  check: (update: Uint8Array) => string | null = () => null;

  /** Socket opens, the handshake runs; the client's answer (its step 2) is checked like any update. */
  connect(provider: FakeProvider): "synced" | "refused" {
    provider.on.onStatus("connected");
    provider.unsynced = 1;
    provider.on.onUnsyncedChanges(1);
    this.sendState(provider);
    provider.on.onSynced();
    const step2 = Y.encodeStateAsUpdate(provider.doc, Y.encodeStateVector(this.doc));
    provider.outgoing = [];
    return this.take(provider, step2) ? "synced" : "refused";
  }

  /** The server's step 1 and step 2, as it answers a client's step 1. */
  sendState(provider: FakeProvider) {
    provider.on.onMessage(syncMessage(0, Y.encodeStateVector(this.doc)));
    const step2 = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(provider.doc));
    provider.on.onMessage(syncMessage(1, step2));
    Y.applyUpdate(provider.doc, step2, provider);
  }

  /** Handles the update messages the provider has sent so far, in order, until one is refused. */
  deliver(provider: FakeProvider): "saved" | "refused" {
    for (const update of provider.outgoing.splice(0)) {
      if (!this.take(provider, update)) return "refused";
    }
    return "saved";
  }

  private take(provider: FakeProvider, update: Uint8Array): boolean {
    const refusal = this.check(update);
    if (refusal) {
      provider.outgoing = [];
      provider.on.onStateless(refusal);
      return false;
    }
    this.received.push(update);
    Y.applyUpdate(this.doc, update);
    provider.count(-1);
    return true;
  }
}

/** Browser stand-ins with a hand-driven clock and an in-memory "IndexedDB". */
function setup(options: { clearStoreHangs?: boolean; saved?: Uint8Array[]; deferLocalLoad?: boolean; offline?: boolean } = {}) {
  const providers: FakeProvider[] = [];
  // With deferLocalLoad, each local copy says it has loaded only when the test says so.
  const localLoads: Array<() => void> = [];
  const stores: Array<{ doc: Y.Doc; destroyed: boolean }> = [];
  const cleared: string[] = [];
  let savedOutbox: Uint8Array[] = options.saved ?? [];
  let timers: Array<{ at: number; callback: () => void; handle: number }> = [];
  let now = 0;
  let nextHandle = 1;
  let onlineListener: ((online: boolean) => void) | null = null;
  const deps: ConnectionDeps<FakeProvider> = {
    createProvider: (_name, doc, callbacks) => {
      const provider = new FakeProvider(doc, callbacks);
      providers.push(provider);
      return provider;
    },
    openStore: (_name, doc) => {
      const store = { doc, destroyed: false };
      stores.push(store);
      const origin = {};
      // What an earlier page left in the local copy: the saved outbox's changes are in it.
      if (savedOutbox.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(savedOutbox), origin);
      return {
        origin,
        ...(options.deferLocalLoad ? { whenLoaded: new Promise<void>((resolve) => localLoads.push(resolve)) } : {}),
        destroy: async () => {
          store.destroyed = true;
        },
        loadOutbox: async () => decodeOutbox(encodeOutbox(savedOutbox)),
        saveOutbox: async (updates) => {
          if (!store.destroyed) savedOutbox = [...updates];
        },
      };
    },
    clearStore: (name) => {
      cleared.push(name);
      if (options.clearStoreHangs) return new Promise(() => {});
      savedOutbox = [];
      return Promise.resolve();
    },
    isOnline: () => !options.offline,
    watchOnline: (listener) => {
      onlineListener = listener;
      return () => {
        onlineListener = null;
      };
    },
    setTimer: (callback, ms) => {
      const handle = nextHandle++;
      timers.push({ at: now + ms, callback, handle });
      return handle;
    },
    clearTimer: (handle) => {
      timers = timers.filter((timer) => timer.handle !== handle);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((timer) => timer.at <= now);
    timers = timers.filter((timer) => timer.at > now);
    for (const timer of due) timer.callback();
  };
  const connection = new ReadingConnection("reading:abc", deps, { independentChanges: true, describeChange: describeReadingChange });
  const settle = async () => {
    for (let index = 0; index < 100; index++) await Promise.resolve();
  };
  return {
    connection,
    deps,
    providers,
    stores,
    cleared,
    advance,
    settle,
    saved: () => savedOutbox,
    latest: () => providers.at(-1)!,
    goOnline: (online: boolean) => onlineListener?.(online),
    loadLocal: () => localLoads.at(-1)!(),
    hasOnlineListener: () => onlineListener !== null,
  };
}

function live(provider: FakeProvider) {
  provider.on.onStatus("connected");
  provider.on.onSynced();
}

const comment = (doc: Y.Doc, body: string, authorId = "u-alice") => createComment(doc, { authorId, highlightId: null, parentId: null, body });
const bodies = (doc: Y.Doc) => readComments(doc).map((entry) => entry.body).sort();

/** Plays the server until the client has nothing left to send: reconnects after each refusal, answers every message. */
async function serveUntilQuiet(server: FakeServer, connection: ReadingConnection<FakeProvider>, latest: () => FakeProvider, settle: () => Promise<void>) {
  for (let round = 0; round < 50; round++) {
    if (connection.getSnapshot().status !== "live" && server.connect(latest()) === "refused") {
      await settle();
      continue;
    }
    if (latest().outgoing.length === 0) return;
    if (server.deliver(latest()) === "refused") await settle();
  }
  throw new Error("the client never settled");
}

/** Refuses comments in someone else's name, the way the server's write policy does, naming the refused items or not. */
function refuseForgeries(server: FakeServer, withRanges: boolean) {
  server.check = (update) => {
    const probe = new Y.Doc();
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(server.doc));
    Y.applyUpdate(probe, update);
    if (!readComments(probe).some((entry) => entry.authorId !== "u-alice")) return null;
    const ranges = withRanges ? updateRanges(update) : { structs: [], deletes: [] };
    return JSON.stringify({ type: "refused", reason: "A comment must be made in your own name.", ...ranges });
  };
}

describe("parseRefusal", () => {
  it.each<[string, string, ReturnType<typeof parseRefusal>]>([
    ["a refusal without ranges (older servers)", '{"type":"refused","reason":"You can only edit your own comments."}', { reason: "You can only edit your own comments.", structs: [], deletes: [] }],
    ["a refusal with ranges", '{"type":"refused","reason":"no","structs":[[7,0,3]],"deletes":[[9,2,1]]}', { reason: "no", structs: [[7, 0, 3]], deletes: [[9, 2, 1]] }],
    ["malformed ranges count as none", '{"type":"refused","reason":"no","structs":[["x",0,3]],"deletes":7}', { reason: "no", structs: [], deletes: [] }],
    ["an empty reason", '{"type":"refused","reason":"  "}', { reason: "the server refused it.", structs: [], deletes: [] }],
    ["another message type", '{"type":"hello","reason":"x"}', null],
    ["a reason of the wrong type", '{"type":"refused","reason":3}', null],
    ["not JSON", "refused", null],
  ])("%s", (_name, payload, expected) => {
    expect(parseRefusal(payload)).toEqual(expected);
  });

  it("caps very long reasons", () => {
    expect(parseRefusal(JSON.stringify({ type: "refused", reason: "x".repeat(5000) }))?.reason).toHaveLength(500);
  });
});

describe("describeReadingChange", () => {
  it("names what was made", () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    const id = comment(doc, "hello");
    editComment(doc, id, "changed");
    readingMaps(doc).reactions.set(`${id}|u-alice`, true);
    expect(updates.map(describeReadingChange)).toEqual(["comment", "edit", "+1"]);
  });
});

describe("ReadingConnection status", () => {
  it("goes connecting -> live -> reconnecting -> offline -> live", () => {
    const { connection, providers, advance } = setup();
    const seen: string[] = [];
    connection.subscribe(() => seen.push(connection.getSnapshot().status));
    connection.start();
    expect(connection.getSnapshot().status).toBe("connecting");
    const provider = providers[0]!;
    provider.on.onStatus("connected");
    expect(connection.getSnapshot().status).toBe("connecting");
    provider.on.onSynced();
    expect(connection.getSnapshot()).toMatchObject({ status: "live", synced: true });

    provider.on.onStatus("disconnected");
    provider.on.onUnsyncedChanges(2);
    expect(connection.getSnapshot()).toMatchObject({ status: "reconnecting", synced: false, unsyncedChanges: 2 });
    advance(OFFLINE_AFTER_MS - 1);
    expect(connection.getSnapshot().status).toBe("reconnecting");
    advance(1);
    expect(connection.getSnapshot().status).toBe("offline");

    provider.on.onStatus("connecting");
    expect(connection.getSnapshot().status).toBe("offline");
    live(provider);
    expect(connection.getSnapshot().status).toBe("live");
    expect(seen).toContain("reconnecting");
  });

  it("a short blip never shows offline", () => {
    const { connection, providers, advance } = setup();
    connection.start();
    live(providers[0]!);
    providers[0]!.on.onStatus("disconnected");
    advance(2_000);
    live(providers[0]!);
    advance(10_000);
    expect(connection.getSnapshot().status).toBe("live");
  });

  it("is offline as soon as the browser says so, and retries at once when it comes back", () => {
    const { connection, providers, goOnline } = setup();
    connection.start();
    live(providers[0]!);
    goOnline(false);
    expect(connection.getSnapshot().status).toBe("offline");
    goOnline(true);
    expect(providers[0]!.connects).toBe(1);
  });
});

describe("ReadingConnection loaded", () => {
  it("is not loaded while connecting, even with the offline copy in: the page keeps its server render until the sync", async () => {
    const { connection, providers, loadLocal, settle } = setup({ deferLocalLoad: true });
    connection.start();
    expect(connection.getSnapshot().loaded).toBe(false);
    loadLocal();
    await settle();
    expect(connection.getSnapshot()).toMatchObject({ status: "connecting", loaded: false });
    live(providers[0]!);
    expect(connection.getSnapshot()).toMatchObject({ status: "live", loaded: true });
  });

  it("is loaded by the sync alone, before the offline copy", () => {
    const { connection, providers } = setup({ deferLocalLoad: true });
    connection.start();
    live(providers[0]!);
    expect(connection.getSnapshot().loaded).toBe(true);
  });

  it("falls back to the offline copy once the server cannot be reached", async () => {
    const { connection, loadLocal, advance, settle } = setup({ deferLocalLoad: true });
    connection.start();
    loadLocal();
    await settle();
    advance(OFFLINE_AFTER_MS);
    expect(connection.getSnapshot()).toMatchObject({ status: "offline", loaded: true });
  });

  it("is loaded as soon as the offline copy is, when the browser is offline from the start", async () => {
    const { connection, loadLocal, settle } = setup({ deferLocalLoad: true, offline: true });
    connection.start();
    expect(connection.getSnapshot()).toMatchObject({ status: "offline", loaded: false });
    loadLocal();
    await settle();
    expect(connection.getSnapshot().loaded).toBe(true);
  });

  it("stays loaded while a refused change's document is rebuilt, and is not once stopped", async () => {
    const { connection, providers, settle } = setup({ deferLocalLoad: true });
    connection.start();
    live(providers[0]!);
    comment(connection.getSnapshot().doc, "refused");
    providers[0]!.on.onStateless(JSON.stringify({ type: "refused", reason: "no" }));
    await settle();
    expect(providers).toHaveLength(2);
    expect(connection.getSnapshot()).toMatchObject({ status: "reconnecting", loaded: true });
    connection.stop();
    expect(connection.getSnapshot().loaded).toBe(false);
  });
});

describe("ReadingConnection access", () => {
  it("follows the scope the server authorizes on each (re)connect: a team move, then joining the team", () => {
    const { connection, providers } = setup();
    connection.start();
    expect(connection.getSnapshot().scope).toBeNull();
    providers[0]!.on.onAuthenticated("read-write");
    live(providers[0]!);
    expect(connection.getSnapshot().scope).toBe("read-write");
    // The server closes the socket (4409 "access changed"); the reconnect is authorized again.
    providers[0]!.on.onStatus("disconnected");
    expect(connection.getSnapshot().scope).toBe("read-write");
    providers[0]!.on.onAuthenticated("readonly");
    live(providers[0]!);
    expect(connection.getSnapshot()).toMatchObject({ scope: "readonly", status: "live" });
    providers[0]!.on.onStatus("disconnected");
    providers[0]!.on.onAuthenticated("read-write");
    expect(connection.getSnapshot().scope).toBe("read-write");
  });

  it("forgets the scope when started again, and ignores a replaced provider's", () => {
    const { connection, providers } = setup();
    connection.start();
    providers[0]!.on.onAuthenticated("readonly");
    connection.stop();
    connection.start();
    expect(connection.getSnapshot().scope).toBeNull();
    providers[0]!.on.onAuthenticated("readonly");
    expect(connection.getSnapshot().scope).toBeNull();
  });

  it("says the document is gone, and stops retrying, when the server says it no longer exists", () => {
    const { connection, providers, advance, goOnline } = setup();
    connection.start();
    live(providers[0]!);
    // Archived while open: the socket is closed, and the reconnect is refused.
    providers[0]!.on.onStatus("disconnected");
    expect(connection.getSnapshot().status).toBe("reconnecting");
    providers[0]!.on.onStatus("connected");
    providers[0]!.on.onAuthenticationFailed(DOCUMENT_GONE_REASON);
    expect(providers[0]!.disconnects).toBe(1);
    expect(connection.getSnapshot().status).toBe("gone");
    advance(OFFLINE_AFTER_MS * 2);
    expect(connection.getSnapshot().status).toBe("gone");
    goOnline(false);
    goOnline(true);
    expect(providers[0]!.connects).toBe(0);
    expect(connection.getSnapshot().status).toBe("gone");
  });

  it("keeps retrying after any other refusal (it may be a passing state)", () => {
    const { connection, providers } = setup();
    connection.start();
    live(providers[0]!);
    providers[0]!.on.onStatus("disconnected");
    providers[0]!.on.onAuthenticationFailed("You do not have access to this document.");
    expect(providers[0]!.disconnects).toBe(0);
    expect(connection.getSnapshot().status).toBe("reconnecting");
  });

  it("tries again when started again after the document was gone", () => {
    const { connection, providers } = setup();
    connection.start();
    providers[0]!.on.onAuthenticationFailed(DOCUMENT_GONE_REASON);
    connection.stop();
    connection.start();
    expect(connection.getSnapshot().status).toBe("connecting");
  });
});

describe("ReadingConnection outbox", () => {
  it("keeps each local change, saved beside the local copy, until the server's state covers it", async () => {
    const { connection, latest, advance, settle, saved } = setup();
    const server = new FakeServer();
    connection.start();
    await settle();
    const doc = connection.getSnapshot().doc;
    comment(doc, "one");
    comment(doc, "two");
    // Offline, the outbox is what is unsaved.
    expect(connection.getSnapshot().unsyncedChanges).toBe(2);
    await settle();
    expect(saved()).toHaveLength(2);
    // Each got a client of its own.
    expect(new Set(saved().map((update) => updateRanges(update).structs[0]![0])).size).toBe(2);

    expect(server.connect(latest())).toBe("synced");
    expect(bodies(server.doc)).toEqual(["one", "two"]);
    // Acknowledged, but the outbox only trusts the server's own state: it asks for it when things are quiet.
    expect(saved()).toHaveLength(2);
    advance(OUTBOX_CHECK_AFTER_MS);
    expect(latest().forcedSyncs).toBe(1);
    server.sendState(latest());
    await settle();
    expect(saved()).toEqual([]);
    expect(connection.getSnapshot().unsyncedChanges).toBe(0);
    // Nothing new: no more questions.
    advance(OUTBOX_CHECK_AFTER_MS * 10);
    expect(latest().forcedSyncs).toBe(1);
  });

  it("while live, a change acknowledged by the server leaves the outbox at once, with no extra handshake", async () => {
    const { connection, latest, advance, settle, saved } = setup();
    const server = new FakeServer();
    connection.start();
    await settle();
    expect(server.connect(latest())).toBe("synced");
    const base = connection.getSnapshot().doc.clientID;
    comment(connection.getSnapshot().doc, "live words");
    await settle();
    expect(saved()).toHaveLength(1);
    expect(connection.getSnapshot().doc.clientID).not.toBe(base);
    expect(server.deliver(latest())).toBe("saved");
    await settle();
    expect(saved()).toEqual([]);
    advance(OUTBOX_CHECK_AFTER_MS * 10);
    expect(latest().forcedSyncs).toBe(0);
    // The next change goes under the document's own client again: nothing of it is unsaved.
    comment(connection.getSnapshot().doc, "more");
    await settle();
    expect(updateRanges(saved()[0]!).structs.map(([client]) => client)).toEqual([base]);
  });

  it("a draft's offline keystrokes (one client, building on each other) are kept as one entry, up to a size", async () => {
    const { deps, settle, saved } = setup();
    const draft = new ReadingConnection("draft:abc", deps);
    draft.start();
    await settle();
    const text = draft.getSnapshot().doc.getText("default");
    for (const letter of "offline") text.insert(text.length, letter);
    await settle();
    expect(saved()).toHaveLength(1);
    text.insert(text.length, "x".repeat(40_000));
    await settle();
    expect(saved()).toHaveLength(2);
    const rebuilt = new Y.Doc();
    for (const update of saved()) Y.applyUpdate(rebuilt, update);
    expect(rebuilt.getText("default").toString()).toBe(`offline${"x".repeat(40_000)}`);
  });

  it("an outbox saved by an earlier page is sent, and resent one by one if the server refuses the merged resync", async () => {
    const earlier = new Y.Doc();
    const updates: Uint8Array[] = [];
    earlier.on("update", (update: Uint8Array) => updates.push(update));
    for (let index = 0; index < 3; index++) {
      comment(earlier, `offline ${index}`);
      earlier.clientID = index + 100;
    }
    const { connection, latest, settle } = setup({ saved: updates });
    const server = new FakeServer();
    // An older server: at most one small message at a time, and it does not say which part was too large.
    server.check = (update) => (update.byteLength > Math.max(...updates.map((one) => one.byteLength)) ? '{"type":"refused","reason":"That change is too large (over 64 KiB)."}' : null);
    connection.start();
    await settle();
    expect(connection.getSnapshot().unsyncedChanges).toBe(3);
    expect(server.connect(latest())).toBe("refused");
    await settle();
    // Nothing was undone, nothing said yet: the replay sends each change on its own.
    expect(connection.getSnapshot().refusal).toBeNull();
    expect(server.connect(latest())).toBe("synced");
    for (let index = 0; index < 3; index++) {
      expect(latest().outgoing).toHaveLength(1);
      expect(server.deliver(latest())).toBe("saved");
    }
    expect(bodies(server.doc)).toEqual(["offline 0", "offline 1", "offline 2"]);
    expect(bodies(connection.getSnapshot().doc)).toEqual(["offline 0", "offline 1", "offline 2"]);
    expect(connection.getSnapshot().refusal).toBeNull();
  });
});

describe("ReadingConnection refusal", () => {
  it.each([true, false])("undoes only the refused comment and says so; the other unsaved one is sent (ranges: %s)", async (withRanges) => {
    const { connection, providers, latest, cleared, settle } = setup();
    const server = new FakeServer();
    refuseForgeries(server, withRanges);
    connection.start();
    await settle();
    const first = latest();
    expect(server.connect(first)).toBe("synced");
    // Offline: two comments, one of them forged.
    first.on.onStatus("disconnected");
    comment(connection.getSnapshot().doc, "honest words");
    comment(connection.getSnapshot().doc, "Bob says so", "u-bob");
    expect(server.connect(first)).toBe("refused");
    await settle();
    expect(first.destroyed).toBe(true);
    expect(cleared).toEqual(["reading:abc"]);

    // Rebuilt from the server's state; the other comment is replayed on its own.
    await serveUntilQuiet(server, connection, latest, settle);
    expect(bodies(server.doc)).toEqual(["honest words"]);
    expect(bodies(connection.getSnapshot().doc)).toEqual(["honest words"]);
    expect(connection.getSnapshot().refusal).toBe("Your comment could not be saved: A comment must be made in your own name.");
    expect(providers.length).toBeGreaterThan(1);

    connection.dismissRefusal();
    expect(connection.getSnapshot().refusal).toBeNull();
  });

  it("a change built on the refused one is undone too, and the message says so", async () => {
    const { connection, latest, settle } = setup();
    const server = new FakeServer();
    refuseForgeries(server, true);
    connection.start();
    await settle();
    expect(server.connect(latest())).toBe("synced");
    latest().on.onStatus("disconnected");
    const doc = connection.getSnapshot().doc;
    const forged = comment(doc, "in Bob's name", "u-bob");
    editComment(doc, forged, "still in Bob's name");
    comment(doc, "unrelated");
    await serveUntilQuiet(server, connection, latest, settle);
    expect(bodies(server.doc)).toEqual(["unrelated"]);
    expect(bodies(connection.getSnapshot().doc)).toEqual(["unrelated"]);
    expect(connection.getSnapshot().refusal).toBe("Your comment could not be saved: A comment must be made in your own name. 1 later change built on it and was undone too.");
  });

  it("a refusal of something not in the outbox still says what happened", async () => {
    const { connection, latest, settle } = setup();
    connection.start();
    await settle();
    live(latest());
    latest().on.onStateless('{"type":"refused","reason":"Only the author can edit this comment."}');
    await settle();
    expect(connection.getSnapshot().refusal).toBe("Your last change could not be saved: Only the author can edit this comment.");
  });

  it("ignores other stateless messages", async () => {
    const { connection, providers, settle } = setup();
    connection.start();
    providers[0]!.on.onStateless('{"type":"note"}');
    await settle();
    expect(providers).toHaveLength(1);
    expect(connection.getSnapshot().refusal).toBeNull();
  });

  it("starts over even when the local copy cannot be deleted (another tab holds it open)", async () => {
    const { connection, providers, advance, settle } = setup({ clearStoreHangs: true });
    connection.start();
    providers[0]!.on.onStateless('{"type":"refused","reason":"no"}');
    await settle();
    expect(providers).toHaveLength(1);
    advance(CLEAR_STORE_TIMEOUT_MS);
    await settle();
    expect(providers).toHaveLength(2);
  });

  it("does not reconnect when unmounted while clearing", async () => {
    const { connection, providers, settle } = setup();
    const stop = connection.start();
    providers[0]!.on.onStateless('{"type":"refused","reason":"no"}');
    stop();
    await settle();
    expect(providers).toHaveLength(1);
  });

  it("late events from a replaced provider change nothing", async () => {
    const { connection, providers, settle } = setup();
    connection.start();
    live(providers[0]!);
    providers[0]!.on.onStateless('{"type":"refused","reason":"no"}');
    await settle();
    providers[0]!.on.onUnsyncedChanges(9);
    providers[0]!.on.onStateless('{"type":"refused","reason":"again"}');
    await settle();
    expect(connection.getSnapshot().unsyncedChanges).toBe(0);
    expect(providers).toHaveLength(2);
  });
});

describe("ReadingConnection lifecycle", () => {
  it("tears everything down on stop, and can start again (React strict mode)", async () => {
    const { connection, providers, stores, settle, hasOnlineListener } = setup();
    const stop = connection.start();
    stop();
    await settle();
    expect(providers[0]!.destroyed).toBe(true);
    expect(stores[0]!.destroyed).toBe(true);
    expect(hasOnlineListener()).toBe(false);
    expect(connection.getSnapshot().provider).toBeNull();
    connection.start();
    expect(providers).toHaveLength(2);
    expect(connection.getSnapshot().provider).toBe(providers[1]);
  });
});
