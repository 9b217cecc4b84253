// Turns a reader's selection into the target that is stored with their highlight.
import { splitsSurrogatePair } from "./code-units.ts";
import { MAX_EXACT_LENGTH, type TextTarget } from "./selectors.ts";

/** Enough context to tell repeated phrases apart in an abstract, short enough to survive nearby edits. */
export const CONTEXT_LENGTH = 32;

/**
 * Describes text.slice(start, end) by its position and by its quote with up to CONTEXT_LENGTH
 * code units of context on each side. Throws a RangeError when the range is empty, outside the
 * text, longer than MAX_EXACT_LENGTH, or cuts an emoji in half: those are bugs in the caller.
 */
export function describeTextRange(text: string, start: number, end: number): TextTarget {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new RangeError(`Cannot highlight [${start}, ${end}) in a text of ${text.length} characters.`);
  }
  if (end - start > MAX_EXACT_LENGTH) {
    throw new RangeError(`A highlight can cover at most ${MAX_EXACT_LENGTH} characters, not ${end - start}.`);
  }
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
    throw new RangeError(`The range [${start}, ${end}) cuts a character in half.`);
  }
  let prefixStart = Math.max(0, start - CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, prefixStart)) prefixStart += 1;
  let suffixEnd = Math.min(text.length, end + CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd -= 1;
  return {
    exact: text.slice(start, end),
    prefix: text.slice(prefixStart, start),
    suffix: text.slice(end, suffixEnd),
    start,
    end,
  };
}
