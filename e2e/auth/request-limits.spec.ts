// Request bodies are capped while they stream in, against the real server: a chunked body with no
// Content-Length that never ends is answered 413, with the limit in the message, while it is still being
// sent. Sign-up, sign-in (next-auth's own endpoint), the import upload and a JSON route are each tried.
import http from "node:http";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { ACCOUNTS, sameOrigin, signInWithApi } from "../support.ts";

const BASE_URL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000";
/** Far beyond every limit: a server that waited for the end of the body would never answer in time. */
const ENDLESS = 256 * 1024 * 1024;
const CHUNK = Buffer.alloc(16 * 1024, "a");

interface Sent {
  status: number;
  body: string;
  /** Bytes of body written before the response arrived. */
  sent: number;
  /** Whether the response came while the body was still being sent. */
  answeredEarly: boolean;
}

/** Streams a chunked body (no Content-Length) until the server answers, or ENDLESS bytes have gone. */
function streamUntilAnswered(method: string, path: string, headers: Record<string, string>, first = ""): Promise<Sent> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    let finished = false;
    const request = http.request(new URL(path, BASE_URL), { method, headers: { ...headers, "transfer-encoding": "chunked" } });
    request.on("response", (response) => {
      answered = true;
      const answeredEarly = !finished;
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8"), sent, answeredEarly });
      });
    });
    // Once answered, the server may close the connection under the remaining body.
    request.on("error", (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && sent < ENDLESS) {
        const chunk = sent === 0 && first ? Buffer.concat([Buffer.from(first), CHUNK]) : CHUNK;
        sent += chunk.length;
        if (!request.write(chunk)) {
          request.once("drain", pump);
          return;
        }
      }
      if (!answered) {
        finished = true;
        request.end();
      }
    };
    pump();
  });
}

/** Sends headers that promise a large body, and then nothing: the answer must not wait for it. */
function declareOnly(path: string, headers: Record<string, string>, length: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(path, BASE_URL), { method: "POST", headers: { ...headers, "content-length": String(length) } });
    request.on("response", (response) => {
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8") });
      });
    });
    request.on("error", reject);
    request.flushHeaders();
  });
}

const message = (body: string) => (JSON.parse(body) as { error: { message: string } }).error.message;

test.describe("bounded request bodies", () => {
  let instructorCookie = "";

  test.beforeAll(async () => {
    const context = await playwrightRequest.newContext({ baseURL: BASE_URL });
    await signInWithApi(context, ACCOUNTS.instructor.email);
    instructorCookie = (await context.storageState()).cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
    await context.dispose();
  });

  test("sign-up: an endless chunked JSON body is refused at 64 KB", async () => {
    const result = await streamUntilAnswered("POST", "/api/signup", { ...sameOrigin(), "content-type": "application/json" }, '{"name":"');
    expect(result.status).toBe(413);
    expect(message(result.body)).toBe("The request is too large: this address accepts at most 64 KB.");
    expect(result.answeredEarly).toBe(true);
  });

  test("sign-in: next-auth's own endpoint is refused at 16 KB", async () => {
    const result = await streamUntilAnswered("POST", "/api/auth/callback/credentials", { ...sameOrigin(), "content-type": "application/x-www-form-urlencoded" }, "email=");
    expect(result.status).toBe(413);
    expect(message(result.body)).toBe("The request is too large: this address accepts at most 16 KB.");
    expect(result.answeredEarly).toBe(true);
  });

  test("import upload: an endless multipart body is refused with the 1 MB limit", async () => {
    const boundary = "----limit-test";
    const result = await streamUntilAnswered(
      "POST",
      "/api/console/import",
      { ...sameOrigin(), cookie: instructorCookie, "content-type": `multipart/form-data; boundary=${boundary}` },
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="list.txt"\r\nContent-Type: text/plain\r\n\r\n`,
    );
    expect(result.status).toBe(413);
    expect(message(result.body)).toBe("A reading list may be at most 1 MB.");
    expect(result.answeredEarly).toBe(true);
    expect(result.sent).toBeGreaterThan(1024 * 1024);
  });

  test("a JSON route with a larger limit (reading edit) stops at 1 MB", async () => {
    const result = await streamUntilAnswered(
      "PATCH",
      "/api/console/readings/c0000000000000000000000000",
      { ...sameOrigin(), cookie: instructorCookie, "content-type": "application/json" },
      '{"abstract":"',
    );
    expect(result.status).toBe(413);
    expect(message(result.body)).toBe("The request is too large: this address accepts at most 1 MB.");
    expect(result.answeredEarly).toBe(true);
  });

  test("a Content-Length over the limit is refused before any of the body arrives", async () => {
    const result = await declareOnly("/api/signup", { ...sameOrigin(), "content-type": "application/json" }, 10 * 1024 * 1024);
    expect(result.status).toBe(413);
    expect(message(result.body)).toBe("The request is too large: this address accepts at most 64 KB.");
  });

  test("a chunked body within the limit is read as usual", async () => {
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(new URL("/api/console/teams", BASE_URL), {
        method: "POST",
        headers: { ...sameOrigin(), cookie: instructorCookie, "content-type": "application/json", "transfer-encoding": "chunked" },
      });
      request.on("response", (answer) => {
        const parts: Buffer[] = [];
        answer.on("data", (part: Buffer) => parts.push(part));
        answer.on("end", () => resolve({ status: answer.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8") }));
      });
      request.on("error", reject);
      request.write('{"slug":');
      request.end('"Not A Slug!"}');
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: "INVALID_INPUT", issues: [{ field: "slug" }] } });
  });
});
