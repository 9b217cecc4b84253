import { describe, expect, it } from "vitest";
import { EarlyInput, earlyKeyAction, type EarlyKey } from "./early-input";

const key = (value: string, modifiers: Partial<EarlyKey> = {}): EarlyKey => ({ key: value, ctrlKey: false, metaKey: false, altKey: false, isComposing: false, ...modifiers });

describe("earlyKeyAction", () => {
  it.each([
    ["a letter", key("a"), { kind: "text", text: "a" }],
    ["a capital", key("Q"), { kind: "text", text: "Q" }],
    ["a space", key(" "), { kind: "text", text: " " }],
    ["an emoji (one character, two UTF-16 units)", key("😀"), { kind: "text", text: "😀" }],
    ["AltGr's @", key("@", { altKey: true }), { kind: "text", text: "@" }],
    ["Enter", key("Enter"), { kind: "key", key: "Enter" }],
    ["Backspace", key("Backspace"), { kind: "key", key: "Backspace" }],
    ["Delete", key("Delete"), { kind: "key", key: "Delete" }],
    ["Ctrl+B (a shortcut)", key("b", { ctrlKey: true }), null],
    ["Cmd+V (paste)", key("v", { metaKey: true }), null],
    ["Alt+Backspace", key("Backspace", { altKey: true }), null],
    ["an arrow key", key("ArrowLeft"), null],
    ["Tab (leaves the draft)", key("Tab"), null],
    ["Shift alone", key("Shift"), null],
    ["a key while an IME composes", key("a", { isComposing: true }), null],
  ])("%s", (_name, event, action) => {
    expect(earlyKeyAction(event)).toEqual(action);
  });
});

describe("EarlyInput", () => {
  it("keeps clicks and keys in order, typing runs of characters as one", () => {
    const input = new EarlyInput();
    input.record({ kind: "click", x: 10, y: 20 });
    for (const text of "Hi") input.record({ kind: "text", text });
    input.record({ kind: "key", key: "Enter" });
    input.record({ kind: "text", text: "!" });
    expect(input.take().actions).toEqual([
      { kind: "click", x: 10, y: 20 },
      { kind: "text", text: "Hi" },
      { kind: "key", key: "Enter" },
      { kind: "text", text: "!" },
    ]);
  });

  it("takes back typed characters with Backspace, and keeps a Backspace beyond them for the editor", () => {
    const input = new EarlyInput();
    for (const text of ["a", "😀"]) input.record({ kind: "text", text });
    input.record({ kind: "key", key: "Backspace" });
    expect(input.take().actions).toEqual([{ kind: "text", text: "a" }]);
    input.record({ kind: "text", text: "b" });
    input.record({ kind: "key", key: "Backspace" });
    input.record({ kind: "key", key: "Backspace" });
    expect(input.take().actions).toEqual([{ kind: "key", key: "Backspace" }]);
  });

  it("hands everything over once", () => {
    const input = new EarlyInput();
    input.setFocused(true);
    input.record({ kind: "text", text: "x" });
    expect(input.take()).toEqual({ focused: true, actions: [{ kind: "text", text: "x" }] });
    expect(input.take()).toEqual({ focused: false, actions: [] });
    expect(input.focused).toBe(false);
  });
});
