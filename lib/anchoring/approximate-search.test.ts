import { describe, expect, it } from "vitest";
import { searchText, similarity, startsEndingAt } from "./approximate-search.ts";

/** Reference Levenshtein distance (the full table): the oracle the library's answers are checked against. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), row[j]! + 1, next[j - 1]! + 1);
    row = next;
  }
  return row[b.length]!;
}

/** Every [start, end) of `text` within `maxErrors` edits of `pattern`, by brute force. */
function allMatches(text: string, pattern: string, maxErrors: number) {
  const found: Array<{ start: number; end: number; errors: number }> = [];
  for (let start = 0; start < text.length; start++) {
    for (let end = start + 1; end <= text.length; end++) {
      const errors = editDistance(pattern, text.slice(start, end));
      if (errors <= maxErrors) found.push({ start, end, errors });
    }
  }
  return found;
}

describe("searchText", () => {
  it.each([
    {
      name: "every exact occurrence, and nothing approximate beside them",
      text: "a 4-bit model, a 4-bit adapter, a 5-bit one",
      pattern: "4-bit",
      maxErrors: 1,
      expected: [
        { start: 2, end: 7, errors: 0 },
        { start: 17, end: 22, errors: 0 },
      ],
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
    { name: "nothing within the budget", text: "Low Rank Adapters", pattern: "quantized", maxErrors: 2, expected: [] },
    { name: "no approximate search with no budget", text: "finetuning", pattern: "finetunning", maxErrors: 0, expected: [] },
    { name: "an empty pattern", text: "anything", pattern: "", maxErrors: 3, expected: [] },
    { name: "an empty text", text: "", pattern: "LoRA", maxErrors: 3, expected: [] },
  ])("finds $name", ({ text, pattern, maxErrors, expected }) => {
    expect(searchText(text, pattern, maxErrors)).toEqual(expected);
  });

  it.each([
    ["QLoRA and LoRA", "LoRa", 1],
    ["We present QLoRA, an efficient finetuning approach", "efficient finetunning", 2],
    ["abcabcabc", "abd", 1],
    ["naïve 4-bit quantization", "naive 4-bit", 1],
    ["hardware 🤗 suffices", "hardware 🚀 suffices", 2],
  ])("reports, in %j for %j, only the cheapest spans within %i edits, with their real cost", (text, pattern, maxErrors) => {
    const matches = searchText(text, pattern, maxErrors);
    const cheapest = Math.min(...allMatches(text, pattern, maxErrors).map((match) => match.errors));
    expect(matches.length).toBeGreaterThan(0);
    for (const match of matches) {
      expect(match.errors).toBe(cheapest);
      expect(editDistance(pattern, text.slice(match.start, match.end))).toBe(match.errors);
    }
  });

  it("agrees with brute force on the cheapest cost for a quote longer than one 32-bit block", () => {
    const text = "We present QLoRA, an efficient finetuning approach that reduces memory usage enough to finetune a model.";
    const pattern = "an eficient finetuning aproach that reduces memory usage enuogh";
    const [match] = searchText(text, pattern, 6);
    expect(match).toBeDefined();
    expect(match!.errors).toBe(Math.min(...allMatches(text, pattern, 6).map((candidate) => candidate.errors)));
    expect(text.slice(match!.start, match!.end)).toBe("an efficient finetuning approach that reduces memory usage enough");
  });
});

describe("startsEndingAt", () => {
  it.each([
    { name: "one exact start", text: "We present QLoRA", pattern: "QLoRA", end: 16, maxErrors: 0, expected: [11] },
    // Deleting the quote's first letter ties with substituting the space before it.
    { name: "every equally cheap start after a first-letter edit", text: "performance. LoRA backpropagates", pattern: "QLoRA", end: 17, maxErrors: 1, expected: [12, 13] },
    { name: "no start for an end outside the text", text: "LoRA", pattern: "LoRA", end: 9, maxErrors: 1, expected: [] },
    { name: "no start for an empty pattern", text: "LoRA", pattern: "", end: 4, maxErrors: 1, expected: [] },
    { name: "no start when the budget is too small", text: "We present LoRA", pattern: "QLoRA!!", end: 15, maxErrors: 1, expected: [] },
  ])("lists $name", ({ text, pattern, end, maxErrors, expected }) => {
    const starts = startsEndingAt(text, pattern, end, maxErrors);
    expect(starts.map((match) => match.start).sort((a, b) => a - b)).toEqual(expected);
    for (const match of starts) {
      expect(match.end).toBe(end);
      expect(editDistance(pattern, text.slice(match.start, end))).toBe(match.errors);
    }
  });

  it.each([
    ["performance. LoRA backpropagates", "QLoRA backpropagates", 2],
    ["Here we present QLoRA", "We present", 2],
    ["aaaaaaaaaa", "aaaa", 2],
    ["xx abcabd yy", "abcabc", 2],
    ["a 🤗 b", "🚀 b", 2],
  ])("in %j for %j, finds exactly the cheapest starts brute force finds, for every end (budget %i)", (text, pattern, maxErrors) => {
    for (let end = 1; end <= text.length; end++) {
      const reference = allMatches(text, pattern, maxErrors).filter((match) => match.end === end);
      const cheapest = Math.min(...reference.map((match) => match.errors));
      const expected = reference.filter((match) => match.errors === cheapest).map((match) => match.start);
      const starts = startsEndingAt(text, pattern, end, maxErrors);
      expect(starts.map((match) => match.start).sort((a, b) => a - b), `end ${end}`).toEqual(expected.sort((a, b) => a - b));
      for (const match of starts) expect(match.errors).toBe(cheapest);
    }
  });

  it("still works when the text holds the first noncharacters it might use as a guard", () => {
    const text = `\uFDD0\uFDD1 performance. LoRA`;
    expect(startsEndingAt(text, "QLoRA", text.length, 1).map((match) => match.start).sort((a, b) => a - b)).toEqual([text.length - 5, text.length - 4]);
  });
});

describe("similarity", () => {
  it.each([
    ["an identical window", "finetuning approach ", "finetuning approach ", 1],
    ["no expected context", "anything", "", 1],
    ["an empty window", "", "We present ", 0],
    ["one letter changed", "an efficient ", "an efficiant ", 1 - 1 / 13],
    ["a window cut short by the edge of the text", "present ", "We present ", 1 - 3 / 11],
    ["context shifted by one character", "xfinetuning approac", "finetuning approach", 1 - 1 / 19],
    ["nothing alike", "zzzz", "abcd", 0],
  ])("scores %s", (_name, window, expected, score) => {
    expect(similarity(window, expected)).toBeCloseTo(score, 10);
  });
});
