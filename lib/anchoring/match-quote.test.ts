import { describe, expect, it } from "vitest";
import { DUPLICATED, offsetOf, QLORA, UNICODE_ABSTRACT } from "./abstracts.fixture.ts";
import { describeTextRange } from "./describe.ts";
import { matchQuote, maxErrorsFor } from "./match-quote.ts";

/** The quote selector a reader's selection of the `occurrence`-th `passage` in `text` would store. */
function quoteOf(text: string, passage: string, occurrence = 0) {
  const start = offsetOf(text, passage, occurrence);
  const { exact, prefix, suffix } = describeTextRange(text, start, start + passage.length);
  return { exact, prefix, suffix };
}

describe("maxErrorsFor", () => {
  it.each([
    [1, 0],
    [3, 1],
    [5, 1],
    [6, 2],
    [19, 2],
    [30, 3],
    [55, 5],
    [2000, 200],
  ])("a %i-character quote tolerates %i edits", (length, expected) => {
    expect(maxErrorsFor(length)).toBe(expected);
  });
});

describe("matchQuote: exact occurrences", () => {
  it.each([
    {
      name: "a unique quote at its old position",
      text: QLORA,
      quote: quoteOf(QLORA, "single 48GB GPU"),
      hint: offsetOf(QLORA, "single 48GB GPU"),
      expected: "single 48GB GPU",
      occurrence: 0,
    },
    {
      name: "a unique quote with no hint",
      text: QLORA,
      quote: quoteOf(QLORA, "Low Rank Adapters"),
      hint: undefined,
      expected: "Low Rank Adapters",
      occurrence: 0,
    },
    {
      name: "a unique quote moved by an insertion",
      text: `Abstract: ${QLORA}`,
      quote: quoteOf(QLORA, "frozen, 4-bit quantized"),
      hint: offsetOf(QLORA, "frozen, 4-bit quantized"),
      expected: "frozen, 4-bit quantized",
      occurrence: 0,
    },
    {
      name: "a unique quote with a hint that is not a number",
      text: QLORA,
      quote: quoteOf(QLORA, "65B parameter model"),
      hint: Number.NaN,
      expected: "65B parameter model",
      occurrence: 0,
    },
  ])("finds $name", ({ text, quote, hint, expected, occurrence }) => {
    const start = offsetOf(text, expected, occurrence);
    const match = matchQuote(text, quote, hint);
    expect(match).toMatchObject({ start, end: start + expected.length });
    expect(match?.score).toBeCloseTo(1, 2);
  });

  it.each([
    ["the first", 0, 1],
    ["the second", 1, 0],
  ])("lets prefix/suffix pick %s 'QLoRA' even when the hint points at the other", (_name, occurrence, hintedOccurrence) => {
    const match = matchQuote(QLORA, quoteOf(QLORA, "QLoRA", occurrence), offsetOf(QLORA, "QLoRA", hintedOccurrence));
    expect(match).toMatchObject({ start: offsetOf(QLORA, "QLoRA", occurrence), end: offsetOf(QLORA, "QLoRA", occurrence) + 5 });
  });

  it.each([
    ["the first", 0, 1],
    ["the second", 1, 0],
  ])("lets prefix/suffix pick %s of two equally edited copies even when the hint points at the other", (_name, occurrence, hintedOccurrence) => {
    const text = `Stage one: the adapters learn in 4-bit precision while the base stays frozen. Stage two: the adapters learn in 4-bit precision and the head is tuned.`;
    const passage = "the adapters learn in 4-bit precision";
    const edited = text.replaceAll("4-bit", "4 bit");
    const expected = offsetOf(edited, "the adapters learn in 4 bit precision", occurrence);
    const match = matchQuote(edited, quoteOf(text, passage, occurrence), offsetOf(text, passage, hintedOccurrence));
    expect(match).toMatchObject({ start: expected, end: expected + passage.length });
  });

  it.each([
    ["the first copy when hinted near it", 0, -3],
    ["the second copy when hinted near it", 1, 4],
    ["the first copy when hinted exactly", 0, 0],
    ["the second copy when hinted exactly", 1, 0],
  ])("lets the hint decide between identical contexts: %s", (_name, occurrence, drift) => {
    const quote = quoteOf(DUPLICATED, "CUDA kernels", 0);
    expect(quote).toEqual(quoteOf(DUPLICATED, "CUDA kernels", 1));
    const start = offsetOf(DUPLICATED, "CUDA kernels", occurrence);
    expect(matchQuote(DUPLICATED, quote, start + drift)).toMatchObject({ start, end: start + "CUDA kernels".length });
  });
});

describe("matchQuote: approximate matches", () => {
  const typoed = QLORA.replace("efficient finetuning", "efficient finetunning");
  it.each([
    {
      name: "a corrected typo",
      before: typoed,
      passage: "an efficient finetunning approach that reduces",
      after: QLORA,
      expected: "an efficient finetuning approach that reduces",
    },
    {
      name: "an inserted word",
      before: QLORA,
      passage: "a frozen, 4-bit quantized pretrained language model into Low Rank",
      after: QLORA.replace("pretrained language", "pretrained large language"),
      expected: "a frozen, 4-bit quantized pretrained large language model into Low Rank",
    },
    {
      name: "a deleted word",
      before: QLORA,
      passage: "while preserving full 16-bit finetuning task performance",
      after: QLORA.replace("preserving full 16-bit", "preserving 16-bit"),
      expected: "while preserving 16-bit finetuning task performance",
    },
    {
      name: "an edited first letter after an insertion before it",
      before: QLORA,
      passage: "We present QLoRA, an efficient",
      after: `Here ${QLORA.replace("We present", "we present")}`,
      expected: "we present QLoRA, an efficient",
    },
    {
      name: "a deleted first letter",
      before: QLORA,
      passage: "QLoRA backpropagates gradients",
      after: QLORA.replace("QLoRA backpropagates", "LoRA backpropagates"),
      expected: "LoRA backpropagates gradients",
    },
    {
      name: "a deleted last letter",
      before: QLORA,
      passage: "4-bit quantized pretrained",
      after: QLORA.replace("quantized pretrained", "quantized pretraine"),
      expected: "4-bit quantized pretraine",
    },
    {
      name: "straightened curly quotes",
      before: UNICODE_ABSTRACT,
      passage: "these “paged optimizers”",
      after: UNICODE_ABSTRACT.replace("“paged optimizers”", '"paged optimizers"'),
      expected: 'these "paged optimizers"',
    },
    {
      name: "an accent dropped",
      before: UNICODE_ABSTRACT,
      passage: "naïve 4-bit quantization fails",
      after: UNICODE_ABSTRACT.replace("naïve", "naive"),
      expected: "naive 4-bit quantization fails",
    },
    {
      name: "a swapped emoji at the quote's end",
      before: UNICODE_ABSTRACT,
      passage: "Café-scale hardware 🤗",
      after: UNICODE_ABSTRACT.replace("🤗", "🚀"),
      expected: "Café-scale hardware 🚀",
    },
  ])("covers the edited passage after $name", ({ before, passage, after, expected }) => {
    const match = matchQuote(after, quoteOf(before, passage), offsetOf(before, passage));
    expect(match).not.toBeNull();
    expect(after.slice(match!.start, match!.end)).toBe(expected);
    expect(match!.score).toBeGreaterThan(0.5);
    expect(match!.score).toBeLessThan(1);
  });

  it("scores an approximate match below an exact one", () => {
    const quote = quoteOf(QLORA, "reduces memory usage enough");
    const exact = matchQuote(QLORA, quote);
    const fuzzy = matchQuote(QLORA.replace("memory usage", "memory  usage"), quote);
    expect(exact!.score).toBeGreaterThan(fuzzy!.score);
  });
});

describe("matchQuote: long quotes", () => {
  // A 2,000-character quote (the longest a highlight may be) built from the abstract's own prose.
  const long = Array.from({ length: 7 }, () => QLORA).join(" ").slice(0, 2000);
  const text = `Preamble. ${long} Coda.`;
  const quote = { exact: long, prefix: "", suffix: "" };
  /** `long` with `count` letters, evenly spread, replaced by "#". */
  const damaged = (count: number) => {
    const characters = [...long];
    for (let index = 0; index < count; index++) characters[Math.floor(((index + 0.5) * characters.length) / count)] = "#";
    return `Preamble. ${characters.join("")} Coda.`;
  };

  it.each([
    ["unchanged", text, 1],
    ["with 150 letters changed", damaged(150), 1 - 150 / 2000],
    ["with 200 letters changed, the edge of its budget", damaged(200), 1 - 200 / 2000],
  ])("finds it %s", (_name, edited, quoteSimilarity) => {
    const match = matchQuote(edited, quote, 0);
    expect(match).toMatchObject({ start: "Preamble. ".length, end: "Preamble. ".length + long.length });
    // No context to compare, so only the quote and the position (2 of 92 points) move the score.
    expect(match!.score).toBeCloseTo((50 * quoteSimilarity + 40 + 2 * (1 - 10 / edited.length)) / 92, 6);
  });

  it("detaches it past its budget of 200 edits", () => {
    expect(long).toHaveLength(2000);
    expect(matchQuote(damaged(201), quote, 0)).toBeNull();
  });
});

describe("matchQuote: nothing close enough", () => {
  it.each([
    ["an empty text", "", quoteOf(QLORA, "QLoRA")],
    ["an empty quote", QLORA, { exact: "", prefix: "", suffix: "" }],
    ["a deleted clause", QLORA.replace(" while preserving full 16-bit finetuning task performance", ""), quoteOf(QLORA, "preserving full 16-bit finetuning")],
    [
      "a rewritten clause",
      QLORA.replace("reduces memory usage enough", "cuts the memory footprint enough"),
      quoteOf(QLORA, "reduces memory usage enough to finetune"),
    ],
    ["a one-letter quote that is gone", "QLoRA", { exact: "x", prefix: "", suffix: "" }],
    ["a quote much longer than the text", "QLoRA", quoteOf(QLORA, "We present QLoRA, an efficient finetuning approach")],
  ])("returns null for %s", (_name, text, quote) => {
    expect(matchQuote(text, quote, 0)).toBeNull();
  });
});
