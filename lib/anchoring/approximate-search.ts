// Approximate matching for re-anchoring, on approx-string-match (Myers' bit-parallel algorithm, what
// hypothesis/client uses): O(text × ⌈quote/32⌉) per search instead of a quote × text table.
import search from "approx-string-match";

export interface TextMatch {
  start: number;
  end: number;
  /** Insertions + deletions + substitutions (UTF-16 code units) between the pattern and text.slice(start, end). */
  errors: number;
}

/**
 * Every verbatim occurrence of `pattern` in `text`; when there is none, the cheapest approximate
 * matches within `maxErrors` edits (one per end, each with its longest start). Empty when nothing fits.
 */
export function searchText(text: string, pattern: string, maxErrors: number): TextMatch[] {
  if (pattern.length === 0 || text.length === 0) return [];
  const exact: TextMatch[] = [];
  for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) {
    exact.push({ start: at, end: at + pattern.length, errors: 0 });
  }
  if (exact.length > 0 || maxErrors < 1) return exact;
  return search(text, pattern, Math.floor(maxErrors)).filter((match) => match.start < match.end);
}

/**
 * For a match known to end at `end`, every start whose span is cheapest (within `maxErrors` edits),
 * so the caller can let context decide between them: searchText keeps only the longest. An edit at
 * the quote's first character typically leaves two equally cheap starts.
 *
 * approx-string-match lets a match begin anywhere; to pin it to `end` the reversed window and pattern
 * both get maxErrors + 1 copies of a character neither contains: skipping them costs more than the budget.
 */
export function startsEndingAt(text: string, pattern: string, end: number, maxErrors: number): TextMatch[] {
  if (pattern.length === 0 || !Number.isInteger(end) || end < 1 || end > text.length || maxErrors < 0) return [];
  const budget = Math.floor(maxErrors);
  const from = Math.max(0, end - pattern.length - budget);
  const window = text.slice(from, end);
  const sentinel = unusedCodeUnit(window, pattern);
  if (sentinel === null) return [];
  const guard = sentinel.repeat(budget + 1);
  return search(guard + reverse(window), guard + reverse(pattern), budget)
    .map((match) => ({ start: end - (match.end - guard.length), end, errors: match.errors }))
    .filter((match) => match.start >= from && match.start < end);
}

/**
 * 0..1: how closely `expected` occurs somewhere in `window` (1 - edits / expected.length), the way
 * Hypothesis scores a candidate's prefix and suffix. An empty `expected` says nothing, so it is 1;
 * an empty window (the candidate is at the edge of the text) is 0.
 */
export function similarity(window: string, expected: string): number {
  if (expected.length === 0) return 1;
  if (window.length === 0) return 0;
  if (window.includes(expected)) return 1;
  const [best] = search(window, expected, expected.length);
  return best ? 1 - best.errors / expected.length : 0;
}

// Code-unit reversal on purpose: text and pattern are reversed alike, so surrogate halves still pair up.
function reverse(text: string): string {
  let out = "";
  for (let index = text.length - 1; index >= 0; index--) out += text[index];
  return out;
}

// Unicode noncharacters: never in real prose, so one is free in any window short of a hostile one.
const SENTINELS = Array.from({ length: 32 }, (_, offset) => String.fromCharCode(0xfdd0 + offset)).concat("\uFFFE", "\uFFFF");

function unusedCodeUnit(...texts: string[]): string | null {
  return SENTINELS.find((candidate) => texts.every((text) => !text.includes(candidate))) ?? null;
}
