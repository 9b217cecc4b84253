import { describe, expect, it } from "vitest";
import type { SessionProbe } from "./connection-state";
import { probeSession, SESSION_PROBE_URL } from "./session-probe";

describe("probeSession", () => {
  const answering = (response: () => Response | Promise<Response>) => {
    const calls: [RequestInfo | URL, RequestInit | undefined][] = [];
    const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push([input, init]);
      return response();
    }) as typeof fetch;
    return { calls, fetcher };
  };

  it.each<[string, () => Response | Promise<Response>, SessionProbe]>([
    ["signed in", () => Response.json({ signedIn: true }), "signed-in"],
    ["signed out", () => Response.json({ signedIn: false }), "signed-out"],
    ["server error", () => Response.json({ error: { message: "x" } }, { status: 503 }), "unknown"],
    ["not the expected shape", () => Response.json({ signedIn: "no" }), "unknown"],
    ["not JSON", () => new Response("<html>", { status: 200 }), "unknown"],
    ["network down", () => Promise.reject(new TypeError("Failed to fetch")), "unknown"],
  ])("reads the probe's answer: %s", async (_name, response, expected) => {
    const { calls, fetcher } = answering(response);
    expect(await probeSession(fetcher)).toBe(expected);
    expect(calls).toEqual([[SESSION_PROBE_URL, { cache: "no-store", credentials: "same-origin" }]]);
  });
});
