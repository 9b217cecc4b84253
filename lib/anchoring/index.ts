// Public API of the highlight anchoring library: describe a selection once, re-anchor it against every later version of the text.
export { anchorTarget, type AnchorResult } from "./anchor.ts";
export { CONTEXT_LENGTH, describeTextRange } from "./describe.ts";
export { matchQuote, maxErrorsFor, type QuoteMatch } from "./match-quote.ts";
export { memoizeAnchors, type AnchorAll, type AnchorSubject } from "./memoize-anchors.ts";
export {
  MAX_CONTEXT_LENGTH,
  MAX_EXACT_LENGTH,
  textPositionSelectorSchema,
  textQuoteSelectorSchema,
  textTargetSchema,
  type TextPositionSelector,
  type TextQuoteSelector,
  type TextTarget,
} from "./selectors.ts";
