import { describe, expect, it } from "vitest";
import { fallbackColor } from "../annotations/awareness-peers";
import { caretUser, renderSelection } from "./carets";

describe("caretUser", () => {
  it.each([
    ["a server-set user", { id: "u1", name: "Ada Lovelace", color: "#1D4ED8" }, { name: "Ada Lovelace", color: "#1d4ed8" }],
    ["a short colour", { id: "u1", name: "Ada", color: "#abc" }, { name: "Ada", color: "#aabbcc" }],
    ["a colour that is not hex", { id: "u1", name: "Ada", color: "red; background:url(x)" }, { name: "Ada", color: fallbackColor("u1") }],
    ["no colour", { id: "u2", name: "Bob" }, { name: "Bob", color: fallbackColor("u2") }],
    ["no name", { id: "u3", color: "#000000" }, { name: "Someone", color: "#000000" }],
    ["a name that is not a string", { name: { toString: "x" } }, { name: "Someone", color: fallbackColor("Someone") }],
    ["markup in the name (stays text)", { id: "u", name: "<img src=x onerror=alert(1)>", color: "#111111" }, { name: "<img src=x onerror=alert(1)>", color: "#111111" }],
    ["a very long name", { id: "u", name: "x".repeat(100), color: "#111111" }, { name: `${"x".repeat(39)}…`, color: "#111111" }],
    ["whitespace in the name", { id: "u", name: "  Ada \n Lovelace ", color: "#111111" }, { name: "Ada Lovelace", color: "#111111" }],
  ])("%s", (_name, user, expected) => {
    expect(caretUser(user)).toEqual(expected);
  });
});

describe("renderSelection", () => {
  it("only ever puts a checked colour in the style", () => {
    expect(renderSelection({ id: "u", name: "A", color: "red;position:fixed" }).style).toMatch(/^background-color: #[0-9a-f]{6}33$/);
  });
});
