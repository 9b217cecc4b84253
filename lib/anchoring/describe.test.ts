import { describe, expect, it } from "vitest";
import { codePointOffsets, offsetOf, QLORA, UNICODE_ABSTRACT } from "./abstracts.fixture.ts";
import { CONTEXT_LENGTH, describeTextRange } from "./describe.ts";
import { textTargetSchema } from "./selectors.ts";

describe("describeTextRange", () => {
  it.each([
    {
      name: "a phrase mid-sentence",
      text: QLORA,
      start: offsetOf(QLORA, "48GB GPU"),
      expected: { exact: "48GB GPU", prefix: "65B parameter model on a single ", suffix: " while preserving full 16-bit fi" },
    },
    {
      name: "the first word (no text before it)",
      text: QLORA,
      start: 0,
      end: 2,
      expected: { exact: "We", prefix: "", suffix: " present QLoRA, an efficient fin" },
    },
    {
      name: "the last word (no text after it)",
      text: QLORA,
      start: QLORA.length - 7,
      end: QLORA.length,
      expected: { exact: "(LoRA).", prefix: "ge model into Low Rank Adapters~", suffix: "" },
    },
    {
      name: "a short text, all of it",
      text: "LoRA",
      start: 0,
      end: 4,
      expected: { exact: "LoRA", prefix: "", suffix: "" },
    },
    {
      name: "a phrase with curly quotes",
      text: UNICODE_ABSTRACT,
      start: offsetOf(UNICODE_ABSTRACT, "“paged optimizers”"),
      expected: { exact: "“paged optimizers”", prefix: "We call these ", suffix: " — they avoid memory spikes. Caf" },
    },
    {
      // 32 code units before "suffices" would start on the low half of 🤗's pair; the half is dropped.
      name: "context that would cut an emoji in half",
      text: "🤗 a single sentence of some kind suffices",
      start: offsetOf("🤗 a single sentence of some kind suffices", "suffices"),
      expected: { exact: "suffices", prefix: " a single sentence of some kind ", suffix: "" },
    },
  ])("describes $name", ({ text, start, end, expected }) => {
    const stop = end ?? start + expected.exact.length;
    expect(describeTextRange(text, start, stop)).toEqual({ ...expected, start, end: stop });
  });

  it.each([
    ["an empty range", QLORA, 5, 5],
    ["a reversed range", QLORA, 9, 3],
    ["a negative start", QLORA, -1, 4],
    ["an end past the text", QLORA, 300, QLORA.length + 1],
    ["a fractional offset", QLORA, 0.5, 4],
    ["a NaN offset", QLORA, Number.NaN, 4],
    ["an infinite end", QLORA, 0, Number.POSITIVE_INFINITY],
    ["any range of an empty text", "", 0, 0],
    ["a start inside an emoji", UNICODE_ABSTRACT, offsetOf(UNICODE_ABSTRACT, "🤗") + 1, offsetOf(UNICODE_ABSTRACT, " suffices")],
    ["an end inside an emoji", UNICODE_ABSTRACT, offsetOf(UNICODE_ABSTRACT, "hardware"), offsetOf(UNICODE_ABSTRACT, "🤗") + 1],
    ["a range longer than 2000 characters", "x".repeat(2500), 0, 2001],
  ])("throws a RangeError for %s", (_name, text, start, end) => {
    expect(() => describeTextRange(text, start, end)).toThrow(RangeError);
  });

  it.each([
    ["the QLoRA abstract", QLORA],
    ["the unicode abstract", UNICODE_ABSTRACT],
  ])("produces valid targets whose context surrounds the quote, for every selection start in %s", (_name, text) => {
    const offsets = [...codePointOffsets(text), text.length];
    let checked = 0;
    for (const [index, start] of offsets.entries()) {
      for (const end of [offsets[index + 1], offsets[index + 6], offsets[index + 40]]) {
        if (end === undefined) continue;
        const target = describeTextRange(text, start, end);
        expect(textTargetSchema.safeParse(target).success).toBe(true);
        expect(target.prefix + target.exact + target.suffix).toBe(text.slice(start - target.prefix.length, end + target.suffix.length));
        expect(target.prefix.length).toBeLessThanOrEqual(CONTEXT_LENGTH);
        expect(target.suffix.length).toBeLessThanOrEqual(CONTEXT_LENGTH);
        expect(target.prefix.length).toBeGreaterThanOrEqual(Math.min(start, CONTEXT_LENGTH - 1));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(text.length);
  });
});
