import { describe, expect, it } from "vitest";
import type { AnchorResult } from "@/lib/anchoring";
import type { Highlight } from "@/lib/collab/reading-doc";
import { bandsFor } from "./heatmap-bar";

const abstract = "We study empirical scaling laws for language model performance.";
const highlight = (id: string, kind: Highlight["kind"]): Highlight => ({ id, authorId: "u1", kind, target: { exact: "x", prefix: "", suffix: "", start: 0, end: 1 }, createdAt: 1 });

describe("bandsFor: the heatmap's bands come from where highlights are anchored now", () => {
  it.each<[string, Array<[Highlight, AnchorResult]>, Array<[number, number, number]>]>([
    ["an exact anchor", [[highlight("a", "question"), { status: "exact", start: 9, end: 31 }]], [[9, 31, 1]]],
    ["a moved highlight counts where it is now", [[highlight("a", "note"), { status: "moved", start: 20, end: 31 }]], [[20, 31, 1]]],
    ["a detached highlight has no band", [[highlight("a", "note"), { status: "detached" }]], []],
    [
      "overlapping anchors",
      [
        [highlight("a", "question"), { status: "exact", start: 9, end: 31 }],
        [highlight("b", "critique"), { status: "fuzzy", start: 19, end: 40 }],
      ],
      [
        [9, 19, 1],
        [19, 31, 2],
        [31, 40, 1],
      ],
    ],
  ])("%s", (_name, pairs, expected) => {
    const bands = bandsFor(abstract, pairs.map(([h]) => h), new Map(pairs.map(([h, anchor]) => [h.id, anchor])));
    expect(bands.map((band) => [band.start, band.end, band.count])).toEqual(expected);
  });

  it("a highlight without an anchor yet has no band", () => {
    expect(bandsFor(abstract, [highlight("a", "note")], new Map())).toEqual([]);
  });
});
