import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatBytes, limitRequestBody, withBodyLimit } from "./body-limit.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** A chunked body (no Content-Length) of `chunks` pieces of 1 KB, counting how many were pulled. */
function chunkedRequest(chunks: number, headers: Record<string, string> = {}) {
  const piece = new TextEncoder().encode(`"${"x".repeat(1022)}"`.slice(0, 1024));
  const pulled = { count: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.count === chunks) return controller.close();
      pulled.count += 1;
      controller.enqueue(piece);
    },
  });
  const request = new Request("http://localhost/api/signup?x=1", { method: "POST", body, headers, duplex: "half" } as RequestInit & { duplex: "half" });
  return { request, pulled };
}

describe("limitRequestBody", () => {
  it("passes a chunked body under the limit through unchanged", async () => {
    const { request } = chunkedRequest(3);
    const text = await limitRequestBody(request, { maxBytes: 4096 }).text();
    expect(text).toHaveLength(3 * 1024);
  });

  it("cuts a chunked body off at the limit with a 413 error naming it, without reading the rest", async () => {
    const { request, pulled } = chunkedRequest(10_000);
    const error = await limitRequestBody(request, { maxBytes: 64 * 1024 })
      .json()
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413, message: "The request is too large: this address accepts at most 64 KB." });
    // What a stream reads ahead of its reader is bounded; the rest of the 10 MB is never pulled.
    expect(pulled.count).toBeLessThan(100);
  });

  it("refuses at once when Content-Length says the body is too large", () => {
    const request = new Request("http://localhost/api/signup", { method: "POST", body: "x".repeat(20), headers: { "content-length": "20" } });
    expect(() => limitRequestBody(request, { maxBytes: 10, message: "At most 10 bytes." })).toThrow(expect.objectContaining({ code: "PAYLOAD_TOO_LARGE", message: "At most 10 bytes." }));
  });

  it("keeps method, headers, URL and nextUrl (next-auth reads it)", async () => {
    const { request } = chunkedRequest(1, { "content-type": "application/json", origin: "http://localhost" });
    const limited = limitRequestBody(request, { maxBytes: 4096 });
    expect(limited.method).toBe("POST");
    expect(limited.headers.get("origin")).toBe("http://localhost");
    expect((limited as Request & { nextUrl: URL }).nextUrl.searchParams.get("x")).toBe("1");
  });

  it("leaves a request without a body alone", () => {
    const request = new Request("http://localhost/api/notifications/seen", { method: "POST" });
    expect(limitRequestBody(request, { maxBytes: 10 })).toBe(request);
  });
});

describe("withBodyLimit", () => {
  const readAll = withBodyLimit(async (request: Request) => new Response(await request.text()), { maxBytes: 2048 });

  it("answers 413 with the limit in the message when the handler reads too much", async () => {
    const response = await readAll(chunkedRequest(3).request, undefined);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: "PAYLOAD_TOO_LARGE", message: "The request is too large: this address accepts at most 2 KB.", issues: [] } });
  });

  it("lets a body within the limit through", async () => {
    const response = await readAll(chunkedRequest(2).request, undefined);
    expect(response.status).toBe(200);
    expect((await response.text()).length).toBe(2048);
  });

  it("leaves other errors to the handler's caller", async () => {
    const failing = withBodyLimit(async () => {
      throw new Error("boom");
    }, { maxBytes: 10 });
    await expect(failing(new Request("http://localhost/"), undefined)).rejects.toThrow("boom");
  });
});

describe("formatBytes", () => {
  it.each([
    [64 * 1024, "64 KB"],
    [1024 * 1024, "1 MB"],
    [1024 * 1024 + 64 * 1024, "1,088 KB"],
    [1000, "1,000 bytes"],
  ])("%d -> %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe("every route handler caps its body", () => {
  const routeFiles = (fs.readdirSync(path.join(ROOT, "app/api"), { recursive: true }) as string[])
    .filter((file) => file.endsWith("route.ts"))
    .map((file) => path.join("app/api", file));

  it("finds the route files", () => {
    expect(routeFiles.length).toBeGreaterThan(10);
  });

  it.each(routeFiles)("%s: every handler that takes a body goes through route() or withBodyLimit()", (file) => {
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const [, method, value] of source.matchAll(/export const (POST|PUT|PATCH|DELETE)\s*=\s*(\w+)/g)) {
      expect(`${method} = ${value}`).toMatch(/= (route|handler)$/);
    }
    expect(source).not.toMatch(/export (async )?function (POST|PUT|PATCH|DELETE)\b/);
    if (/export \{[^}]*as (POST|PUT|PATCH|DELETE)/.test(source)) expect(source).toMatch(/withBodyLimit\(/);
  });
});
