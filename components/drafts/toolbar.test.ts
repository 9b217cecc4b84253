import { describe, expect, it } from "vitest";
import { buttonLabel, describeShortcut, LINK_ERROR, parseLinkInput, TOOLBAR_BUTTONS, toolbarFocusTarget, toolbarState, type LinkInput, type ToolbarButtonName } from "./toolbar";

describe("TOOLBAR_BUTTONS", () => {
  it("has exactly the agreed accessible names, in order", () => {
    expect(TOOLBAR_BUTTONS.map((button) => button.name)).toEqual([
      "Bold",
      "Italic",
      "Strike",
      "Code",
      "Heading 1",
      "Heading 2",
      "Heading 3",
      "Bullet list",
      "Numbered list",
      "Quote",
      "Code block",
      "Divider",
      "Link",
    ]);
  });
});

describe("toolbarState", () => {
  it.each([
    { on: [], pressed: [] },
    { on: ["bold"], pressed: ["Bold"] },
    { on: ["bold", "italic", "link"], pressed: ["Bold", "Italic", "Link"] },
    { on: ["heading:2"], pressed: ["Heading 2"] },
    { on: ["bulletList"], pressed: ["Bullet list"] },
    { on: ["orderedList", "blockquote"], pressed: ["Numbered list", "Quote"] },
    { on: ["codeBlock"], pressed: ["Code block"] },
    { on: ["horizontalRule"], pressed: [] },
  ])("$on -> $pressed", ({ on, pressed }) => {
    const state = toolbarState((type, attrs) => on.includes(attrs?.level ? `${type}:${String(attrs.level)}` : type));
    expect(Object.entries(state).filter(([, value]) => value).map(([name]) => name)).toEqual(pressed);
  });
});

describe("describeShortcut", () => {
  it.each([
    ["Mod-b", false, "Control+B", "Ctrl+B"],
    ["Mod-b", true, "Meta+B", "⌘B"],
    ["Mod-Shift-s", false, "Control+Shift+S", "Ctrl+Shift+S"],
    ["Mod-Alt-1", true, "Meta+Alt+1", "⌘⌥1"],
    ["Mod-Shift-8", true, "Meta+Shift+8", "⌘⇧8"],
  ])("%s (mac: %s)", (shortcut, mac, aria, text) => {
    expect(describeShortcut(shortcut, mac)).toEqual({ aria, text });
  });
});

describe("toolbarFocusTarget", () => {
  it.each([
    ["ArrowRight", 0, 13, 1],
    ["ArrowRight", 12, 13, 0],
    ["ArrowLeft", 0, 13, 12],
    ["ArrowLeft", 5, 13, 4],
    ["Home", 7, 13, 0],
    ["End", 2, 13, 12],
    ["Enter", 2, 13, null],
    ["ArrowRight", 0, 0, null],
  ])("%s from %i of %i -> %s", (key, current, count, expected) => {
    expect(toolbarFocusTarget(key, current, count)).toBe(expected);
  });
});

describe("parseLinkInput", () => {
  const cases: Array<[string, LinkInput]> = [
    ["https://example.com/paper?id=1#s2", { kind: "set", href: "https://example.com/paper?id=1#s2" }],
    ["  http://example.com  ", { kind: "set", href: "http://example.com" }],
    ["HTTPS://EXAMPLE.COM", { kind: "set", href: "HTTPS://EXAMPLE.COM" }],
    ["mailto:ada@example.org", { kind: "set", href: "mailto:ada@example.org" }],
    ["example.com", { kind: "set", href: "https://example.com" }],
    ["arxiv.org/abs/2308.10792", { kind: "set", href: "https://arxiv.org/abs/2308.10792" }],
    ["ada@example.org", { kind: "set", href: "mailto:ada@example.org" }],
    ["", { kind: "remove" }],
    ["   ", { kind: "remove" }],
    ["javascript:alert(1)", { kind: "invalid", message: LINK_ERROR }],
    ["JavaScript:alert(1)", { kind: "invalid", message: LINK_ERROR }],
    ["data:text/html,<b>x</b>", { kind: "invalid", message: LINK_ERROR }],
    ["ftp://example.com", { kind: "invalid", message: LINK_ERROR }],
    ["vbscript:msgbox", { kind: "invalid", message: LINK_ERROR }],
    ["https://", { kind: "invalid", message: "That address is not valid. Enter a full address, like https://example.com." }],
    ["https://exa mple.com", { kind: "invalid", message: "A link cannot contain spaces." }],
    ["not a link", { kind: "invalid", message: "A link cannot contain spaces." }],
    ["/relative/path", { kind: "invalid", message: "Enter a full address, like https://example.com." }],
    ["//example.com", { kind: "invalid", message: "Enter a full address, like https://example.com." }],
    ["hello", { kind: "invalid", message: "Enter a full address, like https://example.com." }],
  ];
  it.each(cases)("%j", (input, expected) => {
    expect(parseLinkInput(input)).toEqual(expected);
  });
});

describe("buttonLabel", () => {
  it.each<[string, string, string]>([
    ["Bold", "B", "Bold"],
    ["Code", "</>", "Code"],
    ["Heading 1", "H1", "Heading 1, H1"],
    ["Numbered list", "1.", "Numbered list, 1."],
    ["Bullet list", "•", "Bullet list"],
    ["Link", "Link", "Link"],
  ])("%s shown as %s is named %s", (name, glyph, label) => {
    expect(buttonLabel({ name: name as ToolbarButtonName, glyph })).toBe(label);
  });
});
