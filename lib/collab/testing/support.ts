// Test support for the collaboration server: a real HTTP server on port 0 with the real extensions,
// session cookies minted the way next-auth mints them, and real providers connecting with them.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { encode } from "next-auth/jwt";
import WebSocket from "ws";
import * as Y from "yjs";
import type { Db } from "../../db/client.ts";
import { loadDocument } from "../document-store.ts";
import { createCollabServer, type CollabServer, type CollabServerOptions } from "../server.ts";

export const TEST_SECRET = "test-secret-test-secret-test-secret-0123";

export interface TestCollabServer {
  url: string;
  port: number;
  collab: CollabServer;
  close(): Promise<void>;
}

export async function startTestCollabServer(
  db: Db,
  options: { port?: number } & Pick<CollabServerOptions, "origins" | "writePolicy" | "log"> = {},
): Promise<TestCollabServer> {
  const collab = createCollabServer({ db, secret: TEST_SECRET, compactAfterMs: 50, origins: options.origins, writePolicy: options.writePolicy, log: options.log });
  const server = http.createServer((_request, response) => response.writeHead(404).end());
  server.on("upgrade", (request, socket, head) => collab.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/collab`,
    port,
    collab,
    close: async () => {
      await collab.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The document as Postgres holds it, once the server's pending compactions are done. */
export async function storedDocument(server: TestCollabServer, db: Db, documentName: string): Promise<Y.Doc> {
  await server.collab.persistence.flush();
  const doc = new Y.Doc();
  const stored = await loadDocument(db, documentName);
  if (stored.update) Y.applyUpdate(doc, stored.update);
  return doc;
}

/** The cookie a signed-in browser would send. */
export async function sessionCookie(user: { id: string; sessionVersion?: number }, secret = TEST_SECRET): Promise<string> {
  const token = await encode({ token: { uid: user.id, sv: user.sessionVersion ?? 0 }, secret });
  return `next-auth.session-token=${token}`;
}

function webSocketWithCookie(cookie: string) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  };
}

export interface TestClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  stateless: string[];
  destroy(): void;
}

/** A real HocuspocusProvider, connected with a user's session cookie; resolves once synced. */
export async function connectClient(url: string, documentName: string, cookie: string, doc = new Y.Doc()): Promise<TestClient> {
  const websocketProvider = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: webSocketWithCookie(cookie), delay: 50, minDelay: 50, maxDelay: 500 });
  const stateless: string[] = [];
  let resolveSynced: () => void;
  let rejectSynced: (error: Error) => void;
  const synced = new Promise<void>((resolve, reject) => {
    resolveSynced = resolve;
    rejectSynced = reject;
  });
  const provider = new HocuspocusProvider({
    websocketProvider,
    name: documentName,
    document: doc,
    token: "session-cookie",
    onSynced: () => resolveSynced(),
    onAuthenticationFailed: ({ reason }) => rejectSynced(new Error(`authentication failed: ${reason}`)),
    onStateless: ({ payload }) => stateless.push(payload),
  });
  provider.attach();
  const timeout = setTimeout(() => rejectSynced(new Error(`no sync with ${documentName} within 10 s`)), 10_000);
  try {
    await synced;
  } finally {
    clearTimeout(timeout);
  }
  return {
    doc,
    provider,
    stateless,
    destroy: () => {
      provider.destroy();
      websocketProvider.destroy();
    },
  };
}

/** Resolves when the provider has no unacknowledged changes (the server said it saved them). */
export async function waitUntilSaved(client: TestClient, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (client.provider.hasUnsyncedChanges) {
    if (Date.now() > deadline) throw new Error("changes not acknowledged in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
