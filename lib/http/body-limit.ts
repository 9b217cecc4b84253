// Request bodies are capped while they stream in, so a chunked upload with no Content-Length is cut off at
// the limit like any other (nothing past it is buffered); the handler sees an ordinary request.
import { NextRequest } from "next/server";
import { AppError, toPublicError } from "../errors/app-error.ts";

/** What a route reads at most unless it says otherwise: every form and small JSON body fits. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export interface BodyLimit {
  /** Largest body read, in bytes. */
  maxBytes: number;
  /** What the 413 says; the default names the limit. */
  message?: string;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${(bytes / 1024).toLocaleString("en")} KB`;
  return `${bytes.toLocaleString("en")} bytes`;
}

function tooLarge(limit: BodyLimit): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", limit.message ?? `The request is too large: this address accepts at most ${formatBytes(limit.maxBytes)}.`);
}

/**
 * The same request with its body capped at `limit.maxBytes`: refused at once when Content-Length says it
 * is larger, else reading it fails with a PAYLOAD_TOO_LARGE AppError as soon as one byte too many arrives.
 */
export function limitRequestBody(request: Request, limit: BodyLimit): Request {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > limit.maxBytes) throw tooLarge(limit);
  if (!request.body) return request;
  let received = 0;
  const capped = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > limit.maxBytes) controller.error(tooLarge(limit));
        else controller.enqueue(chunk);
      },
    }),
  );
  // A NextRequest, not a plain Request: next-auth reads `nextUrl` from what it is given.
  return new NextRequest(request.url, {
    method: request.method,
    headers: request.headers,
    body: capped,
    signal: request.signal,
    duplex: "half",
  } as ConstructorParameters<typeof NextRequest>[1] & { duplex: "half" });
}

/**
 * For handlers that do not go through route() (next-auth's own endpoint): the body is capped, and a body
 * over the limit is answered 413 with the limit in the message.
 */
export function withBodyLimit<C>(handler: (request: Request, context: C) => Promise<Response>, limit: BodyLimit) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      return await handler(limitRequestBody(request, limit), context);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "PAYLOAD_TOO_LARGE") throw error;
      const { status, body } = toPublicError(error);
      return Response.json(body, { status });
    }
  };
}
