// Finds where a remembered quote now sits in an edited text, the way hypothesis/client re-anchors: exact occurrences first, then approximate ones, ranked by context and distance from where it used to be.
import { widenToCodePoints } from "./code-units.ts";
import { approximateStartsEndingAt, editDistance, findApproximateMatches, type ApproximateMatch } from "./edit-distance.ts";
import type { TextQuoteSelector } from "./selectors.ts";

export interface QuoteMatch {
  start: number;
  end: number;
  /** 0..1, higher is better: 1 is the exact quote with its old context at the hinted position. */
  score: number;
}

// The quote matters most; context separates repeats; position only breaks ties between equal contexts.
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
  const rank = (candidate: ApproximateMatch) => score(text, quote, candidate, position);

  const occurrences = exactOccurrences(text, exact);
  if (occurrences.length > 0) return best(occurrences, rank);

  const maxErrors = maxErrorsFor(exact.length);
  if (maxErrors === 0 || exact.length - maxErrors > text.length) return null;
  const byEnd = best(findApproximateMatches(text, exact, maxErrors), rank);
  if (!byEnd) return null;
  // The forward search kept one start per end; an edit at the quote's first character leaves several equally cheap ones.
  const refined = best(approximateStartsEndingAt(text, exact, byEnd.end, maxErrors), rank) ?? byEnd;
  const { start, end } = widenToCodePoints(text, refined.start, refined.end);
  return { start, end, score: refined.score };
}

function exactOccurrences(text: string, exact: string): ApproximateMatch[] {
  const found: ApproximateMatch[] = [];
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    found.push({ start: at, end: at + exact.length, errors: 0 });
  }
  return found;
}

function best(candidates: ApproximateMatch[], rank: (candidate: ApproximateMatch) => number): QuoteMatch | null {
  let winner: QuoteMatch | null = null;
  for (const candidate of candidates) {
    const candidateScore = rank(candidate);
    if (!winner || candidateScore > winner.score) winner = { start: candidate.start, end: candidate.end, score: candidateScore };
  }
  return winner;
}

function score(text: string, quote: TextQuoteSelector, candidate: ApproximateMatch, hint: number | undefined): number {
  const quoteSimilarity = 1 - candidate.errors / quote.exact.length;
  const before = text.slice(Math.max(0, candidate.start - quote.prefix.length), candidate.start);
  const after = text.slice(candidate.end, candidate.end + quote.suffix.length);
  const distance = hint === undefined ? 0 : Math.min(Math.abs(candidate.start - hint), text.length);
  const positionSimilarity = 1 - distance / text.length;
  return (
    (QUOTE_WEIGHT * quoteSimilarity +
      PREFIX_WEIGHT * contextSimilarity(quote.prefix, before) +
      SUFFIX_WEIGHT * contextSimilarity(quote.suffix, after) +
      POSITION_WEIGHT * positionSimilarity) /
    TOTAL_WEIGHT
  );
}

// An empty stored context (quote at the very start or end) says nothing, so it favours no candidate.
function contextSimilarity(expected: string, actual: string): number {
  if (expected.length === 0) return 1;
  return 1 - editDistance(expected, actual) / Math.max(expected.length, actual.length);
}
