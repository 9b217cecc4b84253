// One live document (a reading, a draft): the Y.Doc, its IndexedDB copy and its connection to the
// collaboration server, as a small store React can subscribe to. Kept free of React and of browser
// globals (they come in through ConnectionDeps) so the refusal and resync flows can be unit-tested.
//
// Local changes go through an outbox: each local transaction's update, saved beside the offline copy
// and dropped once the server has acknowledged it (or, after offline edits, once the server's own
// state, learnt in a sync handshake, covers it). When the server
// refuses a change, only that change is undone: the document is rebuilt from the server's state and
// every other outbox update is replayed on it, one message at a time, so that each is checked on its
// own and offline work larger than one message still arrives whole.
import * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import { appliesCleanly, coveredBy, newClientId, parseRefusal, readServerSync, touchesRefusal, type Refusal } from "../collab/outbox";
import { deriveStatus, OFFLINE_AFTER_MS, type ConnectionStatus, type SocketState } from "./connection-state";

export { parseRefusal } from "../collab/outbox";

/** What the server authorized this connection for (HocuspocusProvider's `authorizedScope`). */
export type AccessScope = "read-write" | "readonly";

/**
 * The collaboration server's refusal of a document that does not exist (any more: a reading archived
 * while open). It is the one refusal no reconnect can change, so the connection stops there.
 */
import { DOCUMENT_GONE_REASON } from "@/lib/collab/document-name";

export { DOCUMENT_GONE_REASON };

/** The part of HocuspocusProvider this store drives. */
export interface CollabProvider {
  readonly awareness: Awareness | null;
  connect(): unknown;
  /** Closes the socket and stops reconnecting (until connect()). */
  disconnect(): unknown;
  destroy(): void;
  /** Starts a new sync handshake; the server answers with its state, which tells what it has. */
  forceSync(): void;
}

export interface ProviderCallbacks {
  onStatus(status: SocketState): void;
  onSynced(): void;
  onUnsyncedChanges(count: number): void;
  onStateless(payload: string): void;
  /** The server let the connection open the document, writing or only reading; again after every reconnect. */
  onAuthenticated(scope: AccessScope): void;
  /** The server refused to open the document, saying why. */
  onAuthenticationFailed(reason: string): void;
  /** Every message the server sends on this document, as received. */
  onMessage(data: Uint8Array): void;
}

export interface LocalStore {
  /** The transaction origin of what the store loads into the document (not a local change). */
  readonly origin: unknown;
  /** Settles once what the copy held is in the document; absent when openStore loaded it already. */
  readonly whenLoaded?: Promise<unknown>;
  /** Stops writing to and closes the local copy. */
  destroy(): Promise<void>;
  /** The outbox an earlier page saved beside the local copy ([] when none). */
  loadOutbox(): Promise<Uint8Array[]>;
  saveOutbox(updates: Uint8Array[]): Promise<void>;
}

export interface ConnectionDeps<P extends CollabProvider> {
  createProvider(name: string, doc: Y.Doc, callbacks: ProviderCallbacks): P;
  openStore(name: string, doc: Y.Doc): LocalStore;
  /** Deletes the local copy; may never settle while another tab holds it open. */
  clearStore(name: string): Promise<unknown>;
  isOnline(): boolean;
  /** Calls back on online/offline changes; returns the unsubscribe. */
  watchOnline(listener: (online: boolean) => void): () => void;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export interface ConnectionOptions {
  /**
   * Give every unsaved change a Yjs client id of its own, so that a refused change does not take the
   * later ones with it (Yjs items of one client build on each other). Right for readings, where
   * changes are whole comments; drafts' keystrokes build on each other anyway.
   */
  independentChanges?: boolean;
  /** What a change was, for "Your comment could not be saved": "comment", "highlight", "+1"... */
  describeChange?: (update: Uint8Array) => string;
}

export interface ConnectionSnapshot<P extends CollabProvider> {
  doc: Y.Doc;
  provider: P | null;
  awareness: Awareness | null;
  status: ConnectionStatus;
  unsyncedChanges: number;
  synced: boolean;
  /**
   * The document holds what there is to show: it has synced with the server, or its offline copy has
   * loaded and the server cannot be reached. Until then a page keeps showing what it had (its server render).
   */
  loaded: boolean;
  /** What was undone and why ("Your comment could not be saved: ..."), until dismissed. */
  refusal: string | null;
  /**
   * What the server last authorized: "readonly" after a team move, "read-write" when one joins the team.
   * Null until the first answer (the page's own view of the user's rights stands until then).
   */
  scope: AccessScope | null;
}

/** How long to wait for the local copy to be deleted before starting over anyway. */
export const CLEAR_STORE_TIMEOUT_MS = 3_000;
/** After offline edits, quiet time before asking the server what it holds, to empty the outbox. */
export const OUTBOX_CHECK_AFTER_MS = 500;

/** Offline changes of a document without independent changes are merged into one outbox entry up to this size. */
const MERGE_OFFLINE_UP_TO_BYTES = 32 * 1024;

/** The origin of outbox updates replayed onto a rebuilt document: sent, but not new local changes. */
const REPLAY = Symbol("outbox replay");

interface OutboxEntry {
  update: Uint8Array;
  /** Applied to the current session's document (otherwise it waits for its turn in the replay). */
  inDoc: boolean;
}

interface Session<P> {
  doc: Y.Doc;
  store: LocalStore;
  provider: P;
  /** The document's own client id: its awareness is under it, and it is used while the outbox is empty. */
  baseClientId: number;
  /** The local copy has been read into the document. */
  localLoaded: boolean;
}

export class ReadingConnection<P extends CollabProvider> {
  private session: Session<P> | null = null;
  private placeholder = new Y.Doc();
  private running = false;
  private socket: SocketState = "connecting";
  private synced = false;
  private everLive = false;
  private downLong = false;
  private scope: AccessScope | null = null;
  private gone = false;
  private online = true;
  private providerUnsynced = 0;
  private outbox: OutboxEntry[] = [];
  private replaying = false;
  private inFlight: OutboxEntry | null = null;
  /**
   * A local change was made while the socket was down. The provider queues such updates and sends
   * them on reconnect, and their acknowledgements can bring its count to zero before the resync is
   * answered: until a new handshake, "nothing unacknowledged" is not proof that the server has it all.
   */
  private queuedWhileDown = false;
  private serverStateVector: Map<number, number> | null = null;
  private serverUpdate: Uint8Array | null = null;
  private refusal: string | null = null;
  private undoneLater = 0;
  private downTimer: unknown = null;
  private checkTimer: unknown = null;
  private stopWatchingOnline: (() => void) | null = null;
  private listeners = new Set<() => void>();
  private saving = new Map<LocalStore, { again: boolean; done: Promise<void> }>();
  private snapshot: ConnectionSnapshot<P>;

  constructor(
    readonly name: string,
    private readonly deps: ConnectionDeps<P>,
    private readonly options: ConnectionOptions = {},
  ) {
    this.snapshot = this.compute();
  }

  /** Connects; returns the teardown, so it can be an effect's whole body. */
  start = (): (() => void) => {
    if (!this.running) {
      this.running = true;
      this.online = this.deps.isOnline();
      this.stopWatchingOnline = this.deps.watchOnline((online) => {
        this.online = online;
        // Retry now instead of waiting out the provider's backoff (up to 30 s).
        if (online && !this.gone) this.session?.provider.connect();
        this.changed();
      });
      // The saved outbox is the truth about what is unsent; what an earlier start kept in memory was saved on stop.
      this.outbox = [];
      this.replaying = false;
      this.inFlight = null;
      this.queuedWhileDown = false;
      this.scope = null;
      this.gone = false;
      this.session = this.open({ loadOutbox: true });
      this.changed();
    }
    return this.stop;
  };

  stop = (): void => {
    if (!this.running) return;
    this.running = false;
    this.stopWatchingOnline?.();
    this.stopWatchingOnline = null;
    this.cancelCheck();
    const session = this.session;
    this.session = null;
    if (session) void this.close(session).then(() => session.doc.destroy());
    this.changed();
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ConnectionSnapshot<P> => this.snapshot;

  dismissRefusal = (): void => {
    this.refusal = null;
    this.undoneLater = 0;
    this.changed();
  };

  private open({ loadOutbox }: { loadOutbox: boolean }): Session<P> {
    const doc = new Y.Doc();
    // The local copy first, so changes made before the socket opens are kept too.
    const store = this.deps.openStore(this.name, doc);
    const session = { doc, store, baseClientId: doc.clientID, localLoaded: !store.whenLoaded } as Session<P>;
    const current = () => this.session === session;
    void store.whenLoaded?.then(() => {
      session.localLoaded = true;
      if (current()) this.changed();
    });
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === session.provider || origin === store.origin || origin === REPLAY || !current()) return;
      const last = this.outbox.at(-1);
      if (this.socket !== "connected" && !this.options.independentChanges && last?.inDoc && last !== this.inFlight && last.update.byteLength + update.byteLength <= MERGE_OFFLINE_UP_TO_BYTES) {
        // Offline keystrokes of one client build on each other anyway: one entry instead of thousands.
        last.update = Y.mergeUpdates([last.update, update]);
      } else {
        this.outbox.push({ update, inDoc: true });
      }
      if (this.socket !== "connected") this.queuedWhileDown = true;
      // The next change gets a client of its own, so it does not depend on this one by clock.
      if (this.options.independentChanges) doc.clientID = newClientId();
      this.saveOutbox(session);
      this.changed();
    });
    const provider = this.deps.createProvider(this.name, doc, {
      onStatus: (status) => {
        if (!current()) return;
        this.socket = status;
        // The provider only reports becoming synced; any socket change means a new handshake is due.
        if (status !== "connected") this.synced = false;
        // The provider announces presence under the document's client id when it syncs: it must be the awareness's.
        if (status === "connected") doc.clientID = session.baseClientId;
        this.serverStateVector = null;
        this.serverUpdate = null;
        this.changed();
      },
      onSynced: () => {
        if (!current()) return;
        this.synced = true;
        this.everLive = true;
        this.downLong = false;
        this.changed();
        this.pump();
      },
      onUnsyncedChanges: (count) => {
        if (!current()) return;
        this.providerUnsynced = count;
        this.changed();
        this.pump();
      },
      onStateless: (payload) => {
        const refusal = parseRefusal(payload);
        if (refusal === null || !current()) return;
        void this.recover(session, refusal);
      },
      onAuthenticated: (scope) => {
        if (!current() || scope === this.scope) return;
        this.scope = scope;
        this.changed();
      },
      onAuthenticationFailed: (reason) => {
        if (!current() || reason !== DOCUMENT_GONE_REASON) return;
        this.gone = true;
        // Otherwise the provider retries, and the page says "Reconnecting...", for ever.
        session.provider.disconnect();
        this.changed();
      },
      onMessage: (data) => {
        if (current()) this.readHandshake(data);
      },
    });
    session.provider = provider;
    this.socket = "connecting";
    this.synced = false;
    this.providerUnsynced = 0;
    if (loadOutbox) {
      void store.loadOutbox().then(
        (saved) => {
          if (!current() || saved.length === 0) return;
          // Saved by an earlier page: already in the local copy this document loads.
          this.outbox = [...saved.map((update) => ({ update, inDoc: true })), ...this.outbox];
          if (this.options.independentChanges) doc.clientID = newClientId();
          this.changed();
          this.pump();
        },
        () => undefined,
      );
    } else {
      this.saveOutbox(session);
    }
    return session;
  }

  /** Writes the outbox beside the local copy: one write at a time, the latest state last (typing must not queue a write per keystroke). */
  private saveOutbox(session: Session<P>): Promise<void> {
    const saving = this.saving.get(session.store);
    if (saving) {
      saving.again = true;
      return saving.done;
    }
    const state = { again: false, done: Promise.resolve() };
    const run = async (): Promise<void> => {
      do {
        state.again = false;
        await session.store.saveOutbox(this.outbox.map((entry) => entry.update)).catch(() => undefined);
      } while (state.again);
      this.saving.delete(session.store);
    };
    this.saving.set(session.store, state);
    state.done = run();
    return state.done;
  }

  private async close(session: Session<P>): Promise<void> {
    // The provider withdraws our presence under the document's client id.
    session.doc.clientID = session.baseClientId;
    session.provider.destroy();
    await this.saveOutbox(session);
    await session.store.destroy().catch(() => undefined);
  }

  /** The server's handshake says what it holds: outbox entries it covers are done. */
  private readHandshake(data: Uint8Array): void {
    if (this.outbox.length === 0) return;
    const message = readServerSync(data);
    if (!message) return;
    if (message.step === 1) this.serverStateVector = message.stateVector;
    else this.serverUpdate = message.update;
    if (!this.serverStateVector || !this.serverUpdate) return;
    const server = { stateVector: this.serverStateVector, deleteSet: Y.decodeUpdate(this.serverUpdate).ds };
    this.serverStateVector = null;
    this.serverUpdate = null;
    const before = this.outbox.length;
    this.outbox = this.outbox.filter((entry) => entry === this.inFlight || !coveredBy(entry.update, server));
    if (this.outbox.length !== before) this.outboxShrank();
  }

  private outboxShrank(): void {
    const session = this.session;
    if (!session) return;
    // Every earlier change under the document's own client id is on the server: later ones may build on them.
    if (this.outbox.length === 0) session.doc.clientID = session.baseClientId;
    this.saveOutbox(session);
    this.changed();
  }

  /** Moves the outbox along whenever the connection is live and the server has acknowledged everything sent. */
  private pump(): void {
    const session = this.session;
    if (!session || !this.running || this.socket !== "connected" || !this.synced || this.providerUnsynced !== 0) return;
    if (this.queuedWhileDown) {
      this.scheduleCheck();
    } else {
      // Everything sent on this socket was acknowledged, so it is stored.
      const before = this.outbox.length;
      this.outbox = this.outbox.filter((entry) => !entry.inDoc);
      if (this.outbox.length !== before) this.outboxShrank();
    }
    if (this.replaying) {
      this.inFlight = null;
      while (true) {
        const next = this.outbox.find((entry) => !entry.inDoc);
        if (!next) break;
        if (!appliesCleanly(session.doc, next.update)) {
          // It built on a change the server refused: it cannot exist without it.
          this.outbox = this.outbox.filter((entry) => entry !== next);
          this.undoneLater++;
          this.saveOutbox(session);
          this.changed();
          continue;
        }
        next.inDoc = true;
        this.inFlight = next;
        Y.applyUpdate(session.doc, next.update, REPLAY);
        // One at a time: the provider sent it, and the server's answer calls pump again. An update the
        // server already had changes nothing here, so nothing was sent: on to the next.
        if (this.providerUnsynced !== 0) return;
        this.inFlight = null;
      }
      this.replaying = false;
    }
  }

  private scheduleCheck(): void {
    this.cancelCheck();
    this.checkTimer = this.deps.setTimer(() => {
      this.checkTimer = null;
      const session = this.session;
      if (!session || this.socket !== "connected" || !this.synced || this.providerUnsynced !== 0) return;
      // The handshake's answer comes after every queued update's: from here on the count can be trusted again.
      this.queuedWhileDown = false;
      session.provider.forceSync();
    }, OUTBOX_CHECK_AFTER_MS);
  }

  private cancelCheck(): void {
    if (this.checkTimer !== null) this.deps.clearTimer(this.checkTimer);
    this.checkTimer = null;
  }

  /**
   * The server refused a change and reset the connection. Work out which outbox entry it was (from
   * the refusal's item ranges, or the one update in flight during a replay), drop it, and rebuild the
   * document from the server's state with every other entry replayed one by one. When the refusal
   * cannot be pinned on one entry (an older server, or a merged resync), the replay finds it.
   */
  private async recover(session: Session<P>, refusal: Refusal): Promise<void> {
    const hasRanges = refusal.structs.length > 0 || refusal.deletes.length > 0;
    const touched = hasRanges ? this.outbox.filter((entry) => touchesRefusal(entry.update, refusal)) : [];
    let blamed: OutboxEntry | null = null;
    if (touched.length === 1) blamed = touched[0]!;
    else if (this.inFlight && (!hasRanges || touched.includes(this.inFlight))) blamed = this.inFlight;
    if (blamed) {
      this.outbox = this.outbox.filter((entry) => entry !== blamed);
      this.refusal = `Your ${this.describe(blamed.update)} could not be saved: ${refusal.reason}`;
      this.undoneLater = 0;
    } else if ((hasRanges && touched.length === 0) || this.outbox.length === 0) {
      // Nothing unsent matches: what was refused is gone with the rebuild.
      this.refusal = `Your last change could not be saved: ${refusal.reason}`;
      this.undoneLater = 0;
    }
    for (const entry of this.outbox) entry.inDoc = false;
    this.replaying = true;
    this.inFlight = null;
    this.cancelCheck();

    this.session = null;
    this.socket = "connecting";
    this.synced = false;
    this.providerUnsynced = 0;
    this.changed();
    await this.close(session);
    await Promise.race([
      this.deps.clearStore(this.name).catch(() => undefined),
      new Promise<void>((resolve) => this.deps.setTimer(resolve, CLEAR_STORE_TIMEOUT_MS)),
    ]);
    session.doc.destroy();
    if (!this.running || this.session !== null) return;
    this.session = this.open({ loadOutbox: false });
    this.changed();
  }

  private describe(update: Uint8Array): string {
    try {
      return this.options.describeChange?.(update) ?? "change";
    } catch {
      return "change";
    }
  }

  private compute(): ConnectionSnapshot<P> {
    const session = this.session;
    const live = this.running && this.online && this.socket === "connected" && this.synced;
    const status = deriveStatus({ online: this.online, socket: this.socket, synced: this.synced, everLive: this.everLive, downLong: this.downLong, gone: this.gone });
    const later = this.undoneLater === 1 ? " 1 later change built on it and was undone too." : this.undoneLater > 1 ? ` ${this.undoneLater} later changes built on it and were undone too.` : "";
    return {
      doc: session?.doc ?? this.placeholder,
      provider: session?.provider ?? null,
      awareness: session?.provider.awareness ?? null,
      status,
      // Offline, the outbox is what is unsaved (it survives a reload); live, the provider counts what awaits an answer.
      unsyncedChanges: live ? this.providerUnsynced : Math.max(this.providerUnsynced, this.outbox.length),
      synced: live,
      // A document rebuilt after a refusal has been live before: it is shown as the server refills it.
      loaded: session !== null && (this.everLive || (session.localLoaded && status !== "connecting")),
      refusal: this.refusal === null && later === "" ? null : `${this.refusal ?? "A change could not be saved."}${later}`,
      scope: this.scope,
    };
  }

  private changed(): void {
    this.scheduleOffline();
    this.snapshot = this.compute();
    for (const listener of this.listeners) listener();
  }

  /** Starts the "down for too long" clock when we stop being live, and stops it when we are live again. */
  private scheduleOffline(): void {
    const live = this.socket === "connected" && this.synced;
    if (live || !this.running || this.gone) {
      if (this.downTimer !== null) this.deps.clearTimer(this.downTimer);
      this.downTimer = null;
      return;
    }
    if (this.downTimer !== null || this.downLong) return;
    this.downTimer = this.deps.setTimer(() => {
      this.downTimer = null;
      this.downLong = true;
      this.changed();
    }, OFFLINE_AFTER_MS);
  }
}
