// One reading's live document: the Y.Doc, its IndexedDB copy and its connection to the
// collaboration server, as a small store React can subscribe to. Kept free of React and of
// browser globals (they come in through ConnectionDeps) so the refusal flow can be unit-tested.
import * as Y from "yjs";
import { z } from "zod";
import type { Awareness } from "y-protocols/awareness";
import { deriveStatus, OFFLINE_AFTER_MS, type ConnectionStatus, type SocketState } from "./connection-state";

/** The part of HocuspocusProvider this store drives. */
export interface CollabProvider {
  readonly awareness: Awareness | null;
  connect(): unknown;
  destroy(): void;
}

export interface ProviderCallbacks {
  onStatus(status: SocketState): void;
  onSynced(): void;
  onUnsyncedChanges(count: number): void;
  onStateless(payload: string): void;
}

export interface LocalStore {
  /** Stops writing to and closes the local copy. */
  destroy(): Promise<void>;
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

export interface ConnectionSnapshot<P extends CollabProvider> {
  doc: Y.Doc;
  provider: P | null;
  awareness: Awareness | null;
  status: ConnectionStatus;
  unsyncedChanges: number;
  synced: boolean;
  refusal: string | null;
}

/** How long to wait for the local copy to be deleted before starting over anyway. */
export const CLEAR_STORE_TIMEOUT_MS = 3_000;

const refusalSchema = z.object({ type: z.literal("refused"), reason: z.string() });

/** The reason in a `{"type":"refused","reason":"..."}` stateless message, or null for any other message. */
export function parseRefusal(payload: string): string | null {
  let data: unknown;
  try {
    data = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = refusalSchema.safeParse(data);
  if (!parsed.success) return null;
  const reason = parsed.data.reason.trim().slice(0, 500);
  return reason || "the server refused it.";
}

interface Session<P> {
  doc: Y.Doc;
  store: LocalStore;
  provider: P;
}

export class ReadingConnection<P extends CollabProvider> {
  private session: Session<P> | null = null;
  private placeholder = new Y.Doc();
  private running = false;
  private socket: SocketState = "connecting";
  private synced = false;
  private everLive = false;
  private downLong = false;
  private online = true;
  private unsynced = 0;
  private refusal: string | null = null;
  private downTimer: unknown = null;
  private stopWatchingOnline: (() => void) | null = null;
  private listeners = new Set<() => void>();
  private snapshot: ConnectionSnapshot<P>;

  constructor(
    readonly name: string,
    private readonly deps: ConnectionDeps<P>,
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
        if (online) this.session?.provider.connect();
        this.changed();
      });
      this.session = this.open();
      this.changed();
    }
    return this.stop;
  };

  stop = (): void => {
    if (!this.running) return;
    this.running = false;
    this.stopWatchingOnline?.();
    this.stopWatchingOnline = null;
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
    this.changed();
  };

  private open(): Session<P> {
    const doc = new Y.Doc();
    // The local copy first, so changes made before the socket opens are kept too.
    const store = this.deps.openStore(this.name, doc);
    const session = {} as Session<P>;
    const current = () => this.session === session;
    const provider = this.deps.createProvider(this.name, doc, {
      onStatus: (status) => {
        if (!current()) return;
        this.socket = status;
        // The provider only reports becoming synced; any socket change means a new handshake is due.
        if (status !== "connected") this.synced = false;
        this.changed();
      },
      onSynced: () => {
        if (!current()) return;
        this.synced = true;
        this.everLive = true;
        this.downLong = false;
        this.changed();
      },
      onUnsyncedChanges: (count) => {
        if (!current()) return;
        this.unsynced = count;
        this.changed();
      },
      onStateless: (payload) => {
        const reason = parseRefusal(payload);
        if (reason === null || !current()) return;
        this.refusal = reason;
        void this.replace(session);
      },
    });
    Object.assign(session, { doc, store, provider });
    this.socket = "connecting";
    this.synced = false;
    this.unsynced = 0;
    return session;
  }

  private async close(session: Session<P>): Promise<void> {
    session.provider.destroy();
    await session.store.destroy().catch(() => undefined);
  }

  /**
   * After a refusal the local document holds a change the server will never accept; keeping it
   * would re-send it on every reconnect. So the local copy is thrown away and the document is
   * rebuilt from the server's state.
   */
  private async replace(session: Session<P>): Promise<void> {
    this.session = null;
    this.socket = "connecting";
    this.synced = false;
    this.unsynced = 0;
    this.changed();
    await this.close(session);
    await Promise.race([
      this.deps.clearStore(this.name).catch(() => undefined),
      new Promise<void>((resolve) => this.deps.setTimer(resolve, CLEAR_STORE_TIMEOUT_MS)),
    ]);
    session.doc.destroy();
    if (!this.running || this.session !== null) return;
    this.session = this.open();
    this.changed();
  }

  private compute(): ConnectionSnapshot<P> {
    const session = this.session;
    const live = this.running && this.online && this.socket === "connected" && this.synced;
    return {
      doc: session?.doc ?? this.placeholder,
      provider: session?.provider ?? null,
      awareness: session?.provider.awareness ?? null,
      status: deriveStatus({ online: this.online, socket: this.socket, synced: this.synced, everLive: this.everLive, downLong: this.downLong }),
      unsyncedChanges: this.unsynced,
      synced: live,
      refusal: this.refusal,
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
    if (live || !this.running) {
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
