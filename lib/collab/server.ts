// The collaboration server: Hocuspocus assembled from single-purpose extensions, attached to the app's
// own HTTP server at /collab. The upgrade is authenticated from the session cookie (no session, no
// websocket); each document is then authorized, checked, persisted and projected by an extension.
import type http from "node:http";
import type { Duplex } from "node:stream";
import { Hocuspocus, type Extension } from "@hocuspocus/server";
import { Redis as RedisExtension } from "@hocuspocus/extension-redis";
import { WebSocketServer } from "ws";
import * as Y from "yjs";
import { registerLiveDocuments } from "./live-registry.ts";
import type { Db } from "../db/client.ts";
import { actorFromHeaders } from "./session-cookie.ts";
import { MAX_SYNC_STEP2_BYTES } from "./kinds/limits.ts";
import { isAllowedOrigin, type OriginPolicy } from "./origin.ts";
import { Authorization } from "./extensions/authorization.ts";
import { WritePolicy, type WritePolicyOptions } from "./extensions/write-policy.ts";
import { Persistence } from "./extensions/persistence.ts";
import { Presence } from "./extensions/presence.ts";
import { Logging } from "./extensions/logging.ts";
import { AccountSockets } from "./account-sockets.ts";
import type { CollabContext } from "./context.ts";

export interface CollabServerOptions {
  db: Db;
  /** Secret that signs session cookies (NEXTAUTH_SECRET). */
  secret: string;
  /** Relay updates to other instances through Redis (REDIS_URL). */
  redisUrl?: string;
  /** Which browser origins may open the websocket (besides the host it was addressed to). */
  origins?: OriginPolicy;
  /** Write-policy settings (tests that refuse on purpose raise the slowdown threshold). */
  writePolicy?: WritePolicyOptions;
  /** Compaction quiet time (ms); tests shorten it. */
  compactAfterMs?: number;
  log?: (line: string) => void;
}

export interface CollabServer {
  hocuspocus: Hocuspocus;
  writePolicy: WritePolicy;
  persistence: Persistence;
  handleUpgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

export function createCollabServer(options: CollabServerOptions): CollabServer {
  const log = options.log ?? (() => {});
  const writePolicy = new WritePolicy(options.writePolicy);
  const persistence = new Persistence({
    db: options.db,
    compactAfterMs: options.compactAfterMs,
    onError: (error, name, during) => log(`collab: ${during} of ${name} failed, will retry: ${(error as Error).message}`),
  });
  const extensions: Extension[] = [new Authorization(options.db), writePolicy, persistence, new Presence(), new Logging(log)];
  if (options.redisUrl) {
    const url = new URL(options.redisUrl);
    extensions.push(new RedisExtension({ host: url.hostname, port: Number(url.port || 6379), options: { password: url.password || undefined, db: Number(url.pathname.slice(1) || 0) } }));
  }
  // Open sockets follow the account: closed at once when a password, team or reading changes (account-sockets.ts).
  const accountSockets = new AccountSockets({ db: options.db, secret: options.secret, redisUrl: options.redisUrl, log });
  extensions.push(accountSockets);
  const hocuspocus = new Hocuspocus({ extensions, quiet: true, debounce: 2000, timeout: 30_000 });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_SYNC_STEP2_BYTES + 64 * 1024 });
  registerLiveDocuments({
    async applyUpdate(documentName, update) {
      if (!hocuspocus.documents.has(documentName)) return;
      const connection = await hocuspocus.openDirectConnection(documentName, {});
      await connection.transact((doc) => Y.applyUpdate(doc, update));
      await connection.disconnect();
    },
    broadcast(documentName, payload) {
      hocuspocus.documents.get(documentName)?.broadcastStateless(payload);
    },
    scheduleCompaction: (documentName) => persistence.schedule(documentName),
    ...accountSockets.commands(),
  });

  return {
    hocuspocus,
    writePolicy,
    persistence,
    handleUpgrade(request, socket, head) {
      socket.on("error", () => socket.destroy());
      if (!isAllowedOrigin(request.headers.origin, request.headers.host, options.origins ?? {})) {
        socket.end("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nThis page's origin may not open live documents.\n");
        return;
      }
      void actorFromHeaders(request.headers, options.db, options.secret).then(
        (actor) => {
          if (!actor) {
            socket.end("HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nSign in first.\n");
            return;
          }
          sockets.handleUpgrade(request, socket, head, (ws) => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
            const webRequest = new Request(new URL(request.url ?? "/collab", "http://localhost"), { headers });
            const context: CollabContext = { actor };
            const connection = hocuspocus.handleConnection(ws, webRequest, context);
            ws.on("message", (data: Buffer) => connection.handleMessage(new Uint8Array(data)));
            ws.on("close", (code, reason) => connection.handleClose({ code, reason: reason.toString() }));
            ws.on("error", () => ws.terminate());
          });
        },
        () => socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n"),
      );
    },
    async close() {
      registerLiveDocuments(null);
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      hocuspocus.closeConnections();
      await persistence.flush();
      await accountSockets.destroy();
    },
  };
}
