import { describe, expect, it } from "vitest";
import { highlightDensity, mostHighlightedPassage, type PlacedHighlight } from "./highlight-density.ts";

const h = (id: string, start: number, end: number, kind: PlacedHighlight["kind"] = "note"): PlacedHighlight => ({ id, start, end, kind });
type Expected = Array<[start: number, end: number, count: number, ids: string[], kind: string, density: number]>;

describe("highlightDensity: bands by coverage", () => {
  it.each<[string, number, PlacedHighlight[], Expected]>([
    ["nothing highlighted", 100, [], []],
    ["one highlight is one band at full density", 100, [h("a", 10, 20)], [[10, 20, 1, ["a"], "note", 1]]],
    [
      "two overlapping: the overlap is densest",
      100,
      [h("a", 10, 30), h("b", 20, 40)],
      [
        [10, 20, 1, ["a"], "note", 0.5],
        [20, 30, 2, ["a", "b"], "note", 1],
        [30, 40, 1, ["b"], "note", 0.5],
      ],
    ],
    [
      "a gap between highlights leaves no band",
      100,
      [h("a", 0, 10), h("b", 50, 60)],
      [
        [0, 10, 1, ["a"], "note", 1],
        [50, 60, 1, ["b"], "note", 1],
      ],
    ],
    [
      "touching highlights make two bands, not an overlap",
      100,
      [h("a", 0, 10), h("b", 10, 20)],
      [
        [0, 10, 1, ["a"], "note", 1],
        [10, 20, 1, ["b"], "note", 1],
      ],
    ],
    ["identical highlights stack", 50, [h("a", 5, 15, "question"), h("b", 5, 15, "question"), h("c", 5, 15, "question")], [[5, 15, 3, ["a", "b", "c"], "question", 1]]],
    ["the most frequent kind wins", 50, [h("a", 0, 10, "critique"), h("b", 0, 10, "question"), h("c", 0, 10, "critique")], [[0, 10, 3, ["a", "b", "c"], "critique", 1]]],
    ["a tie goes to the legend's first kind", 50, [h("a", 0, 10, "note"), h("b", 0, 10, "question")], [[0, 10, 2, ["a", "b"], "question", 1]]],
    ["a highlight past the end is cut at the end", 20, [h("a", 15, 40)], [[15, 20, 1, ["a"], "note", 1]]],
    ["an empty or backwards highlight is ignored", 20, [h("a", 5, 5), h("b", 9, 3)], []],
    ["a highlight entirely past the end is ignored", 20, [h("a", 30, 40)], []],
  ])("%s", (_name, length, highlights, expected) => {
    const bands = highlightDensity(length, highlights);
    expect(bands.map((band) => [band.start, band.end, band.count, band.highlightIds, band.kind, band.density])).toEqual(expected);
  });

  it("counts kinds per band", () => {
    expect(highlightDensity(10, [h("a", 0, 5, "method"), h("b", 0, 5, "question"), h("c", 0, 5, "method")])[0]!.kinds).toEqual({ method: 2, question: 1 });
  });
});

describe("mostHighlightedPassage", () => {
  const text = "Low-rank adapters cut memory. Full fine-tuning is costly.";
  it.each<[string, PlacedHighlight[], { text: string; count: number } | null]>([
    ["none", [], null],
    ["one highlight", [h("a", 0, 17)], { text: "Low-rank adapters", count: 1 }],
    ["the overlap of two", [h("a", 0, 17), h("b", 9, 29)], { text: "adapters", count: 2 }],
    ["a tie: the earliest", [h("a", 30, 56), h("b", 0, 8)], { text: "Low-rank", count: 1 }],
    ["adjacent bands at the top count join", [h("a", 0, 17), h("b", 0, 8), h("c", 8, 17)], { text: "Low-rank adapters", count: 2 }],
  ])("%s", (_name, highlights, expected) => {
    const passage = mostHighlightedPassage(text, highlights);
    expect(passage === null ? null : { text: passage.text, count: passage.count }).toEqual(expected);
  });
});
