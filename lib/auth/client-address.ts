// The address a request came from, for rate limits. The server entry stamps it on every request from
// the socket (or, with TRUST_PROXY=1, from the first X-Forwarded-For hop); a client cannot set it.
export const CLIENT_ADDRESS_HEADER = "x-marginalia-client-address";

export function clientAddressFrom(headers: Headers | Record<string, string | string[] | undefined>): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers[CLIENT_ADDRESS_HEADER];
  return (Array.isArray(value) ? value[0] : value) ?? "unknown";
}
