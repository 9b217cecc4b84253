// Whether the session behind a page still signs in, asked when its socket is down. Loaded only then
// (connection-status.tsx): it checks the server's answer with zod, which a page need not carry until then.
import { z } from "zod/mini";
import type { SessionProbe } from "./connection-state";

/** Answers `{ "signedIn": boolean }` for the session cookie the browser sends. */
export const SESSION_PROBE_URL = "/api/session";

const probeSchema = z.object({ signedIn: z.boolean() });

/**
 * Whether the session behind the page still signs in. A browser cannot see why a websocket upgrade failed,
 * so a 401 (the password was changed elsewhere) would otherwise look like a network outage, forever.
 */
export async function probeSession(fetcher: typeof fetch = fetch): Promise<SessionProbe> {
  try {
    const response = await fetcher(SESSION_PROBE_URL, { cache: "no-store", credentials: "same-origin" });
    if (!response.ok) return "unknown";
    const parsed = probeSchema.safeParse(await response.json());
    if (!parsed.success) return "unknown";
    return parsed.data.signedIn ? "signed-in" : "signed-out";
  } catch {
    return "unknown";
  }
}
