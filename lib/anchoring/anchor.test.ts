import { describe, expect, it } from "vitest";
import { codePointOffsets, DUPLICATED, offsetOf, QLORA, RELEASE_SENTENCE, UNICODE_ABSTRACT } from "./abstracts.fixture.ts";
import { anchorTarget, type AnchorResult } from "./anchor.ts";
import { describeTextRange } from "./describe.ts";
import type { TextTarget } from "./selectors.ts";

/** The target a reader's selection of the `occurrence`-th `passage` in `text` would store. */
function targetFor(text: string, passage: string, occurrence = 0): TextTarget {
  const start = offsetOf(text, passage, occurrence);
  return describeTextRange(text, start, start + passage.length);
}

interface Case {
  name: string;
  /** The abstract when the highlight was made, and the passage highlighted (its n-th occurrence). */
  before: string;
  passage: string;
  occurrence?: number;
  /** The abstract now. */
  after: string;
  /** Where the highlight should land in `after` (its n-th occurrence), or null when it should detach. */
  status: AnchorResult["status"];
  expected: string | null;
  expectedOccurrence?: number;
}

function expectAnchored({ before, passage, occurrence, after, status, expected, expectedOccurrence }: Case) {
  const result = anchorTarget(after, targetFor(before, passage, occurrence));
  if (expected === null) {
    expect(result).toEqual({ status: "detached" });
    return;
  }
  const start = offsetOf(after, expected, expectedOccurrence);
  expect(result).toEqual({ status, start, end: start + expected.length });
}

describe("anchorTarget after edits to the QLoRA abstract", () => {
  const withTypo = QLORA.replace("efficient finetuning", "efficient finetunning");
  it.each<Case>([
    { name: "the text unchanged", before: QLORA, passage: "reduces memory usage", after: QLORA, status: "exact", expected: "reduces memory usage" },
    { name: "the text unchanged, first word", before: QLORA, passage: "We present", after: QLORA, status: "exact", expected: "We present" },
    { name: "the text unchanged, last words", before: QLORA, passage: "Adapters~(LoRA).", after: QLORA, status: "exact", expected: "Adapters~(LoRA)." },
    {
      name: "text inserted before it",
      before: QLORA,
      passage: "65B parameter model",
      after: `Abstract. ${QLORA}`,
      status: "moved",
      expected: "65B parameter model",
    },
    {
      name: "text deleted before it",
      before: QLORA,
      passage: "65B parameter model",
      after: QLORA.replace("an efficient finetuning approach", "a finetuning approach"),
      status: "moved",
      expected: "65B parameter model",
    },
    {
      name: "a sentence appended after it",
      before: QLORA,
      passage: "single 48GB GPU",
      after: `${QLORA} Our best model family, which we name Guanaco, outperforms all previous openly released models on the Vicuna benchmark.`,
      status: "exact",
      expected: "single 48GB GPU",
    },
    {
      name: "a word changed after it",
      before: QLORA,
      passage: "single 48GB GPU",
      after: QLORA.replace("frozen, 4-bit", "frozen 4-bit"),
      status: "exact",
      expected: "single 48GB GPU",
    },
    {
      name: "a same-length edit inside its stored context",
      before: QLORA,
      passage: "single 48GB GPU",
      after: QLORA.replace("65B parameter model", "33B parameter model"),
      status: "exact",
      expected: "single 48GB GPU",
    },
    {
      name: "a typo corrected inside it",
      before: withTypo,
      passage: "an efficient finetunning approach that reduces",
      after: QLORA,
      status: "fuzzy",
      expected: "an efficient finetuning approach that reduces",
    },
    {
      name: "a word inserted inside it",
      before: QLORA,
      passage: "a frozen, 4-bit quantized pretrained language model into Low Rank",
      after: QLORA.replace("pretrained language", "pretrained large language"),
      status: "fuzzy",
      expected: "a frozen, 4-bit quantized pretrained large language model into Low Rank",
    },
    {
      name: "a word deleted inside it",
      before: QLORA,
      passage: "while preserving full 16-bit finetuning task performance",
      after: QLORA.replace("preserving full 16-bit", "preserving 16-bit"),
      status: "fuzzy",
      expected: "while preserving 16-bit finetuning task performance",
    },
    {
      name: "text inserted before it and a typo corrected inside it",
      before: withTypo,
      passage: "an efficient finetunning approach that reduces",
      after: `Abstract. ${QLORA}`,
      status: "fuzzy",
      expected: "an efficient finetuning approach that reduces",
    },
    {
      name: "its first letter lowercased after text inserted before it",
      before: QLORA,
      passage: "We present QLoRA, an efficient",
      after: `Here ${QLORA.replace("We present", "we present")}`,
      status: "fuzzy",
      expected: "we present QLoRA, an efficient",
    },
    {
      name: "its clause deleted entirely",
      before: QLORA,
      passage: "preserving full 16-bit finetuning",
      after: QLORA.replace(" while preserving full 16-bit finetuning task performance", ""),
      status: "detached",
      expected: null,
    },
    {
      name: "its sentence deleted entirely",
      before: QLORA,
      passage: "QLoRA backpropagates gradients",
      after: QLORA.slice(0, QLORA.indexOf(" QLoRA backpropagates")),
      status: "detached",
      expected: null,
    },
    {
      name: "it rewritten beyond the edit budget",
      before: QLORA,
      passage: "reduces memory usage enough to finetune",
      after: QLORA.replace("reduces memory usage enough", "cuts the memory footprint enough"),
      status: "detached",
      expected: null,
    },
    { name: "the abstract emptied", before: QLORA, passage: "QLoRA", after: "", status: "detached", expected: null },
  ])("$name -> $status", (testCase) => {
    expectAnchored(testCase);
  });
});

describe("anchorTarget with repeated quotes", () => {
  const swapped = `${QLORA.slice(QLORA.indexOf("QLoRA backpropagates"))} ${QLORA.slice(0, QLORA.indexOf(" QLoRA backpropagates"))}`;
  // 113 characters + a space: exactly the distance from the second "QLoRA"'s "LoRA" to "(LoRA)".
  const workstation = "This makes it possible to finetune the largest open models on a single workstation rather than on a huge cluster.";
  const shifted = QLORA.replace("performance. QLoRA", `performance. ${workstation} QLoRA`);
  const padded = `Large language models are expensive to adapt in full precision, because the optimizer states alone dwarf the weights. ${QLORA}`;
  it.each<Case>([
    {
      // The old position is now nearer the other "QLoRA"; the context says which one was meant.
      name: "sentences swapped: the context finds the first 'QLoRA'",
      before: QLORA,
      passage: "QLoRA",
      occurrence: 0,
      after: swapped,
      status: "moved",
      expected: "QLoRA",
      expectedOccurrence: 1,
    },
    {
      name: "sentences swapped: the context finds the second 'QLoRA'",
      before: QLORA,
      passage: "QLoRA",
      occurrence: 1,
      after: swapped,
      status: "moved",
      expected: "QLoRA",
      expectedOccurrence: 0,
    },
    {
      name: "a long preamble puts the first 'finetuning' near the second one's old position",
      before: QLORA,
      passage: "finetuning",
      occurrence: 1,
      after: padded,
      status: "moved",
      expected: "finetuning",
      expectedOccurrence: 1,
    },
    {
      name: "an insertion lands another 'LoRA' on the old offset: the changed context moves it",
      before: QLORA,
      passage: "LoRA",
      occurrence: 2,
      after: shifted,
      status: "moved",
      expected: "LoRA",
      expectedOccurrence: 2,
    },
    {
      name: "identical context: the old position picks the first copy",
      before: DUPLICATED,
      passage: "CUDA kernels",
      occurrence: 0,
      after: `Abstract. ${DUPLICATED}`,
      status: "moved",
      expected: "CUDA kernels",
      expectedOccurrence: 0,
    },
    {
      name: "identical context: the old position picks the second copy",
      before: DUPLICATED,
      passage: "CUDA kernels",
      occurrence: 1,
      after: `Abstract. ${DUPLICATED}`,
      status: "moved",
      expected: "CUDA kernels",
      expectedOccurrence: 1,
    },
    {
      name: "identical context, one copy's sentence deleted: the other copy is exact",
      before: DUPLICATED,
      passage: "CUDA kernels",
      occurrence: 1,
      after: DUPLICATED.slice(0, DUPLICATED.lastIndexOf(` ${RELEASE_SENTENCE}`)),
      status: "moved",
      expected: "CUDA kernels",
      expectedOccurrence: 0,
    },
  ])("$name", (testCase) => {
    expectAnchored(testCase);
  });

  it("has a test text that really puts another 'LoRA' at the old offset", () => {
    const oldStart = offsetOf(QLORA, "LoRA", 2);
    expect(shifted.slice(oldStart, oldStart + 4)).toBe("LoRA");
    expect(offsetOf(shifted, "LoRA", 1)).toBe(oldStart);
  });

  it("has test texts that really put the old position nearer the wrong occurrence", () => {
    const oldStart = offsetOf(QLORA, "finetuning", 1);
    const wrong = offsetOf(padded, "finetuning", 0);
    const right = offsetOf(padded, "finetuning", 1);
    expect(padded.slice(oldStart, oldStart + "finetuning".length)).not.toBe("finetuning");
    expect(Math.abs(wrong - oldStart)).toBeLessThan(Math.abs(right - oldStart));
  });
});

describe("anchorTarget: the context, not the quote, decides between repeats", () => {
  // Two copies of one sentence in different surroundings; every edit below touches both copies alike.
  const sentence = "The adapters are trained in 4-bit precision.";
  const before = `Full finetuning of a 65B model needs more than 780GB of GPU memory. ${sentence} QLoRA backpropagates through a frozen model instead. ${sentence} Guanaco reaches 99.3% of ChatGPT on Vicuna.`;
  const preamble = "Large language models are costly to adapt; this paper asks how cheaply. ";
  const bothEdited = `${preamble}${before.replaceAll("4-bit precision", "4 bit precision")}`;
  const secondPrefixEdited = `${preamble}${before.replace("through a frozen model instead", "through the frozen model instead")}`;
  const suffixOnly = `${preamble}After the warm-up phase of training we freeze the base model and train adapters. After the warm-up phase of training we freeze the base model and train the head.`;
  const intro = "Adapting a large model in full is costly. ";
  const prefixOnly = `${intro}${preamble}First we freeze the base model so that only the adapters learn anything. Then we freeze the base model so that only the adapters learn anything.`;
  it.each<Case>([
    {
      name: "both copies equally edited, old position nearer the first: the context picks the second",
      before,
      passage: sentence,
      occurrence: 1,
      after: bothEdited,
      status: "fuzzy",
      expected: "The adapters are trained in 4 bit precision.",
      expectedOccurrence: 1,
    },
    {
      name: "both copies equally edited: the context keeps the first",
      before,
      passage: sentence,
      occurrence: 0,
      after: bothEdited,
      status: "fuzzy",
      expected: "The adapters are trained in 4 bit precision.",
      expectedOccurrence: 0,
    },
    {
      name: "a short repeated quote, both copies equally edited: the context picks the second",
      before,
      passage: "4-bit",
      occurrence: 1,
      after: `${preamble}${before.replaceAll("4-bit", "4bit")}`,
      status: "fuzzy",
      expected: "4bit",
      expectedOccurrence: 1,
    },
    {
      name: "its own context lightly edited, the other copy nearer the old position: the closer context still wins",
      before,
      passage: sentence,
      occurrence: 1,
      after: secondPrefixEdited,
      status: "moved",
      expected: sentence,
      expectedOccurrence: 1,
    },
    {
      name: "identical prefixes, old position nearer the first copy: the suffix picks the second",
      before: suffixOnly,
      passage: "freeze the base model and train",
      occurrence: 1,
      after: `${preamble}${suffixOnly}`,
      status: "moved",
      expected: "freeze the base model and train",
      expectedOccurrence: 1,
    },
    {
      name: "identical suffixes, old position nearer the second copy: the prefix picks the first",
      before: prefixOnly,
      passage: "freeze the base model",
      occurrence: 0,
      after: prefixOnly.slice(intro.length),
      status: "moved",
      expected: "freeze the base model",
      expectedOccurrence: 0,
    },
  ])("$name", (testCase) => {
    expectAnchored(testCase);
  });

  it("has test texts where the old position is nearer the wrong copy", () => {
    const oldStart = offsetOf(before, sentence, 1);
    const first = offsetOf(bothEdited, "The adapters are trained in 4 bit precision.", 0);
    const second = offsetOf(bothEdited, "The adapters are trained in 4 bit precision.", 1);
    expect(Math.abs(first - oldStart)).toBeLessThan(Math.abs(second - oldStart));
    expect(offsetOf(secondPrefixEdited, sentence, 0)).toBeLessThan(oldStart);
    expect(Math.abs(offsetOf(secondPrefixEdited, sentence, 0) - oldStart)).toBeLessThan(Math.abs(offsetOf(secondPrefixEdited, sentence, 1) - oldStart));
  });

  it.each([
    ["identical prefixes", suffixOnly, `${preamble}${suffixOnly}`, "freeze the base model and train", 1, "prefix"],
    ["identical suffixes", prefixOnly, prefixOnly.slice(intro.length), "freeze the base model", 0, "suffix"],
  ] as const)("has test texts with %s where the old position is nearer the wrong copy", (_name, text, after, passage, occurrence, shared) => {
    const [mine, other] = [occurrence, 1 - occurrence].map((index) => targetFor(text, passage, index));
    expect(mine![shared]).toBe(other![shared]);
    const oldStart = mine!.start;
    expect(Math.abs(offsetOf(after, passage, 1 - occurrence) - oldStart)).toBeLessThan(Math.abs(offsetOf(after, passage, occurrence) - oldStart));
  });
});

describe("anchorTarget with unicode text", () => {
  it.each<Case>([
    { name: "unchanged, curly quotes", before: UNICODE_ABSTRACT, passage: "“paged optimizers”", after: UNICODE_ABSTRACT, status: "exact", expected: "“paged optimizers”" },
    { name: "unchanged, an emoji", before: UNICODE_ABSTRACT, passage: "hardware 🤗 suffices", after: UNICODE_ABSTRACT, status: "exact", expected: "hardware 🤗 suffices" },
    {
      name: "an emoji inserted before it",
      before: UNICODE_ABSTRACT,
      passage: "naïve 4-bit quantization",
      after: `🔥 ${UNICODE_ABSTRACT}`,
      status: "moved",
      expected: "naïve 4-bit quantization",
    },
    {
      // NFD spells "é" and "ï" as a letter plus a combining accent: one more code unit each.
      name: "accented words before it re-pasted in decomposed (NFD) form",
      before: UNICODE_ABSTRACT,
      passage: "double quantization 🚀",
      after: UNICODE_ABSTRACT.normalize("NFD"),
      status: "moved",
      expected: "double quantization 🚀",
    },
    {
      name: "an accent dropped inside it",
      before: UNICODE_ABSTRACT,
      passage: "naïve 4-bit quantization fails",
      after: UNICODE_ABSTRACT.replace("naïve", "naive"),
      status: "fuzzy",
      expected: "naive 4-bit quantization fails",
    },
    {
      name: "its curly quotes straightened",
      before: UNICODE_ABSTRACT,
      passage: "these “paged optimizers”",
      after: UNICODE_ABSTRACT.replace("“paged optimizers”", '"paged optimizers"'),
      status: "fuzzy",
      expected: 'these "paged optimizers"',
    },
    {
      name: "its emoji swapped",
      before: UNICODE_ABSTRACT,
      passage: "Café-scale hardware 🤗 suffices",
      after: UNICODE_ABSTRACT.replace("🤗", "🦙"),
      status: "fuzzy",
      expected: "Café-scale hardware 🦙 suffices",
    },
  ])("$name -> $status", (testCase) => {
    expectAnchored(testCase);
  });
});

describe("anchorTarget with bad positions", () => {
  const good = targetFor(QLORA, "single 48GB GPU");
  const found = { start: good.start, end: good.end };
  const missing = { ...good, exact: "Mixture of Experts" };
  const malformed = (fields: Record<string, unknown>) => fields as unknown as TextTarget;
  it.each<[string, string, TextTarget, AnchorResult]>([
    ["positions past the end of the text", QLORA, { ...good, start: 9_000, end: 9_015 }, { status: "moved", ...found }],
    ["a negative start", QLORA, { ...good, start: -15, end: 0 }, { status: "moved", ...found }],
    ["a reversed range", QLORA, { ...good, start: good.end, end: good.start }, { status: "moved", ...found }],
    ["NaN positions", QLORA, { ...good, start: Number.NaN, end: Number.NaN }, { status: "moved", ...found }],
    ["fractional positions", QLORA, { ...good, start: good.start + 0.5, end: good.end + 0.5 }, { status: "moved", ...found }],
    ["positions over a different passage", QLORA, { ...good, start: 0, end: 15 }, { status: "moved", ...found }],
    ["a span longer than the quote", QLORA, { ...good, end: good.end + 1 }, { status: "moved", ...found }],
    ["positions in a text that is now shorter", QLORA.slice(0, 40), { ...good }, { status: "detached" }],
    ["out-of-range positions and a missing quote", QLORA, { ...missing, start: 9_000, end: 9_018 }, { status: "detached" }],
    ["an empty quote", QLORA, { ...good, exact: "" }, { status: "detached" }],
    ["string positions", QLORA, malformed({ ...good, start: String(good.start), end: String(good.end) }), { status: "moved", ...found }],
    ["missing context", QLORA, malformed({ exact: good.exact, start: good.start, end: good.end }), { status: "exact", ...found }],
    ["a quote that is not a string", QLORA, malformed({ ...good, exact: 42 }), { status: "detached" }],
    ["no target at all", QLORA, malformed(null as unknown as Record<string, unknown>), { status: "detached" }],
  ])("does not throw for %s", (_name, text, target, expected) => {
    expect(anchorTarget(text, target)).toEqual(expected);
  });
});

describe("describeTextRange round-trips through anchorTarget", () => {
  const prepended = "Abstract. ";
  it.each([
    ["the QLoRA abstract", QLORA],
    ["the unicode abstract", UNICODE_ABSTRACT],
  ])("for every selection start in %s, unchanged, after an insertion before it, and after an appendix", (_name, text) => {
    const offsets = [...codePointOffsets(text), text.length];
    let checked = 0;
    for (const [index, start] of offsets.entries()) {
      for (const end of [offsets[index + 1], offsets[index + 5], offsets[index + 30]]) {
        if (end === undefined) continue;
        const target = describeTextRange(text, start, end);
        expect(anchorTarget(text, target)).toEqual({ status: "exact", start, end });
        expect(anchorTarget(`${text} Code is available online.`, target)).toEqual({ status: "exact", start, end });
        expect(anchorTarget(`${prepended}${text}`, target)).toEqual({ status: "moved", start: start + prepended.length, end: end + prepended.length });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(text.length);
  });
});
