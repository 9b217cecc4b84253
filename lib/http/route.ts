// The shape of every route handler: same-origin check for writes (CSRF), a capped request body, the
// current actor, the handler, and errors mapped to status codes in one place. A 500 never shows internals.
import type { z } from "zod";
import { trustedProxyHops } from "../auth/client-address.ts";
import { getCurrentActor } from "../auth/current-actor.ts";
import { AppError, isAppError, toPublicError, type ErrorIssue } from "../errors/app-error.ts";
import type { Actor } from "../policies/index.ts";
import { DEFAULT_BODY_LIMIT, limitRequestBody } from "./body-limit.ts";

export interface RouteContext<P> {
  request: Request;
  actor: Actor | null;
  params: P;
}

type RouteHandler<P> = (context: RouteContext<P>) => Promise<Response | object>;

export interface RouteOptions {
  /** Largest request body the handler may read, in bytes (default 64 KB); more is answered 413. */
  maxBodyBytes?: number;
  /** What that 413 says; the default names the limit. */
  tooLargeMessage?: string;
}

export function route<P = Record<string, never>>(handler: RouteHandler<P>, options: RouteOptions = {}) {
  const limit = { maxBytes: options.maxBodyBytes ?? DEFAULT_BODY_LIMIT, message: options.tooLargeMessage };
  return async (incoming: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const write = !["GET", "HEAD", "OPTIONS"].includes(incoming.method);
      if (write) assertSameOrigin(incoming);
      const request = write ? limitRequestBody(incoming, limit) : incoming;
      const actor = await getCurrentActor();
      const result = await handler({ request, actor, params: await context.params });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  const { status, body } = toPublicError(error);
  if (status === 500) console.error(error);
  const retry = /Try again in (\d+) s/.exec(body.error.message);
  return Response.json(body, { status, headers: retry ? { "Retry-After": retry[1]! } : undefined });
}

/** Browsers send Origin with every cross-site write; a write whose Origin is not this site is refused. */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") && trustedProxyHops() > 0 ? request.headers.get("x-forwarded-host") : request.headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = origin ? new URL(origin).host : null;
  } catch {
    originHost = null;
  }
  if (!originHost || originHost !== host) {
    throw new AppError("FORBIDDEN", "This request did not come from a Marginalia page (its Origin header is missing or foreign).");
  }
}

/** Reads and validates a JSON body (capped by route()); every problem becomes an INVALID_INPUT naming the field. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  let data: unknown;
  try {
    data = await request.json();
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError("INVALID_INPUT", "The request body must be JSON.");
  }
  return parseInput(schema, data);
}

export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues: ErrorIssue[] = parsed.error.issues.map((issue) => ({ field: issue.path.join(".") || undefined, message: issue.message }));
  throw new AppError("INVALID_INPUT", issues[0]?.message ?? "Check the form and try again.", issues);
}
