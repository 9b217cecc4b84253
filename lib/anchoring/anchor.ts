// Re-attaches a stored highlight to the current text of its abstract, cheapest check first, and says how confident the placement is.
import { matchQuote } from "./match-quote.ts";
import type { TextTarget } from "./selectors.ts";

export type AnchorResult =
  | { status: "exact"; start: number; end: number }
  | { status: "moved"; start: number; end: number }
  | { status: "fuzzy"; start: number; end: number }
  | { status: "detached" };

const DETACHED: AnchorResult = { status: "detached" };

/**
 * Finds `target` in `text`, cheapest check first: "exact" when the stored position still holds the
 * quote (and no copy elsewhere fits its context better), "moved" when the quote is found verbatim
 * elsewhere, "fuzzy" when only a lightly edited version of it is found, otherwise "detached".
 * Targets come from other clients via Yjs, so malformed ones are tolerated rather than trusted:
 * this never throws.
 */
export function anchorTarget(text: string, target: TextTarget): AnchorResult {
  const raw: Partial<Record<keyof TextTarget, unknown>> | null =
    typeof target === "object" && target !== null ? (target as Partial<Record<keyof TextTarget, unknown>>) : null;
  if (typeof text !== "string" || !raw || typeof raw.exact !== "string" || raw.exact.length === 0) return DETACHED;
  const exact = raw.exact;
  const { start, end } = raw;

  const quote = { exact, prefix: typeof raw.prefix === "string" ? raw.prefix : "", suffix: typeof raw.suffix === "string" ? raw.suffix : "" };
  const stored = rangeIn(text, start, end);
  const quoteStillThere = stored !== null && text.slice(stored.start, stored.end) === exact;
  // The quote alone is not proof: after a shift a short quote ("LoRA", one letter) often sits at the old
  // offset by coincidence. Unchanged context is; otherwise the search below weighs this spot against the rest.
  if (quoteStillThere && contextAgrees(text, stored, quote)) return { status: "exact", ...stored };

  const match = matchQuote(text, quote, typeof start === "number" ? start : undefined);
  if (!match) return DETACHED;
  if (quoteStillThere && match.start === stored.start && match.end === stored.end) return { status: "exact", ...stored };
  // matchQuote only falls back to approximate matching when the quote occurs nowhere verbatim.
  const status = text.slice(match.start, match.end) === exact ? "moved" : "fuzzy";
  return { status, start: match.start, end: match.end };
}

function contextAgrees(text: string, range: { start: number; end: number }, quote: { prefix: string; suffix: string }): boolean {
  return (
    range.start >= quote.prefix.length &&
    text.slice(range.start - quote.prefix.length, range.start) === quote.prefix &&
    text.slice(range.end, range.end + quote.suffix.length) === quote.suffix
  );
}

// String#slice clamps and wraps bad offsets, so they are checked before slicing rather than trusted.
function rangeIn(text: string, start: unknown, end: unknown): { start: number; end: number } | null {
  if (typeof start !== "number" || typeof end !== "number" || !Number.isInteger(start) || !Number.isInteger(end)) return null;
  return start >= 0 && end > start && end <= text.length ? { start, end } : null;
}
