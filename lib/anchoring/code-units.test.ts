import { describe, expect, it } from "vitest";
import { splitsSurrogatePair, widenToCodePoints } from "./code-units.ts";

// "a🤗b": the emoji occupies code units 1 and 2.
const text = "a🤗b";

describe("splitsSurrogatePair", () => {
  it.each([
    [0, false],
    [1, false],
    [2, true],
    [3, false],
    [4, false],
    [-1, false],
    [99, false],
  ])("offset %i -> %s", (offset, expected) => {
    expect(splitsSurrogatePair(text, offset)).toBe(expected);
  });

  it.each([
    ["a lone high surrogate", "a\ud83eb", 2],
    ["a lone low surrogate", "a\udd17b", 1],
    ["curly quotes and accents", "“café”", 3],
  ])("is false inside %s", (_name, sample, offset) => {
    expect(splitsSurrogatePair(sample, offset)).toBe(false);
  });
});

describe("widenToCodePoints", () => {
  it.each([
    ["a range that splits nothing", 0, 3, { start: 0, end: 3 }],
    ["a start inside the emoji", 2, 4, { start: 1, end: 4 }],
    ["an end inside the emoji", 0, 2, { start: 0, end: 3 }],
    ["both edges inside the emoji", 2, 2, { start: 1, end: 3 }],
  ])("%s", (_name, start, end, expected) => {
    expect(widenToCodePoints(text, start, end)).toEqual(expected);
  });
});
