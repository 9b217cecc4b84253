// How a highlight remembers its passage (W3C Web Annotation quote + position selectors), so it can be found again after the abstract is edited.
// zod/mini: the browser checks targets too, and the full zod would cost every reading page 30 KiB.
import { z } from "zod/mini";

/** Longest passage one highlight may cover, in UTF-16 code units (the unit of String#length and of DOM offsets). */
export const MAX_EXACT_LENGTH = 2000;
/** Stored context may be longer than what describeTextRange writes, so other clients can widen it without breaking old readers. */
export const MAX_CONTEXT_LENGTH = 64;

const quoteShape = {
  exact: z
    .string()
    .check(z.minLength(1, "A highlight must cover some text."), z.maxLength(MAX_EXACT_LENGTH, `A highlight can cover at most ${MAX_EXACT_LENGTH} characters.`)),
  prefix: z.string().check(z.maxLength(MAX_CONTEXT_LENGTH)),
  suffix: z.string().check(z.maxLength(MAX_CONTEXT_LENGTH)),
};

const positionShape = {
  start: z.int().check(z.minimum(0)),
  end: z.int().check(z.minimum(1)),
};

const endAfterStart = z.refine<{ start: number; end: number }>((range) => range.end > range.start, { message: "The end must come after the start.", path: ["end"] });

export const textQuoteSelectorSchema = z.object(quoteShape);
export type TextQuoteSelector = z.infer<typeof textQuoteSelectorSchema>;

export const textPositionSelectorSchema = z.object(positionShape).check(endAfterStart);
export type TextPositionSelector = z.infer<typeof textPositionSelectorSchema>;

// Both selectors side by side: the position is the cheap first guess, the quote is what survives edits.
// A target whose span length disagrees with its quote was not produced by describeTextRange, so it is refused.
export const textTargetSchema = z.object({ ...quoteShape, ...positionShape }).check(
  endAfterStart,
  z.refine((target) => target.end - target.start === target.exact.length, {
    message: "The position must span exactly the quoted text.",
    path: ["end"],
  }),
);
export type TextTarget = z.infer<typeof textTargetSchema>;
