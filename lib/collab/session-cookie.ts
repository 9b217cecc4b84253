// Authenticates a websocket upgrade from the next-auth session cookie that the browser sends with it.
import type { IncomingHttpHeaders } from "node:http";
import { decode } from "next-auth/jwt";
import { loadActor } from "../auth/current-actor.ts";
import type { Db } from "../db/client.ts";
import type { Actor } from "../policies/index.ts";

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    try {
      cookies.set(name, decodeURIComponent(part.slice(index + 1).trim()));
    } catch {
      // A malformed cookie is no session.
    }
  }
  return cookies;
}

/** The signed-in course member behind these headers, or null (no, expired, forged or outdated session). */
export async function actorFromHeaders(headers: IncomingHttpHeaders, db: Db, secret: string): Promise<Actor | null> {
  const cookies = parseCookies(headers.cookie);
  for (const name of COOKIE_NAMES) {
    // next-auth splits large tokens into name.0, name.1, ...
    let token = cookies.get(name);
    if (!token) {
      const chunks: string[] = [];
      for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
      token = chunks.join("") || undefined;
    }
    if (!token) continue;
    try {
      const jwt = await decode({ token, secret });
      if (!jwt?.uid) return null;
      return await loadActor({ userId: jwt.uid, sessionVersion: jwt.sv ?? 0, db });
    } catch {
      return null;
    }
  }
  return null;
}
