// The one place that decides whether a URL written in a comment may become a link.
//
// Only absolute http:, https: and mailto: URLs are allowed. Everything else (javascript:, data:,
// vbscript:, file:, relative and protocol-relative URLs, ...) is rejected and stays plain text.

const ALLOWED_PREFIX = /^(?:https?:\/\/|mailto:)/i;
const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);
// Whitespace and control characters are never part of a URL we accept: the WHATWG parser silently
// drops tabs and newlines ("java\tscript:"), so refuse them before parsing rather than after.
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/;
// After parsing, a host is ASCII (IDN hosts come back as punycode): a name or a bracketed IPv6 address.
const HOSTNAME = /^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])$/i;

/** The longest URL (in UTF-16 code units) that may become a link. */
export const MAX_URL_LENGTH = 2048;

/**
 * Returns the normalised href for an allowed URL (http:, https: or mailto:), or null when the
 * text must not become a link. The result is what `new URL(raw).href` gives, so characters such as
 * `"`, `<` and `>` in an http(s) path, query or fragment come back percent-encoded.
 */
export function toSafeHref(raw: string): string | null {
  if (raw.length === 0 || raw.length > MAX_URL_LENGTH) return null;
  if (!ALLOWED_PREFIX.test(raw) || CONTROL_OR_SPACE.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol === "mailto:") {
    return url.pathname.length > 0 ? url.href : null;
  }
  if (!HOSTNAME.test(url.hostname)) return null;
  return url.href;
}
