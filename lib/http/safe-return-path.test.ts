import { describe, expect, it } from "vitest";
import { safeRedirectUrl, safeReturnPath } from "./safe-return-path.ts";

describe("safeReturnPath keeps same-site paths", () => {
  it.each([
    ["/", "/"],
    ["/readings/c123", "/readings/c123"],
    ["/sessions/llm-fine-tuning/drafts/blog-post", "/sessions/llm-fine-tuning/drafts/blog-post"],
    ["/signin?changed=1", "/signin?changed=1"],
    ["/readings/c123#highlight-h1", "/readings/c123#highlight-h1"],
    ["/join?callbackUrl=%2Freadings%2Fc1", "/join?callbackUrl=%2Freadings%2Fc1"],
    ["/search?q=a%2Fb", "/search?q=a%2Fb"],
    ["/a/../readings/c1", "/readings/c1"],
    [["/readings/c1", "//evil.example"], "/readings/c1"],
  ])("%j -> %s", (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });
});

describe("safeReturnPath sends everything else to /", () => {
  it.each([
    ["tab after the slash", "/\t/evil.example"],
    ["tab between the slashes", "/\t\t/evil.example"],
    ["newline", "/\n/evil.example"],
    ["carriage return", "/\r/evil.example"],
    ["tab inside a path", "/readings/\tc1"],
    ["protocol-relative", "//evil.example"],
    ["protocol-relative with a path", "//evil.example/readings/c1"],
    ["triple slash", "///evil.example"],
    ["backslash", "/\\evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["backslash later in the path", "/readings\\..\\..\\evil"],
    ["space before the second slash", "/ /evil.example"],
    ["no-break space", "/\u00a0/evil.example"],
    ["zero-width space", "/\u200b/evil.example"],
    ["right-to-left override", "/\u202e/evil.example"],
    ["NUL", "/\u0000/evil.example"],
    ["encoded slash", "/%2F/evil.example"],
    ["encoded slashes, lower case", "/%2f%2fevil.example"],
    ["encoded backslash", "/%5Cevil.example"],
    ["encoded tab", "/%09/evil.example"],
    ["encoded newline", "/%0A/evil.example"],
    ["double-encoded slash", "/%252F/evil.example"],
    ["triple-encoded slash", "/%25252F/evil.example"],
    ["fully encoded", "%2F%2Fevil.example"],
    ["malformed escape", "/readings/%E0%A4%A"],
    ["absolute http", "http://evil.example/"],
    ["absolute https", "https://evil.example/readings/c1"],
    ["absolute, this site's look-alike", "http://localhost:3000/readings/c1"],
    ["scheme without slashes", "https:evil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["JavaScript: with case and spaces", " JavaScript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["relative", "readings/c1"],
    ["leading space", " /readings/c1"],
    ["empty", ""],
    ["undefined", undefined],
    ["a number", 42],
    ["an object", { toString: () => "/readings" }],
    ["over 2048 characters", `/${"a".repeat(2048)}`],
  ])("%s", (_name, value) => {
    expect(safeReturnPath(value)).toBe("/");
  });
});

describe("safeRedirectUrl (next-auth's redirect callback)", () => {
  const base = "http://localhost:3000";
  it.each([
    ["/readings/c1", `${base}/readings/c1`],
    [`${base}/readings/c1?x=1`, `${base}/readings/c1?x=1`],
    [`${base}/signin?changed=1`, `${base}/signin?changed=1`],
    ["https://evil.example/readings/c1", `${base}/`],
    ["http://localhost:3001/readings/c1", `${base}/`],
    ["//evil.example", `${base}/`],
    ["/\t/evil.example", `${base}/`],
    [`${base}/\t/evil.example`, `${base}/`],
    [`${base}//evil.example`, `${base}/`],
    [`${base}/%2F%2Fevil.example`, `${base}/`],
    ["javascript:alert(1)", `${base}/`],
    ["http://[bad", `${base}/`],
  ])("%j -> %s", (url, expected) => {
    expect(safeRedirectUrl(url, base)).toBe(expected);
  });

  it("keeps a trailing slash off the base", () => {
    expect(safeRedirectUrl("/account", `${base}/`)).toBe(`${base}/account`);
  });
});
