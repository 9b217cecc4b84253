// Where someone may be sent back to (after signing in, signing up, joining, signing out): a path on this
// site and nothing else. Browsers forgive a lot in a URL (they drop tabs and newlines, read "\" as "/",
// and "//host" is another site), so anything unusual is refused outright rather than repaired.

/** Longer return paths are refused: nothing in the app needs one, and they only carry tricks. */
const MAX_LENGTH = 2048;
/** A stand-in origin: a return path is resolved against it and must stay on it. */
const PLACEHOLDER_ORIGIN = "http://return-path.invalid";
/** Control and invisible format characters, any kind of space, and the backslash, anywhere in the path. */
const UNSAFE_CHARACTER = /[\p{Cc}\p{Cf}\p{Z}\\]/u;
/** A slash, then (after anything a browser might skip) a second slash or backslash: another host. */
const OTHER_HOST = /^\/[\p{Cc}\p{Cf}\p{Z}]*[/\\]/u;
/** How often a path is percent-decoded to check what a later decoder would see. */
const DECODE_ROUNDS = 3;

/**
 * The same-site path to return to, or "/" for anything else: absolute URLs, `//host`, `/\host`,
 * `javascript:`, paths with tabs, newlines or backslashes, and encoded forms of those.
 */
export function safeReturnPath(value: unknown): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_LENGTH) return "/";
  if (UNSAFE_CHARACTER.test(raw)) return "/";
  let form = raw;
  for (let round = 0; round <= DECODE_ROUNDS; round++) {
    if (!form.startsWith("/") || OTHER_HOST.test(form)) return "/";
    let decoded: string;
    try {
      decoded = decodeURIComponent(form);
    } catch {
      return "/";
    }
    if (decoded === form) break;
    if (round === DECODE_ROUNDS) return "/";
    form = decoded;
  }
  const url = new URL(raw, PLACEHOLDER_ORIGIN);
  if (url.origin !== PLACEHOLDER_ORIGIN) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * next-auth's redirect callback: an absolute URL on this site or a safe path, else the site's root.
 * `baseUrl` is the site's own origin (from NEXTAUTH_URL).
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  const origin = new URL(base).origin;
  let path: unknown = url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    try {
      const parsed = new URL(url);
      path = parsed.origin === origin ? `${parsed.pathname}${parsed.search}${parsed.hash}` : "/";
    } catch {
      path = "/";
    }
  }
  return `${base}${safeReturnPath(path)}`;
}
