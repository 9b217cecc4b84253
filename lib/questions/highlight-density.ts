// Where the class highlighted an abstract: the text cut at every highlight's start and end into bands,
// each with how many highlights cover it and of which kinds. Written by hand because it is one sweep
// over sorted boundaries (no library computes interval coverage with the covering ids); table tests in
// highlight-density.test.ts. Used by the heatmap bar beside the abstract and the session page.
import { HIGHLIGHT_KINDS, type HighlightKind } from "../collab/highlight-kinds.ts";

export interface PlacedHighlight {
  id: string;
  /** Offsets into the abstract as anchored now (detached highlights are left out by the caller). */
  start: number;
  end: number;
  kind: HighlightKind;
}

export interface DensityBand {
  start: number;
  end: number;
  /** How many highlights cover this stretch. */
  count: number;
  /** Their ids, in the order given. */
  highlightIds: string[];
  /** How many of them are of each kind. */
  kinds: Partial<Record<HighlightKind, number>>;
  /** The most frequent kind (ties: the first in the legend's order). */
  kind: HighlightKind;
  /** count divided by the busiest band's count: 1 for the busiest, towards 0 for the quietest. */
  density: number;
}

/** The highlighted stretches of a text of `length` characters, in text order; stretches nobody highlighted are left out. */
export function highlightDensity(length: number, highlights: readonly PlacedHighlight[]): DensityBand[] {
  const placed = highlights
    .map((highlight) => ({ ...highlight, start: Math.max(0, highlight.start), end: Math.min(length, highlight.end) }))
    .filter((highlight) => Number.isFinite(highlight.start) && Number.isFinite(highlight.end) && highlight.end > highlight.start);
  const cuts = [...new Set(placed.flatMap((highlight) => [highlight.start, highlight.end]))].sort((a, b) => a - b);
  const bands: Array<Omit<DensityBand, "density">> = [];
  for (let index = 0; index + 1 < cuts.length; index++) {
    const start = cuts[index]!;
    const end = cuts[index + 1]!;
    const covering = placed.filter((highlight) => highlight.start <= start && highlight.end >= end);
    if (covering.length === 0) continue;
    const kinds: Partial<Record<HighlightKind, number>> = {};
    for (const highlight of covering) kinds[highlight.kind] = (kinds[highlight.kind] ?? 0) + 1;
    const kind = HIGHLIGHT_KINDS.reduce((best, candidate) => ((kinds[candidate] ?? 0) > (kinds[best] ?? 0) ? candidate : best), HIGHLIGHT_KINDS.find((candidate) => kinds[candidate])!);
    bands.push({ start, end, count: covering.length, highlightIds: covering.map((highlight) => highlight.id), kinds, kind });
  }
  const busiest = Math.max(0, ...bands.map((band) => band.count));
  return bands.map((band) => ({ ...band, density: band.count / busiest }));
}

export interface HighlightedPassage {
  start: number;
  end: number;
  text: string;
  /** How many highlights cover it. */
  count: number;
}

/** The passage most highlights cover (adjacent bands at that count joined); the earliest when several tie; null when nothing is highlighted. */
export function mostHighlightedPassage(text: string, highlights: readonly PlacedHighlight[]): HighlightedPassage | null {
  const bands = highlightDensity(text.length, highlights);
  if (bands.length === 0) return null;
  const top = Math.max(...bands.map((band) => band.count));
  const first = bands.findIndex((band) => band.count === top);
  let end = bands[first]!.end;
  for (let index = first + 1; index < bands.length && bands[index]!.count === top && bands[index]!.start === end; index++) end = bands[index]!.end;
  const start = bands[first]!.start;
  return { start, end, text: text.slice(start, end), count: top };
}
