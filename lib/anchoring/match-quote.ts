// Finds where a remembered quote now sits in an edited text, the way hypothesis/client's match-quote does:
// exact occurrences first, then approximate ones (Myers' algorithm), ranked by how well the quote, its
// prefix and its suffix match near each candidate, and by distance from where it used to be.
import { searchText, similarity, startsEndingAt, type TextMatch } from "./approximate-search.ts";
import { widenToCodePoints } from "./code-units.ts";
import type { TextQuoteSelector } from "./selectors.ts";

export interface QuoteMatch {
  start: number;
  end: number;
  /** 0..1, higher is better: 1 is the exact quote with its old context at the hinted position. */
  score: number;
}

// Hypothesis's weights: the quote matters most; context separates repeats; position only breaks ties between equal contexts.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/**
 * Edits tolerated inside a quote: max(2, 10%), but never more than a third of it, since a 4-letter
 * quote allowed 2 errors would land on almost any word.
 */
export function maxErrorsFor(quoteLength: number): number {
  return Math.min(Math.max(2, Math.floor(quoteLength / 10)), Math.floor(quoteLength / 3));
}

/**
 * Where `quote.exact` best fits in `text`, or null when nothing is within maxErrorsFor(exact.length)
 * edits. `hint` is where the quote used to start; it only decides between equally good candidates.
 */
export function matchQuote(text: string, quote: TextQuoteSelector, hint?: number): QuoteMatch | null {
  const { exact } = quote;
  if (exact.length === 0 || text.length === 0) return null;
  const position = hint !== undefined && Number.isFinite(hint) ? hint : undefined;
  const rank = (candidate: TextMatch) => score(text, quote, candidate, position);

  const maxErrors = maxErrorsFor(exact.length);
  if (exact.length - maxErrors > text.length) return null;
  const byEnd = best(searchText(text, exact, maxErrors), rank);
  if (!byEnd) return null;
  if (byEnd.errors === 0) return { start: byEnd.start, end: byEnd.end, score: byEnd.score };
  // The search keeps the longest start per end; an edit at the quote's first character leaves several equally cheap ones.
  const refined = best(startsEndingAt(text, exact, byEnd.end, byEnd.errors), rank) ?? byEnd;
  const { start, end } = widenToCodePoints(text, refined.start, refined.end);
  return { start, end, score: refined.score };
}

function best(candidates: TextMatch[], rank: (candidate: TextMatch) => number): (TextMatch & { score: number }) | null {
  let winner: (TextMatch & { score: number }) | null = null;
  for (const candidate of candidates) {
    const candidateScore = rank(candidate);
    if (!winner || candidateScore > winner.score) winner = { ...candidate, score: candidateScore };
  }
  return winner;
}

function score(text: string, quote: TextQuoteSelector, candidate: TextMatch, hint: number | undefined): number {
  const quoteSimilarity = 1 - candidate.errors / quote.exact.length;
  // Context is matched approximately within a window of its own length beside the candidate, so a
  // context that moved by a character or two still counts for most of its weight.
  const before = text.slice(Math.max(0, candidate.start - quote.prefix.length), candidate.start);
  const after = text.slice(candidate.end, candidate.end + quote.suffix.length);
  const distance = hint === undefined ? 0 : Math.min(Math.abs(candidate.start - hint), text.length);
  const positionSimilarity = 1 - distance / text.length;
  return (
    (QUOTE_WEIGHT * quoteSimilarity +
      PREFIX_WEIGHT * similarity(before, quote.prefix) +
      SUFFIX_WEIGHT * similarity(after, quote.suffix) +
      POSITION_WEIGHT * positionSimilarity) /
    TOTAL_WEIGHT
  );
}
