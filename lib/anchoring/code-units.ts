// Surrogate-pair guards: offsets are UTF-16 code units, and a cut through an emoji would leave lone surrogates that Yjs (UTF-8 on the wire) turns into U+FFFD.
const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** True when `offset` falls between the two halves of one astral character (an emoji, say). */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
}

/** Widens [start, end) just enough that neither edge cuts a character in half. */
export function widenToCodePoints(text: string, start: number, end: number): { start: number; end: number } {
  return {
    start: splitsSurrogatePair(text, start) ? start - 1 : start,
    end: splitsSurrogatePair(text, end) ? end + 1 : end,
  };
}
