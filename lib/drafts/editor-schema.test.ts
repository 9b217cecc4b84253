import { describe, expect, it } from "vitest";
import { draftSchema, isAllowedLink } from "./editor-schema.ts";

describe("draft links", () => {
  it.each([
    ["https://arxiv.org/abs/2106.09685", true],
    ["http://example.edu", true],
    ["mailto:class@example.edu", true],
    ["/readings/abc#highlight-123", true],
    ["//evil.example/x", false],
    ["/\\evil.example", false],
    ["javascript:alert(1)", false],
    [" JaVaScRiPt:alert(1)", false],
    ["data:text/html,<script>", false],
    ["vbscript:x", false],
    ["ftp://files.example", false],
  ])("%s -> %s", (href, allowed) => expect(isAllowedLink(href)).toBe(allowed));
});

describe("draft schema", () => {
  it("has the editor's nodes and marks and nothing else", () => {
    const schema = draftSchema();
    expect(Object.keys(schema.nodes).sort()).toEqual(["blockquote", "bulletList", "codeBlock", "doc", "hardBreak", "heading", "horizontalRule", "listItem", "orderedList", "paragraph", "text"]);
    expect(Object.keys(schema.marks).sort()).toEqual(["bold", "code", "italic", "link", "strike", "underline"]);
  });
});
