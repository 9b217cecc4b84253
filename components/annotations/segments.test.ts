import { describe, expect, it } from "vitest";
import { layoutAbstract, segmentSpan, splitParagraphs, type Span } from "./segments";

interface Range extends Span {
  id: string;
}

const r = (id: string, start: number, end: number): Range => ({ id, start, end });

describe("splitParagraphs", () => {
  it.each<[string, string]>([
    ["one paragraph", "Alpha beta."],
    ["two paragraphs", "Alpha.\n\nBeta."],
    ["a longer separator", "Alpha.\n\n\n\nBeta."],
    ["a single newline stays inside", "Alpha\nstill alpha.\n\nBeta."],
    ["leading and trailing separators", "\n\nAlpha.\n\n"],
    ["empty text", ""],
  ])("%s matches the page's split and keeps offsets into the whole text", (_name, text) => {
    const paragraphs = splitParagraphs(text);
    expect(paragraphs.map((paragraph) => paragraph.text)).toEqual(text.split(/\n{2,}/));
    for (const paragraph of paragraphs) expect(text.slice(paragraph.start, paragraph.end)).toBe(paragraph.text);
  });
});

describe("segmentSpan", () => {
  const text = "0123456789";
  const whole = { start: 0, end: 10 };
  const cases: Array<[string, Range[], Array<[string, string[]]>]> = [
    ["no ranges", [], [["0123456789", []]]],
    ["one range", [r("a", 2, 5)], [["01", []], ["234", ["a"]], ["56789", []]]],
    ["range at both edges", [r("a", 0, 10)], [["0123456789", ["a"]]]],
    [
      "overlap",
      [r("a", 1, 6), r("b", 4, 8)],
      [["0", []], ["123", ["a"]], ["45", ["a", "b"]], ["67", ["b"]], ["89", []]],
    ],
    ["nested", [r("a", 1, 9), r("b", 3, 5)], [["0", []], ["12", ["a"]], ["34", ["a", "b"]], ["5678", ["a"]], ["9", []]]],
    ["identical ranges", [r("a", 2, 4), r("b", 2, 4)], [["01", []], ["23", ["a", "b"]], ["456789", []]]],
    ["touching ranges", [r("a", 0, 3), r("b", 3, 6)], [["012", ["a"]], ["345", ["b"]], ["6789", []]]],
    ["clipped to the span", [r("a", -5, 2), r("b", 8, 50)], [["01", ["a"]], ["234567", []], ["89", ["b"]]]],
    ["empty, reversed and fractional ranges are ignored", [r("a", 3, 3), r("b", 6, 2), r("c", 1.5, 4)], [["0123456789", []]]],
  ];
  it.each(cases)("%s", (_name, ranges, expected) => {
    const segments = segmentSpan(text, whole, ranges);
    expect(segments.map((segment) => [segment.text, segment.covering.map((range) => range.id)])).toEqual(expected);
    expect(segments.map((segment) => segment.text).join("")).toBe(text);
  });

  it("segments a sub-span with offsets into the whole text", () => {
    const segments = segmentSpan(text, { start: 3, end: 7 }, [r("a", 5, 9)]);
    expect(segments).toEqual([
      { start: 3, end: 5, text: "34", covering: [] },
      { start: 5, end: 7, text: "56", covering: [r("a", 5, 9)] },
    ]);
  });
});

describe("layoutAbstract", () => {
  it("splits a highlight that crosses a paragraph break and never draws the separator", () => {
    const text = "First para.\n\nSecond para.";
    const laid = layoutAbstract(text, [r("a", 6, 19)]);
    expect(laid.map((paragraph) => paragraph.segments.map((segment) => [segment.text, segment.covering.length]))).toEqual([
      [["First ", 0], ["para.", 1]],
      [["Second", 1], [" para.", 0]],
    ]);
    const drawn = laid.flatMap((paragraph) => paragraph.segments.map((segment) => segment.text)).join("");
    expect(drawn).toBe(text.replace(/\n{2,}/g, ""));
  });

  it("keeps an empty paragraph without segments", () => {
    expect(layoutAbstract("\n\nA", []).map((paragraph) => paragraph.segments.length)).toEqual([0, 1]);
  });
});
