import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CLEAR_STORE_TIMEOUT_MS, parseRefusal, ReadingConnection, type CollabProvider, type ConnectionDeps, type ProviderCallbacks } from "./reading-connection";
import { OFFLINE_AFTER_MS } from "./connection-state";

class FakeProvider implements CollabProvider {
  readonly awareness = null;
  connects = 0;
  destroyed = false;
  constructor(
    readonly doc: Y.Doc,
    readonly on: ProviderCallbacks,
  ) {}
  connect() {
    this.connects++;
  }
  destroy() {
    this.destroyed = true;
  }
}

/** Browser stand-ins with a hand-driven clock. */
function setup(options: { clearStoreHangs?: boolean } = {}) {
  const providers: FakeProvider[] = [];
  const stores: Array<{ doc: Y.Doc; destroyed: boolean }> = [];
  const cleared: string[] = [];
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
      return {
        destroy: async () => {
          store.destroyed = true;
        },
      };
    },
    clearStore: (name) => {
      cleared.push(name);
      return options.clearStoreHangs ? new Promise(() => {}) : Promise.resolve();
    },
    isOnline: () => true,
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
  const connection = new ReadingConnection("reading:abc", deps);
  const settle = async () => {
    for (let index = 0; index < 10; index++) await Promise.resolve();
  };
  return { connection, providers, stores, cleared, advance, settle, goOnline: (online: boolean) => onlineListener?.(online), hasOnlineListener: () => onlineListener !== null };
}

function live(provider: FakeProvider) {
  provider.on.onStatus("connected");
  provider.on.onSynced();
}

describe("parseRefusal", () => {
  it.each<[string, string, string | null]>([
    ["a refusal", '{"type":"refused","reason":"You can only edit your own comments."}', "You can only edit your own comments."],
    ["an empty reason", '{"type":"refused","reason":"  "}', "the server refused it."],
    ["another message type", '{"type":"hello","reason":"x"}', null],
    ["a reason of the wrong type", '{"type":"refused","reason":3}', null],
    ["not JSON", "refused", null],
  ])("%s", (_name, payload, expected) => {
    expect(parseRefusal(payload)).toBe(expected);
  });

  it("caps very long reasons", () => {
    expect(parseRefusal(JSON.stringify({ type: "refused", reason: "x".repeat(5000) }))).toHaveLength(500);
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

describe("ReadingConnection refusal", () => {
  it("shows the reason and rebuilds the document without the refused change", async () => {
    const { connection, providers, stores, cleared, settle } = setup();
    connection.start();
    const first = providers[0]!;
    live(first);
    const oldDoc = connection.getSnapshot().doc;
    oldDoc.getMap("comments").set("refused", new Y.Map());

    first.on.onStateless('{"type":"refused","reason":"Only the author can edit this comment."}');
    expect(connection.getSnapshot().refusal).toBe("Only the author can edit this comment.");
    await settle();

    expect(first.destroyed).toBe(true);
    expect(stores[0]!.destroyed).toBe(true);
    expect(cleared).toEqual(["reading:abc"]);
    expect(providers).toHaveLength(2);
    const snapshot = connection.getSnapshot();
    expect(snapshot.provider).toBe(providers[1]);
    expect(snapshot.doc).not.toBe(oldDoc);
    expect(snapshot.doc.getMap("comments").size).toBe(0);
    expect(snapshot.status).toBe("reconnecting");

    // Late events from the replaced provider change nothing.
    first.on.onUnsyncedChanges(9);
    expect(connection.getSnapshot().unsyncedChanges).toBe(0);

    connection.dismissRefusal();
    expect(connection.getSnapshot().refusal).toBeNull();
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
