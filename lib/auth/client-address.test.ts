import { describe, expect, it } from "vitest";
import { clientAddressFrom, clientAddressOf, CLIENT_ADDRESS_HEADER, trustedProxyHops } from "./client-address.ts";

describe("clientAddressOf", () => {
  const socketAddress = "10.0.0.9";
  it.each<[string, string | string[] | undefined, number, string]>([
    ["no proxy trusted: the socket, whatever the header says", "1.2.3.4", 0, socketAddress],
    ["one hop, no header (a direct request): the socket", undefined, 1, socketAddress],
    ["one hop, empty header: the socket", " , ", 1, socketAddress],
    ["one hop: the entry our proxy appended", "203.0.113.7", 1, "203.0.113.7"],
    ["one hop: the right end, not the client-controlled left end", "6.6.6.6, 203.0.113.7", 1, "203.0.113.7"],
    ["one hop: many forged entries change nothing", "1.1.1.1, 2.2.2.2, 3.3.3.3, 203.0.113.7", 1, "203.0.113.7"],
    ["two hops: the second from the right", "6.6.6.6, 203.0.113.7, 10.1.0.1", 2, "203.0.113.7"],
    ["two hops, one entry: the leftmost there is", "203.0.113.7", 2, "203.0.113.7"],
    ["repeated headers are one list", ["6.6.6.6", "203.0.113.7"], 1, "203.0.113.7"],
    ["IPv6", "6.6.6.6, 2001:db8::1", 1, "2001:db8::1"],
    ["an entry too long to be an address: the socket", `6.6.6.6, ${"9".repeat(65)}`, 1, socketAddress],
  ])("%s", (_name, forwardedFor, trustedHops, expected) => {
    expect(clientAddressOf({ socketAddress, forwardedFor, trustedHops })).toBe(expected);
  });

  it("names an unknown socket", () => {
    expect(clientAddressOf({ socketAddress: undefined, forwardedFor: undefined, trustedHops: 0 })).toBe("unknown");
  });
});

describe("trustedProxyHops (TRUST_PROXY)", () => {
  it.each<[string | undefined, number]>([
    [undefined, 0],
    ["", 0],
    ["0", 0],
    ["1", 1],
    [" 2 ", 2],
    ["10", 10],
  ])("%j -> %d", (value, hops) => {
    expect(trustedProxyHops({ TRUST_PROXY: value })).toBe(hops);
  });

  it.each(["true", "yes", "-1", "1.5", "loopback", "100"])("refuses %j with what to set", (value) => {
    expect(() => trustedProxyHops({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY is the number of proxies in front of the app/);
  });
});

describe("clientAddressFrom", () => {
  it("reads the stamp the server entry wrote", () => {
    expect(clientAddressFrom(new Headers({ [CLIENT_ADDRESS_HEADER]: "203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientAddressFrom({ [CLIENT_ADDRESS_HEADER]: ["203.0.113.7"] })).toBe("203.0.113.7");
    expect(clientAddressFrom({})).toBe("unknown");
  });
});
