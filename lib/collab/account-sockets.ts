// Open websockets follow the account. A password change, a team move, a change of a session's teams or an
// archived reading closes, at once and on every instance (Redis pub/sub when configured), exactly the sockets
// it concerns; the client reconnects, and the upgrade and authorization decide again with what is true now.
import crypto from "node:crypto";
import type { Connection, Extension, Hocuspocus, WebSocketLike, connectedPayload, onConfigurePayload } from "@hocuspocus/server";
import { Redis } from "ioredis";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import type { Actor } from "../policies/index.ts";
import type { CollabContext } from "./context.ts";
import type { AccountChange, LiveDocuments } from "./live-registry.ts";
import { actorFromHeaders } from "./session-cookie.ts";

export type { AccountChange };

/** The close frame the browser gets, by cause. Both are in the application range, so providers reconnect. */
export const CLOSE_EVENTS: Record<AccountChange, { code: number; reason: string }> = {
  // The cookie no longer signs in (the password changed): the reconnect's upgrade gets a 401.
  "session-ended": { code: 4401, reason: "Your session ended; sign in again." },
  // What the user may open or write changed: the reconnect is authorized again.
  "access-changed": { code: 4409, reason: "Your access changed; reconnecting." },
};

/**
 * Which sockets: those with a connection that meets every condition given (one user's; members of some teams;
 * on some documents). A socket that meets them on one document is closed as a whole.
 */
export interface SocketTarget {
  userId?: string;
  teamIds?: string[];
  documentNames?: string[];
}

export interface AccountSocketsOptions {
  db: Db;
  /** Secret that signs session cookies, to check a racing connection's cookie again. */
  secret: string;
  /** Relay closes to the other instances through this Redis. */
  redisUrl?: string;
  log?: (line: string) => void;
}

const CHANNEL = "marginalia:account-sockets";
/** How long a close is remembered: a connection authorized just before it but established just after is caught. */
const RACE_WINDOW_MS = 10_000;

const relayedSchema = z.object({
  from: z.string(),
  change: z.enum(["session-ended", "access-changed"]),
  target: z
    .object({ userId: z.string().optional(), teamIds: z.array(z.string()).max(1_000).optional(), documentNames: z.array(z.string()).max(10_000).optional() })
    .strict(),
});

type StampedContext = CollabContext & { authorizingSince?: number };

interface RecentClose {
  at: number;
  target: SocketTarget;
  change: AccountChange;
}

export class AccountSockets implements Extension {
  extensionName = "account-sockets";
  // Runs before authorization (1000), so the time stamped is from before its database reads.
  priority = 1001;

  /** Resolves once this instance listens for other instances' closes (at once without Redis). */
  readonly ready: Promise<void>;
  private instance: Hocuspocus | null = null;
  private recent: RecentClose[] = [];
  private readonly id = crypto.randomUUID();
  private readonly publisher: Redis | null = null;
  private readonly subscriber: Redis | null = null;
  private relayDown = false;

  constructor(private readonly options: AccountSocketsOptions) {
    if (!options.redisUrl) {
      this.ready = Promise.resolve();
      return;
    }
    this.publisher = this.connect(options.redisUrl);
    this.subscriber = this.connect(options.redisUrl);
    this.subscriber.on("message", (channel: string, message: string) => {
      if (channel === CHANNEL) this.receive(message);
    });
    this.ready = this.subscriber.subscribe(CHANNEL).then(
      () => undefined,
      (error: Error) => this.log(`collab: cannot listen for account changes on Redis: ${error.message}`),
    );
  }

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.instance = instance;
  }

  async onAuthenticate(): Promise<Partial<StampedContext>> {
    return { authorizingSince: Date.now() };
  }

  /** Closes a connection that was authorized on facts a close has since replaced. */
  async connected({ connection, context, documentName, requestHeaders }: connectedPayload<StampedContext>): Promise<void> {
    const actor = context.actor;
    const concerning = this.recentCloses().filter(({ target }) => actor && matches(target, documentName, actor));
    if (concerning.length === 0) return;
    // A close about documents came after this connection's authorization began: it decided on old facts.
    const since = context.authorizingSince ?? 0;
    const late = concerning.find(({ at, target }) => target.documentNames && at >= since);
    if (late) {
      this.closeSocket(connection.webSocket, late.change);
      return;
    }
    if (!concerning.some(({ target }) => !target.documentNames)) return;
    // A close about the user came after the upgrade loaded them, perhaps: ask the database again.
    const fresh = await actorFromHeaders({ cookie: requestHeaders.get("cookie") ?? undefined }, this.options.db, this.options.secret);
    if (!fresh) this.closeSocket(connection.webSocket, "session-ended");
    else if (fresh.role !== actor.role || fresh.teamId !== actor.teamId) this.closeSocket(connection.webSocket, "access-changed");
  }

  /** Closes the target's sockets here, then asks the other instances to do the same. */
  close(target: SocketTarget, change: AccountChange): number {
    const closed = this.closeHere(target, change);
    this.publisher?.publish(CHANNEL, JSON.stringify({ from: this.id, change, target })).catch((error: Error) => {
      this.log(`collab: could not relay an account change to other instances: ${error.message}`);
    });
    return closed;
  }

  /** The live-registry methods route handlers call. */
  commands(): Pick<LiveDocuments, "closeUserConnections" | "closeTeamConnections" | "closeDocumentConnections"> {
    const run = async (target: SocketTarget, change: AccountChange) => void this.close(target, change);
    return {
      closeUserConnections: (userId, change) => run({ userId }, change),
      closeTeamConnections: (teamIds, documentNames, change) => run({ teamIds, documentNames }, change),
      closeDocumentConnections: (documentNames, change) => run({ documentNames }, change),
    };
  }

  async destroy(): Promise<void> {
    await Promise.all([this.publisher, this.subscriber].map((redis) => redis?.quit().catch(() => redis.disconnect())));
  }

  /** Closes, on this instance only, every socket that has a connection the target concerns; returns how many. */
  closeHere(target: SocketTarget, change: AccountChange): number {
    if (isEmpty(target)) return 0;
    this.recent = [...this.recentCloses(), { at: Date.now(), target, change }];
    const bySocket = new Map<WebSocketLike, { connections: Connection[]; concerned: boolean }>();
    for (const document of this.instance?.documents.values() ?? []) {
      for (const connection of document.getConnections()) {
        const entry = bySocket.get(connection.webSocket) ?? { connections: [], concerned: false };
        entry.connections.push(connection);
        const actor = (connection.context as Partial<CollabContext>).actor;
        if (actor && matches(target, document.name, actor)) entry.concerned = true;
        bySocket.set(connection.webSocket, entry);
      }
    }
    let closed = 0;
    for (const [socket, { connections, concerned }] of bySocket) {
      if (!concerned) continue;
      this.closeSocket(socket, change, connections);
      closed++;
    }
    return closed;
  }

  /**
   * Leaves every document first, so nothing more the socket sends is applied under the old decision, then
   * closes the socket itself with a code that says why; the provider reconnects through a fresh upgrade.
   */
  private closeSocket(socket: WebSocketLike, change: AccountChange, connections = this.connectionsOf(socket)): void {
    const event = CLOSE_EVENTS[change];
    for (const connection of connections) connection.close(event);
    if (socket.readyState <= 1) socket.close(event.code, event.reason);
  }

  private connectionsOf(socket: WebSocketLike): Connection[] {
    const found: Connection[] = [];
    for (const document of this.instance?.documents.values() ?? []) {
      for (const connection of document.getConnections()) if (connection.webSocket === socket) found.push(connection);
    }
    return found;
  }

  private recentCloses(): RecentClose[] {
    const cutoff = Date.now() - RACE_WINDOW_MS;
    return this.recent.filter((close) => close.at >= cutoff);
  }

  private receive(message: string): void {
    let data: unknown;
    try {
      data = JSON.parse(message);
    } catch {
      data = null;
    }
    const parsed = relayedSchema.safeParse(data);
    if (!parsed.success) {
      this.log("collab: ignored a malformed account change from Redis");
      return;
    }
    if (parsed.data.from !== this.id) this.closeHere(parsed.data.target, parsed.data.change);
  }

  private connect(url: string): Redis {
    const redis = new Redis(url, { maxRetriesPerRequest: 3 });
    redis.on("ready", () => {
      this.relayDown = false;
    });
    redis.on("error", (error: Error) => {
      // ioredis retries by itself and reports every failed attempt: one line per outage is enough.
      if (this.relayDown) return;
      this.relayDown = true;
      this.log(`collab: Redis for account changes unavailable, retrying: ${error.message}`);
    });
    return redis;
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

/**
 * For a process that runs no collaboration server (a command-line tool): asks every running instance, through
 * Redis, to close the target's sockets. Resolves once Redis took the message.
 */
export async function relayAccountChange({ redisUrl, target, change }: { redisUrl: string; target: SocketTarget; change: AccountChange }): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 5_000 });
  redis.on("error", () => {});
  try {
    await redis.publish(CHANNEL, JSON.stringify({ from: `tool:${crypto.randomUUID()}`, change, target }));
  } finally {
    redis.disconnect();
  }
}

/** Nothing to close: no condition at all (that would be everyone), or a list of no teams or no documents. */
function isEmpty(target: SocketTarget): boolean {
  if (target.userId === undefined && target.teamIds === undefined && target.documentNames === undefined) return true;
  return target.teamIds?.length === 0 || target.documentNames?.length === 0;
}

function matches(target: SocketTarget, documentName: string, actor: Actor): boolean {
  if (target.userId !== undefined && actor.id !== target.userId) return false;
  if (target.teamIds && (actor.teamId === null || !target.teamIds.includes(actor.teamId))) return false;
  if (target.documentNames && !target.documentNames.includes(documentName)) return false;
  return true;
}
