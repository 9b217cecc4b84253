// The formatting toolbar as data: each button's accessible name, how to ask the editor whether it
// is on, and its keyboard shortcut. Kept apart from React and Tiptap so the table can be tested.
import { isAllowedLink } from "@/lib/drafts/links";

export type ToolbarButtonName =
  | "Bold"
  | "Italic"
  | "Strike"
  | "Code"
  | "Heading 1"
  | "Heading 2"
  | "Heading 3"
  | "Bullet list"
  | "Numbered list"
  | "Quote"
  | "Code block"
  | "Divider"
  | "Link";

export interface ToolbarButton {
  name: ToolbarButtonName;
  /** The mark or node that makes this button "pressed"; null for one-shot actions (Divider). */
  active: { type: string; attrs?: Record<string, unknown> } | null;
  /** Tiptap's default binding ("Mod" = Cmd on a Mac, Ctrl elsewhere); Link's is added by the editor. */
  shortcut: string | null;
  /** Short text shown on the button; the name stays the accessible name. */
  glyph: string;
  /** Where a divider goes before this button, for visual grouping only. */
  groupStart?: boolean;
}

export const TOOLBAR_BUTTONS: readonly ToolbarButton[] = [
  { name: "Bold", active: { type: "bold" }, shortcut: "Mod-b", glyph: "B" },
  { name: "Italic", active: { type: "italic" }, shortcut: "Mod-i", glyph: "I" },
  { name: "Strike", active: { type: "strike" }, shortcut: "Mod-Shift-s", glyph: "S" },
  { name: "Code", active: { type: "code" }, shortcut: "Mod-e", glyph: "</>" },
  { name: "Heading 1", active: { type: "heading", attrs: { level: 1 } }, shortcut: "Mod-Alt-1", glyph: "H1", groupStart: true },
  { name: "Heading 2", active: { type: "heading", attrs: { level: 2 } }, shortcut: "Mod-Alt-2", glyph: "H2" },
  { name: "Heading 3", active: { type: "heading", attrs: { level: 3 } }, shortcut: "Mod-Alt-3", glyph: "H3" },
  { name: "Bullet list", active: { type: "bulletList" }, shortcut: "Mod-Shift-8", glyph: "•", groupStart: true },
  { name: "Numbered list", active: { type: "orderedList" }, shortcut: "Mod-Shift-7", glyph: "1." },
  { name: "Quote", active: { type: "blockquote" }, shortcut: "Mod-Shift-b", glyph: "❝" },
  { name: "Code block", active: { type: "codeBlock" }, shortcut: "Mod-Alt-c", glyph: "{ }" },
  { name: "Divider", active: null, shortcut: null, glyph: "―", groupStart: true },
  { name: "Link", active: { type: "link" }, shortcut: "Mod-k", glyph: "Link" },
];

/**
 * The button's accessible name: its name, with the visible glyph added where the glyph is a word the
 * name does not contain ("Heading 1, H1"), so someone who reads the button aloud to voice control is
 * understood (WCAG 2.5.3, label in name; not in parentheses, which checkers read as an aside). Symbols
 * (•, ❝) are not words and are left out.
 */
export function buttonLabel(button: Pick<ToolbarButton, "name" | "glyph">): string {
  const words = /[\p{L}\p{N}]/u.test(button.glyph);
  return words && !button.name.toLowerCase().includes(button.glyph.toLowerCase()) ? `${button.name}, ${button.glyph}` : button.name;
}

export type IsActive = (type: string, attrs?: Record<string, unknown>) => boolean;

/** Which buttons are pressed, by name (one-shot buttons are never pressed). */
export function toolbarState(isActive: IsActive): Record<ToolbarButtonName, boolean> {
  const state = {} as Record<ToolbarButtonName, boolean>;
  for (const button of TOOLBAR_BUTTONS) state[button.name] = button.active ? isActive(button.active.type, button.active.attrs) : false;
  return state;
}

const KEY_NAMES: Record<string, string> = { Mod: "", Shift: "Shift", Alt: "Alt" };

/**
 * A Tiptap shortcut as the aria-keyshortcuts attribute wants it ("Control+Shift+S", "Meta+B") and
 * as people read it ("Ctrl+Shift+S", "⌘B").
 */
export function describeShortcut(shortcut: string, mac: boolean): { aria: string; text: string } {
  const parts = shortcut.split("-");
  const key = parts.pop()!.toUpperCase();
  const aria = parts.map((part) => (part === "Mod" ? (mac ? "Meta" : "Control") : KEY_NAMES[part] ?? part)).concat(key).join("+");
  const text = mac
    ? parts.map((part) => ({ Mod: "⌘", Shift: "⇧", Alt: "⌥" })[part] ?? part).join("") + key
    : parts.map((part) => (part === "Mod" ? "Ctrl" : part)).concat(key).join("+");
  return { aria, text };
}

/** Moves focus within the toolbar (one tab stop, arrows between buttons); null for other keys. */
export function toolbarFocusTarget(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case "ArrowRight":
      return (current + 1) % count;
    case "ArrowLeft":
      return (current - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}

export type LinkInput = { kind: "set"; href: string } | { kind: "remove" } | { kind: "invalid"; message: string };

export const LINK_ERROR = "Only web links (http:// or https://) and email links (mailto:) can be added.";

/**
 * What the Link field's text means. Empty removes the link; a bare address ("example.com",
 * "ada@example.org") gets the obvious scheme; any other scheme (javascript:, data:, ftp:, ...) is
 * refused with a message, as the server and the editor schema would drop it anyway.
 */
export function parseLinkInput(input: string): LinkInput {
  const value = input.trim();
  if (value === "") return { kind: "remove" };
  if (/\s/.test(value)) return { kind: "invalid", message: "A link cannot contain spaces." };
  let href = value;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    if (/^[^@/]+@[^@/]+\.[^@/]+$/.test(value)) href = `mailto:${value}`;
    else if (/^[^/:@]+\.[a-z]{2,}(?:[/:?#].*)?$/i.test(value)) href = `https://${value}`;
    else return { kind: "invalid", message: "Enter a full address, like https://example.com." };
  }
  if (!isAllowedLink(href)) return { kind: "invalid", message: LINK_ERROR };
  try {
    const url = new URL(href);
    if (url.protocol !== "mailto:" && !url.hostname) return { kind: "invalid", message: "Enter a full address, like https://example.com." };
  } catch {
    return { kind: "invalid", message: "That address is not valid. Enter a full address, like https://example.com." };
  }
  return { kind: "set", href };
}
