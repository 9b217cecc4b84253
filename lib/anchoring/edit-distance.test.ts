import { describe, expect, it } from "vitest";
import { approximateStartsEndingAt, editDistance, findApproximateMatches } from "./edit-distance.ts";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["", "LoRA", 4],
    ["QLoRA", "", 5],
    ["QLoRA", "QLoRA", 0],
    ["QLoRA", "LoRA", 1],
    ["finetunning", "finetuning", 1],
    ["kitten", "sitting", 3],
    ["memory usage", "GPU memory usage", 4],
    ["naïve", "naive", 1],
    ["“paged”", '"paged"', 2],
    ["🤗", "🚀", 2], // both halves of the surrogate pair differ
  ])("%j -> %j costs %i", (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe("findApproximateMatches", () => {
  it.each([
    {
      name: "an exact occurrence",
      text: "a frozen, 4-bit quantized model",
      pattern: "4-bit",
      maxErrors: 0,
      expected: [{ start: 10, end: 15, errors: 0 }],
    },
    {
      name: "a corrected typo",
      text: "an efficient finetuning approach",
      pattern: "finetunning",
      maxErrors: 1,
      expected: [{ start: 13, end: 23, errors: 1 }],
    },
    {
      name: "a substituted first character, kept inside the match",
      text: "Here we present QLoRA",
      pattern: "We present",
      maxErrors: 1,
      expected: [{ start: 5, end: 15, errors: 1 }],
    },
    {
      name: "nothing within the budget",
      text: "Low Rank Adapters",
      pattern: "quantized",
      maxErrors: 2,
      expected: [],
    },
    {
      name: "an empty pattern",
      text: "anything",
      pattern: "",
      maxErrors: 3,
      expected: [],
    },
  ])("finds $name", ({ text, pattern, maxErrors, expected }) => {
    const matches = findApproximateMatches(text, pattern, maxErrors);
    const best = matches.filter((match) => match.errors === Math.min(...matches.map((candidate) => candidate.errors)));
    expect(best).toEqual(expected);
    for (const match of matches) {
      expect(editDistance(pattern, text.slice(match.start, match.end))).toBe(match.errors);
    }
  });

  it.each([
    ["QLoRA", "LoRA", 1],
    ["We present QLoRA, an efficient finetuning approach", "efficient finetunning", 2],
    ["abcabcabc", "abd", 1],
  ])("reports, in %j for %j, only ends whose span is really within %i edits", (text, pattern, maxErrors) => {
    const matches = findApproximateMatches(text, pattern, maxErrors);
    expect(matches.length).toBeGreaterThan(0);
    for (const match of matches) {
      expect(match.start).toBeLessThan(match.end);
      expect(match.errors).toBeLessThanOrEqual(maxErrors);
      expect(editDistance(pattern, text.slice(match.start, match.end))).toBe(match.errors);
    }
  });
});

describe("approximateStartsEndingAt", () => {
  it.each([
    {
      name: "one exact start",
      text: "We present QLoRA",
      pattern: "QLoRA",
      end: 16,
      maxErrors: 0,
      expected: [{ start: 11, end: 16, errors: 0 }],
    },
    {
      // Deleting the quote's first letter ties with substituting the space before it.
      name: "every equally cheap start after a first-letter edit",
      text: "performance. LoRA backpropagates",
      pattern: "QLoRA",
      end: 17,
      maxErrors: 1,
      expected: [
        { start: 13, end: 17, errors: 1 },
        { start: 12, end: 17, errors: 1 },
      ],
    },
    {
      name: "no start for an end outside the text",
      text: "LoRA",
      pattern: "LoRA",
      end: 9,
      maxErrors: 1,
      expected: [],
    },
  ])("lists $name", ({ text, pattern, end, maxErrors, expected }) => {
    expect(approximateStartsEndingAt(text, pattern, end, maxErrors)).toEqual(expected);
  });
});
