// Maps DOM selection boundaries to offsets into the abstract and back. Every drawn run carries
// data-start/data-end (offsets into the whole abstract), so the mapping never has to count
// characters across paragraphs or guess where the "\n\n" separators went. Written against a
// minimal node shape so the logic runs in unit tests without a DOM.
import { widenToCodePoints } from "@/lib/anchoring/code-units";

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** The part of a DOM Node this module reads; real DOM nodes satisfy it. */
export interface TreeNode {
  readonly nodeType: number;
  readonly parentNode: TreeNode | null;
  readonly childNodes: ArrayLike<TreeNode>;
  readonly textContent: string | null;
  getAttribute?(name: string): string | null;
}

interface Placed {
  node: TreeNode;
  start: number;
  end: number;
}

function placement(node: TreeNode): Placed | null {
  if (node.nodeType !== ELEMENT_NODE || typeof node.getAttribute !== "function") return null;
  const start = Number(node.getAttribute("data-start") ?? Number.NaN);
  const end = Number(node.getAttribute("data-end") ?? Number.NaN);
  return Number.isInteger(start) && Number.isInteger(end) && start <= end ? { node, start, end } : null;
}

function isInside(root: TreeNode, node: TreeNode | null): boolean {
  for (let current = node; current; current = current.parentNode) if (current === root) return true;
  return false;
}

function closestPlaced(root: TreeNode, node: TreeNode | null): Placed | null {
  for (let current = node; current && current !== root; current = current.parentNode) {
    const placed = placement(current);
    if (placed) return placed;
  }
  return null;
}

/** The innermost placed elements, in document order. */
function leaves(node: TreeNode, out: Placed[] = []): Placed[] {
  const before = out.length;
  for (let index = 0; index < node.childNodes.length; index++) leaves(node.childNodes[index]!, out);
  const placed = placement(node);
  if (placed && out.length === before) out.push(placed);
  return out;
}

function textBefore(container: TreeNode, target: TreeNode): number {
  let length = 0;
  let found = false;
  const visit = (node: TreeNode) => {
    if (found) return;
    if (node === target) {
      found = true;
      return;
    }
    if (node.nodeType === TEXT_NODE) length += node.textContent?.length ?? 0;
    for (let index = 0; index < node.childNodes.length; index++) visit(node.childNodes[index]!);
  };
  visit(container);
  return length;
}

/**
 * The abstract offset of the DOM boundary (node, offset) as a Range or Selection reports it, or
 * null when it lies outside `root` or outside every drawn run.
 */
export function boundaryToOffset(root: TreeNode, node: TreeNode, offset: number): number | null {
  if (!isInside(root, node)) return null;
  if (node.nodeType === TEXT_NODE) {
    const placed = closestPlaced(root, node.parentNode);
    if (!placed) return null;
    return Math.min(placed.end, Math.max(placed.start, placed.start + textBefore(placed.node, node) + offset));
  }
  // Between two children of an element: the end of whatever run comes before, else the start of what follows.
  const children = Array.from({ length: node.childNodes.length }, (_, index) => node.childNodes[index]!);
  const before = children.slice(0, offset).flatMap((child) => leaves(child));
  if (before.length > 0) return before[before.length - 1]!.end;
  const after = children.slice(offset).flatMap((child) => leaves(child));
  if (after.length > 0) return after[0]!.start;
  const placed = closestPlaced(root, node);
  if (!placed) return null;
  return offset === 0 ? placed.start : placed.end;
}

/**
 * Where `offset` sits in the drawn runs: a text node and an offset inside it, for building a DOM
 * Range. `edge` says which run wins at a boundary between two: a range's start belongs to the run
 * that follows, its end to the run before. Offsets inside a paragraph separator snap to the
 * nearest drawn character.
 */
export function offsetToBoundary(root: TreeNode, offset: number, edge: "start" | "end"): { node: TreeNode; offset: number } | null {
  const runs = leaves(root).filter((run) => run.end > run.start);
  if (runs.length === 0) return null;
  const inside = (run: Placed) => (edge === "start" ? run.start <= offset && offset < run.end : run.start < offset && offset <= run.end);
  let run = runs.find(inside);
  if (!run) {
    run = edge === "start" ? (runs.find((candidate) => candidate.start >= offset) ?? runs[runs.length - 1]!) : ([...runs].reverse().find((candidate) => candidate.end <= offset) ?? runs[0]!);
  }
  const within = Math.min(run.end, Math.max(run.start, offset)) - run.start;
  const text = firstText(run.node);
  return text ? { node: text, offset: Math.min(within, text.textContent?.length ?? 0) } : { node: run.node, offset: within === 0 ? 0 : run.node.childNodes.length };
}

function firstText(node: TreeNode): TreeNode | null {
  if (node.nodeType === TEXT_NODE) return node;
  for (let index = 0; index < node.childNodes.length; index++) {
    const found = firstText(node.childNodes[index]!);
    if (found) return found;
  }
  return null;
}

/**
 * The part of [start, end) worth highlighting: surrounding whitespace dropped (double-click and
 * triple-click selections carry it), never cutting an emoji in half. Null when nothing is left.
 */
export function normalizeSelection(text: string, start: number, end: number): { start: number; end: number } | null {
  let from = Math.max(0, Math.min(start, end));
  let to = Math.min(text.length, Math.max(start, end));
  while (from < to && /\s/.test(text[from]!)) from++;
  while (to > from && /\s/.test(text[to - 1]!)) to--;
  if (from >= to) return null;
  return widenToCodePoints(text, from, to);
}
