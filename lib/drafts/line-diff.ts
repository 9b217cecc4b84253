// "What changed since this revision", line by line, with jsdiff (Myers' O(ND) diff) under a bound on
// the work: any class member can ask for it, so two long and very different revisions give up early
// with a "too different" answer instead of holding the server's CPU and memory.
import { diffLines as jsdiffLines } from "diff";

export interface DiffLine {
  op: "same" | "added" | "removed";
  text: string;
}

export type LineDiff =
  | { status: "lines"; lines: DiffLine[] }
  /** Too many lines differ (or the comparison ran out of time) to show the change line by line. */
  | { status: "too-different"; beforeLines: number; afterLines: number };

/**
 * Past this many added plus removed lines a "what changed" view is no longer readable, and the work
 * grows with the square of it (about 0.3 s at 1,000 on this project's 2-core machines; 1 s at 2,000).
 */
export const MAX_EDITED_LINES = 1_000;
/** A backstop for long texts whose few edits still cost too much (many repeated lines, like blank ones). */
export const DIFF_TIMEOUT_MS = 1_000;

const lineCount = (text: string) => (text === "" ? 0 : text.replace(/\n$/, "").split("\n").length);

export function diffLines(options: {
  /** The older text (the revision's Markdown). */
  before: string;
  /** The newer text (the current draft's Markdown). */
  after: string;
  /** Give up past this many added plus removed lines. */
  maxEditedLines?: number;
  /** Give up after this many milliseconds. */
  timeoutMs?: number;
}): LineDiff {
  const { before, after, maxEditedLines = MAX_EDITED_LINES, timeoutMs = DIFF_TIMEOUT_MS } = options;
  const changes = jsdiffLines(before, after, { maxEditLength: maxEditedLines, timeout: timeoutMs });
  if (!changes) return { status: "too-different", beforeLines: lineCount(before), afterLines: lineCount(after) };
  const lines: DiffLine[] = [];
  for (const change of changes) {
    const op = change.added ? "added" : change.removed ? "removed" : "same";
    // jsdiff keeps each line's "\n"; the last line of a text may lack one.
    for (const text of change.value.replace(/\n$/, "").split("\n")) lines.push({ op, text });
  }
  return { status: "lines", lines };
}
