// Re-anchoring memoised per text version and highlight: a live update that changes neither the text nor a
// highlight's target re-anchors nothing, so a page of hundreds of highlights stays responsive while people comment.
import { anchorTarget, type AnchorResult } from "./anchor.ts";
import type { TextTarget } from "./selectors.ts";

export interface AnchorSubject {
  id: string;
  target: TextTarget;
}

/** Anchors every subject in `text`; the same Map comes back, by identity, while every result is unchanged. */
export type AnchorAll = (text: string, subjects: readonly AnchorSubject[]) => ReadonlyMap<string, AnchorResult>;

export interface MemoizeAnchorsOptions {
  /** How one target is anchored; anchorTarget unless a test counts the calls. */
  anchor?: (text: string, target: TextTarget) => AnchorResult;
}

interface Entry {
  target: TextTarget;
  result: AnchorResult;
}

/**
 * A memoised anchorTarget over a whole list of highlights. Results are kept for the latest text only
 * (a new version of the abstract re-anchors everything once) and per highlight id, reused while the
 * stored target is field-for-field the same; entries for highlights that are gone are dropped.
 */
export function memoizeAnchors({ anchor = anchorTarget }: MemoizeAnchorsOptions = {}): AnchorAll {
  let text: string | null = null;
  let entries = new Map<string, Entry>();
  let last: Map<string, AnchorResult> = new Map();

  return (currentText, subjects) => {
    if (currentText !== text) {
      text = currentText;
      entries = new Map();
    }
    const next = new Map<string, Entry>();
    const results = new Map<string, AnchorResult>();
    let changed = false;
    for (const { id, target } of subjects) {
      const known = entries.get(id) ?? next.get(id);
      const entry = known && sameTarget(known.target, target) ? known : { target, result: anchor(currentText, target) };
      next.set(id, entry);
      results.set(id, entry.result);
      if (last.get(id) !== entry.result) changed = true;
    }
    entries = next;
    if (!changed && results.size === last.size) return last;
    last = results;
    return results;
  };
}

// Field by field: each live update reads targets afresh from the shared document, so identity says nothing.
function sameTarget(a: TextTarget, b: TextTarget): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return false;
  return a.exact === b.exact && a.prefix === b.prefix && a.suffix === b.suffix && a.start === b.start && a.end === b.end;
}
