import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * Whether the browser's session cookie still signs in. A live page asks when its websocket drops: the
 * browser cannot see that the upgrade was refused with a 401 (password changed elsewhere).
 */
export const GET = route(async ({ actor }) => Response.json({ signedIn: actor !== null }, { headers: { "Cache-Control": "no-store" } }));
