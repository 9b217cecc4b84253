// How much one imported annotation file may hold; the parsers and the console form share these.

/** Largest file accepted (bytes): a whole course's Hypothesis export fits many times over. */
export const MAX_ANNOTATION_FILE_BYTES = 5 * 1024 * 1024;
/** Most annotations in one file. */
export const MAX_ANNOTATIONS_PER_FILE = 10_000;
