// How a highlight remembers its passage (W3C Web Annotation quote + position selectors), so it can be found again after the abstract is edited.
import { z } from "zod";

/** Longest passage one highlight may cover, in UTF-16 code units (the unit of String#length and of DOM offsets). */
export const MAX_EXACT_LENGTH = 2000;
/** Stored context may be longer than what describeTextRange writes, so other clients can widen it without breaking old readers. */
export const MAX_CONTEXT_LENGTH = 64;

const quoteShape = {
  exact: z.string().min(1, "A highlight must cover some text.").max(MAX_EXACT_LENGTH, `A highlight can cover at most ${MAX_EXACT_LENGTH} characters.`),
  prefix: z.string().max(MAX_CONTEXT_LENGTH),
  suffix: z.string().max(MAX_CONTEXT_LENGTH),
};

const positionShape = {
  start: z.int().min(0),
  end: z.int().min(1),
};

const endAfterStart = { message: "The end must come after the start.", path: ["end"] };

export const textQuoteSelectorSchema = z.object(quoteShape);
export type TextQuoteSelector = z.infer<typeof textQuoteSelectorSchema>;

export const textPositionSelectorSchema = z.object(positionShape).refine((range) => range.end > range.start, endAfterStart);
export type TextPositionSelector = z.infer<typeof textPositionSelectorSchema>;

// Both selectors side by side: the position is the cheap first guess, the quote is what survives edits.
// A target whose span length disagrees with its quote was not produced by describeTextRange, so it is refused.
export const textTargetSchema = z
  .object({ ...quoteShape, ...positionShape })
  .refine((target) => target.end > target.start, endAfterStart)
  .refine((target) => target.end - target.start === target.exact.length, {
    message: "The position must span exactly the quoted text.",
    path: ["end"],
  });
export type TextTarget = z.infer<typeof textTargetSchema>;
