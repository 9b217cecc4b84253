// The thin browser side of selection-offsets.ts: live Selection/Range objects in and out.
import { boundaryToOffset, offsetToBoundary } from "./selection-offsets";

/** Offsets of the part of `range` inside `root`; a range that spills out is cut at root's edges. */
export function rangeToOffsets(root: HTMLElement, range: Range, textLength: number): { start: number; end: number } | null {
  if (!range.intersectsNode(root)) return null;
  const start = root.contains(range.startContainer) ? boundaryToOffset(root, range.startContainer, range.startOffset) : 0;
  const end = root.contains(range.endContainer) ? boundaryToOffset(root, range.endContainer, range.endOffset) : textLength;
  if (start === null || end === null) return null;
  return { start, end };
}

/** Selects [start, end) of the abstract again, e.g. after the toolbar took focus away. */
export function selectOffsets(root: HTMLElement, start: number, end: number): void {
  const from = offsetToBoundary(root, start, "start");
  const to = offsetToBoundary(root, end, "end");
  const selection = document.getSelection();
  if (!from || !to || !selection) return;
  const range = document.createRange();
  range.setStart(from.node as Node, from.offset);
  range.setEnd(to.node as Node, to.offset);
  selection.removeAllRanges();
  selection.addRange(range);
}

/** Where to put the toolbar: just under the end of the selection, in `frame`'s coordinates. */
export function toolbarPosition(range: Range, frame: HTMLElement): { top: number; left: number } {
  const rects = range.getClientRects();
  const last = rects.length > 0 ? rects[rects.length - 1]! : range.getBoundingClientRect();
  const box = frame.getBoundingClientRect();
  return { top: last.bottom - box.top + 8, left: last.left - box.left };
}
