// One HTTP server on one port: pages and routes go to Next.js; websocket upgrades on /collab go to the
// collaboration server (attached by the caller), any other upgrade to Next (hot reload in dev).
import http from "node:http";
import type { Duplex } from "node:stream";
import next from "next";
import { CLIENT_ADDRESS_HEADER, clientAddressOf, trustedProxyHops } from "../auth/client-address.ts";
import { PROJECT_ROOT } from "../db/open-database.ts";

/** How long an idle keep-alive connection stays open: see createAppServer. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export type UpgradeHandler = (request: http.IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface AppServerOptions {
  dev: boolean;
  hostname: string;
  port: number;
  /** Handles upgrades on /collab. */
  collab?: UpgradeHandler;
}

export interface AppServer {
  server: http.Server;
  close(): Promise<void>;
}

export async function createAppServer(options: AppServerOptions): Promise<AppServer> {
  const app = next({ dev: options.dev, dir: PROJECT_ROOT, hostname: options.hostname, port: options.port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const nextUpgrade = app.getUpgradeHandler();

  const server = http.createServer((request, response) => {
    stampClientAddress(request);
    void handle(request, response);
  });
  // An idle keep-alive connection is closed by whoever times out first. Node's 5 s default lost that race to
  // clients that pool connections longer (a proxy or load balancer in front, 60 s on common ones; browsers;
  // test clients): a request sent on a connection this server was closing at the same moment is reset
  // (ECONNRESET, or a 502 from a proxy). Outlasting them leaves the closing to the client. (headersTimeout
  // stays at Node's 60 s: it times a request's headers from their first byte, not the idle time before.)
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.on("upgrade", (request, socket, head) => {
    stampClientAddress(request);
    const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
    if (pathname === "/collab" || pathname.startsWith("/collab/")) {
      if (options.collab) options.collab(request, socket, head);
      else socket.destroy();
      return;
    }
    void nextUpgrade(request, socket, head);
  });

  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => app.close?.()),
  };
}

/** Rate limits key on this header; whatever a client sent under that name is replaced. */
function stampClientAddress(request: http.IncomingMessage): void {
  request.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf({
    socketAddress: request.socket.remoteAddress,
    forwardedFor: request.headers["x-forwarded-for"],
    trustedHops: trustedProxyHops(),
  });
}
