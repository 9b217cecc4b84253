import { describe, expect, it } from "vitest";
import { deepLinkFragment, parseDeepLink, targetElementId } from "./deep-link";

describe("parseDeepLink", () => {
  it.each([
    ["#comment-0123456789abcdef01234567", { kind: "comment", id: "0123456789abcdef01234567" }],
    ["#highlight-abc_DEF-12", { kind: "highlight", id: "abc_DEF-12" }],
  ])("reads %s", (hash, expected) => {
    expect(parseDeepLink(hash)).toEqual(expected);
    expect(`#${deepLinkFragment(expected as never)}`).toBe(hash);
  });

  it.each(["", "#", "#comment-", "#comment-short", "#reply-0123456789", "#comment-01234567\"><script>", "comment-0123456789", `#comment-${"a".repeat(65)}`])(
    "ignores %s",
    (hash) => {
      expect(parseDeepLink(hash)).toBeNull();
    },
  );

  it("names the element each kind is shown as", () => {
    expect(targetElementId({ kind: "comment", id: "abcdefgh" })).toBe("comment-abcdefgh");
    expect(targetElementId({ kind: "highlight", id: "abcdefgh" })).toBe("highlight-card-abcdefgh");
  });
});
