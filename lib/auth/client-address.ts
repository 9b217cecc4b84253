// The address a request came from, for rate limits. The server entry stamps it on every request, from the
// socket or, behind proxies (TRUST_PROXY=N), from X-Forwarded-For counted from its right end: each trusted
// proxy appends the address it was connected from, so the entry N places from the right was written by
// our outermost proxy. Anything left of it is whatever the client sent, and a client cannot set the stamp.
export const CLIENT_ADDRESS_HEADER = "x-marginalia-client-address";

/** The longest address kept: an IPv6 address with a zone fits; anything longer is not an address. */
const MAX_ADDRESS_LENGTH = 64;

export const TRUST_PROXY_PROBLEM = "TRUST_PROXY is the number of proxies in front of the app that append to X-Forwarded-For: 0 (none, the default), 1, 2...";

/** How many proxies in front of the app are trusted to append to X-Forwarded-For (TRUST_PROXY, default 0). */
export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const value = env.TRUST_PROXY?.trim() ?? "";
  if (value === "") return 0;
  if (!/^\d{1,2}$/.test(value)) throw new Error(`${TRUST_PROXY_PROBLEM} (it is "${value.slice(0, 20)}").`);
  return Number(value);
}

export interface ClientAddressInput {
  /** The address of the peer of the TCP connection. */
  socketAddress: string | undefined;
  /** The X-Forwarded-For header(s) as received. */
  forwardedFor: string | string[] | undefined;
  trustedHops: number;
}

/**
 * The socket's address, or with N trusted hops the Nth X-Forwarded-For entry from the right. With fewer
 * entries than hops the leftmost is taken (what Express's `trust proxy` does with a hop count).
 */
export function clientAddressOf({ socketAddress, forwardedFor, trustedHops }: ClientAddressInput): string {
  const socket = socketAddress || "unknown";
  if (trustedHops <= 0 || forwardedFor === undefined) return socket;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return socket;
  const address = entries[Math.max(0, entries.length - trustedHops)]!;
  return address.length <= MAX_ADDRESS_LENGTH ? address : socket;
}

export function clientAddressFrom(headers: Headers | Record<string, string | string[] | undefined>): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers[CLIENT_ADDRESS_HEADER];
  return (Array.isArray(value) ? value[0] : value) ?? "unknown";
}
