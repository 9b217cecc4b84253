// Which pages may open the /collab websocket. Browsers send Origin with every websocket upgrade (and
// cookies along with it), so another site a student visits could otherwise write as them: the upgrade
// is allowed from the app's own origin (NEXTAUTH_URL), from the origin the request was addressed to
// (same host, as the HTTP CSRF check does), and from configured extra origins. A client that sends no
// Origin is not a browser and carries no ambient credentials from one.

export interface OriginPolicy {
  /** The app's public URL (NEXTAUTH_URL). */
  appUrl?: string;
  /** Further allowed origins (ALLOWED_ORIGINS, comma-separated). */
  extra?: string[];
}

function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

export function isAllowedOrigin(origin: string | undefined, host: string | undefined, policy: OriginPolicy): boolean {
  if (origin === undefined) return true;
  const given = originOf(origin);
  if (!given) return false;
  const allowed = new Set<string>();
  if (policy.appUrl) {
    const app = originOf(policy.appUrl);
    if (app) allowed.add(app);
  }
  for (const extra of policy.extra ?? []) {
    const parsed = originOf(extra.trim());
    if (parsed) allowed.add(parsed);
  }
  if (allowed.has(given)) return true;
  return host !== undefined && new URL(given).host === host.toLowerCase();
}

export function parseAllowedOrigins(value: string | undefined): string[] {
  return (value ?? "").split(",").map((part) => part.trim()).filter(Boolean);
}
