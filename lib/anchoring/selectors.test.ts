import { describe, expect, it } from "vitest";
import { textPositionSelectorSchema, textQuoteSelectorSchema, textTargetSchema } from "./selectors.ts";

const quote = { exact: "4-bit quantized", prefix: "through a frozen, ", suffix: " pretrained language model" };

describe("textQuoteSelectorSchema", () => {
  it.each<[string, unknown, boolean]>([
    ["a typical quote", quote, true],
    ["empty context at the edges of the text", { exact: "We", prefix: "", suffix: "" }, true],
    ["the longest quote allowed", { ...quote, exact: "x".repeat(2000) }, true],
    ["the longest context allowed", { ...quote, prefix: "p".repeat(64), suffix: "s".repeat(64) }, true],
    ["an empty quote", { ...quote, exact: "" }, false],
    ["a quote one character too long", { ...quote, exact: "x".repeat(2001) }, false],
    ["a prefix one character too long", { ...quote, prefix: "p".repeat(65) }, false],
    ["a suffix one character too long", { ...quote, suffix: "s".repeat(65) }, false],
    ["a missing suffix", { exact: "x", prefix: "" }, false],
  ])("%s -> valid: %s", (_name, input, valid) => {
    expect(textQuoteSelectorSchema.safeParse(input).success).toBe(valid);
  });
});

describe("textPositionSelectorSchema", () => {
  it.each<[string, unknown, boolean]>([
    ["a range at the start", { start: 0, end: 1 }, true],
    ["a range in the middle", { start: 230, end: 245 }, true],
    ["a negative start", { start: -1, end: 4 }, false],
    ["an empty range", { start: 7, end: 7 }, false],
    ["a reversed range", { start: 9, end: 3 }, false],
    ["a fractional offset", { start: 1.5, end: 4 }, false],
    ["a NaN offset", { start: Number.NaN, end: 4 }, false],
    ["a string offset", { start: "3", end: 4 }, false],
  ])("%s -> valid: %s", (_name, input, valid) => {
    expect(textPositionSelectorSchema.safeParse(input).success).toBe(valid);
  });
});

describe("textTargetSchema", () => {
  const target = { ...quote, start: 233, end: 248 };

  it.each<[string, unknown, boolean]>([
    ["a consistent target", target, true],
    ["a span longer than the quote", { ...target, end: 249 }, false],
    ["a span shorter than the quote", { ...target, start: 234 }, false],
    ["an empty quote and span", { ...target, exact: "", end: 233 }, false],
    ["a missing position", quote, false],
  ])("%s -> valid: %s", (_name, input, valid) => {
    expect(textTargetSchema.safeParse(input).success).toBe(valid);
  });

  it.each<[string, unknown, string[]]>([
    ["the end is not after the start", { ...target, end: 233 }, ["end"]],
    ["the span disagrees with the quote", { ...target, end: 250 }, ["end"]],
  ])("points the error at the end when %s", (_name, input, path) => {
    const result = textTargetSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(path);
  });

  it("keeps the stored fields and drops unknown ones", () => {
    expect(textTargetSchema.parse({ ...target, color: "yellow" })).toEqual(target);
  });
});
