// Cuts the abstract into the runs that are drawn: one per paragraph piece between any two range
// boundaries, so overlapping highlights never need nested <mark>s. Offsets are always into the
// whole abstract string (paragraph separators included), the unit the anchoring library uses.

export interface Span {
  start: number;
  end: number;
}

export interface Paragraph extends Span {
  text: string;
}

export interface Segment<T extends Span> extends Span {
  text: string;
  /** The ranges covering this segment, in input order. */
  covering: T[];
}

export interface LaidOutParagraph<T extends Span> extends Paragraph {
  segments: Segment<T>[];
}

/** The paragraphs exactly as the server page renders them (abstract.split(/\n{2,}/)), with offsets. */
export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const separator = /\n{2,}/g;
  let start = 0;
  for (let match = separator.exec(text); match; match = separator.exec(text)) {
    out.push({ start, end: match.index, text: text.slice(start, match.index) });
    start = match.index + match[0].length;
  }
  out.push({ start, end: text.length, text: text.slice(start) });
  return out;
}

/**
 * Splits text.slice(span.start, span.end) at every boundary of `ranges` inside it. Ranges may come
 * from other clients: empty, reversed or non-integer ones are ignored, and they are clipped to the span.
 */
export function segmentSpan<T extends Span>(text: string, span: Span, ranges: readonly T[]): Segment<T>[] {
  const usable = ranges.filter(
    (range) => Number.isInteger(range.start) && Number.isInteger(range.end) && range.start < span.end && range.end > span.start && range.start < range.end,
  );
  const cuts = new Set<number>([span.start, span.end]);
  for (const range of usable) {
    cuts.add(Math.max(span.start, range.start));
    cuts.add(Math.min(span.end, range.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment<T>[] = [];
  for (let index = 0; index + 1 < points.length; index++) {
    const start = points[index]!;
    const end = points[index + 1]!;
    out.push({ start, end, text: text.slice(start, end), covering: usable.filter((range) => range.start <= start && range.end >= end) });
  }
  return out;
}

/** Paragraphs, each cut into segments. An empty paragraph keeps one empty segment so its <p> still renders. */
export function layoutAbstract<T extends Span>(text: string, ranges: readonly T[]): LaidOutParagraph<T>[] {
  return splitParagraphs(text).map((paragraph) => ({
    ...paragraph,
    segments: paragraph.start === paragraph.end ? [] : segmentSpan(text, paragraph, ranges),
  }));
}
