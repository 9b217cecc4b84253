import { describe, expect, it } from "vitest";
import { MAX_URL_LENGTH, toSafeHref } from "./safe-url.ts";

describe("toSafeHref", () => {
  it.each<[string, string]>([
    ["https://example.com", "https://example.com/"],
    ["http://example.com/a?b=1#c", "http://example.com/a?b=1#c"],
    ["HTTPS://EXAMPLE.COM/Path", "https://example.com/Path"],
    ["mailto:someone@example.com", "mailto:someone@example.com"],
    ["MailTo:someone@example.com", "mailto:someone@example.com"],
    ["https://example.com/\"onmouseover=\"alert(1)", "https://example.com/%22onmouseover=%22alert(1)"],
    ["https://example.com/<script>", "https://example.com/%3Cscript%3E"],
    ["https://[::1]:8080/x", "https://[::1]:8080/x"],
    ["https://bücher.example", "https://xn--bcher-kva.example/"],
  ])("allows %s", (raw, href) => {
    expect(toSafeHref(raw)).toBe(href);
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\u0000javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "ftp://example.com",
    "//evil.example",
    "/relative",
    "relative",
    "#top",
    "",
    "https://",
    "https:evil.example",
    "https:/evil.example",
    "https://ok.example\"onmouseover=\"alert(1)",
    "https://ok.example onmouseover=alert(1)",
    "https://%zz",
    "mailto:",
    `https://example.com/${"a".repeat(MAX_URL_LENGTH)}`,
  ])("rejects %j", (raw) => {
    expect(toSafeHref(raw)).toBeNull();
  });
});
