// Co-editors' carets. The caret's label comes from another client's awareness `user`, which the
// collaboration server sets; it is still checked here because it ends up in the DOM.
import { fallbackColor } from "../annotations/awareness-peers";

export interface CaretUser {
  name: string;
  color: string;
}

const HEX6 = /^#[0-9a-f]{6}$/i;
const HEX3 = /^#[0-9a-f]{3}$/i;

/** A name and a 6-digit colour for a caret, from whatever the awareness state holds. */
export function caretUser(user: Record<string, unknown>): CaretUser {
  const id = typeof user.id === "string" ? user.id : "";
  const rawName = typeof user.name === "string" ? user.name.replace(/\s+/g, " ").trim() : "";
  const name = rawName ? (rawName.length > 40 ? `${rawName.slice(0, 39)}…` : rawName) : "Someone";
  const raw = typeof user.color === "string" ? user.color : "";
  const color = HEX6.test(raw)
    ? raw.toLowerCase()
    : HEX3.test(raw)
      ? `#${[...raw.slice(1)].map((digit) => digit + digit).join("")}`.toLowerCase()
      : fallbackColor(id || name);
  return { name, color };
}

/** The caret element: built with DOM calls and a text node, so a name can never become markup. */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const { name, color } = caretUser(user);
  const caret = document.createElement("span");
  caret.className = "collaboration-carets__caret";
  caret.style.borderColor = color;
  const label = document.createElement("span");
  label.className = "collaboration-carets__label";
  label.style.backgroundColor = color;
  label.setAttribute("aria-hidden", "true");
  label.append(document.createTextNode(name));
  caret.append(label);
  return caret;
}

/** Others' selections, tinted with their colour (an alpha byte added to the hex). */
export function renderSelection(user: Record<string, unknown>): { class: string; style: string } {
  return { class: "collaboration-carets__selection", style: `background-color: ${caretUser(user).color}33` };
}
