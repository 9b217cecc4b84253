// Sample abstracts and helpers shared by the anchoring tests; real abstract prose so context and repeats look like the seminar's.
export const QLORA =
  "We present QLoRA, an efficient finetuning approach that reduces memory usage enough to finetune a 65B parameter model on a single 48GB GPU while preserving full 16-bit finetuning task performance. QLoRA backpropagates gradients through a frozen, 4-bit quantized pretrained language model into Low Rank Adapters~(LoRA).";

// Curly quotes, an em dash, accented letters and astral-plane emoji (two UTF-16 code units each).
export const UNICODE_ABSTRACT =
  "We call these “paged optimizers” — they avoid memory spikes. Café-scale hardware 🤗 suffices: naïve 4-bit quantization fails, but NF4 with double quantization 🚀 does not.";

// A sentence pasted twice: both copies of a phrase in its middle have identical 32-character context.
export const RELEASE_SENTENCE =
  "We release all of our models and code, including CUDA kernels for 4-bit training, to make finetuning of large models accessible.";
export const DUPLICATED = `${QLORA} ${RELEASE_SENTENCE} ${RELEASE_SENTENCE}`;

/** Offset of the `occurrence`-th (0-based) copy of `quote` in `text`; throws so a typo in a test table fails loudly. */
export function offsetOf(text: string, quote: string, occurrence = 0): number {
  let at = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    at = text.indexOf(quote, at + 1);
    if (at === -1) throw new Error(`"${quote}" does not occur ${occurrence + 1} time(s) in the text`);
  }
  return at;
}

/** Start offsets of every code point, i.e. every place a selection may begin or end. */
export function codePointOffsets(text: string): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (const character of text) {
    offsets.push(at);
    at += character.length;
  }
  return offsets;
}
