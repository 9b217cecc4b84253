import http from "node:http";
import { expect, test } from "@playwright/test";

// A client that pools connections (a proxy in front, a browser, a test's request context) sends its next
// request on a connection it believes open. If the server closed that connection first, the request is
// reset. The server must keep idle connections longer than such clients do, and say so.
test("an idle keep-alive connection outlasts the clients' pools and serves the next request", async ({ baseURL }) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await get(agent, new URL("/api/health", baseURL));
    expect(first.status).toBe(200);
    const advertised = Number(/timeout=(\d+)/.exec(first.keepAlive)?.[1]);
    // Common load balancers close idle upstream connections after 60 s: the server must wait longer.
    expect(advertised).toBeGreaterThan(60);

    // Idle past Node's default of 5 s, which closed the connection under a pooling client.
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    const second = await get(agent, new URL("/api/health", baseURL));
    expect(second.status).toBe(200);
    expect(second.reusedSocket).toBe(true);
  } finally {
    agent.destroy();
  }
});

function get(agent: http.Agent, url: URL): Promise<{ status: number; keepAlive: string; reusedSocket: boolean }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent }, (response) => {
      response.resume();
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, keepAlive: String(response.headers["keep-alive"] ?? ""), reusedSocket: request.reusedSocket }),
      );
    });
    request.on("error", reject);
  });
}
