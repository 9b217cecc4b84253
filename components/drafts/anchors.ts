// Comment anchors on the live draft. A comment remembers its passage as two Yjs relative positions
// (base64 of Y.encodeRelativePosition), not as ProseMirror offsets: relative positions stick to the
// characters they were created next to, so the passage follows everyone's later edits. Kept free of
// React and the DOM so the round trip can be tested against a real Y.Doc in node.
import * as Y from "yjs";
import { fromBase64, toBase64 } from "lib0/buffer";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from "@tiptap/y-tiptap";

/** y-tiptap's Y type -> ProseMirror node map (the type is not exported from the package root). */
export type ProsemirrorMapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

/** What y-tiptap's sync plugin knows: the Y.Doc, the bound fragment and the Y type -> ProseMirror node mapping. */
export interface AnchorContext {
  doc: Y.Doc;
  fragment: Y.XmlFragment;
  mapping: ProsemirrorMapping;
}

export interface PassageRange {
  from: number;
  to: number;
}

/**
 * Which character a position sticks to. y-tiptap makes every position stick to the character on its
 * left; a passage's start should stick to its own first character instead, so that text typed just
 * before a commented passage does not join it (and its end keeps sticking to its last character).
 */
export type Stickiness = "left" | "right";

/** base64 of the relative position of ProseMirror position `pos`, for the comments API. */
export function encodeAnchor(context: AnchorContext, pos: number, stick: Stickiness = "left"): string {
  let relative = absolutePositionToRelativePosition(pos, context.fragment, context.mapping) as Y.RelativePosition;
  if (stick === "right") {
    const absolute = Y.createAbsolutePositionFromRelativePosition(relative, context.doc);
    // Only inside text: between blocks y-tiptap points at the following element already.
    if (absolute && absolute.type instanceof Y.XmlText) relative = Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, 0);
  }
  return toBase64(Y.encodeRelativePosition(relative));
}

/** Both ends of a selection, or null for an empty or inverted one. */
export function encodeRange(context: AnchorContext, range: PassageRange): { anchorFrom: string; anchorTo: string } | null {
  if (!(range.to > range.from)) return null;
  return { anchorFrom: encodeAnchor(context, range.from, "right"), anchorTo: encodeAnchor(context, range.to, "left") };
}

function decodeRelative(encoded: string): Y.RelativePosition | null {
  // The anchors come back from the server as plain strings; anything malformed is just "not found".
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
}

/** Yjs throws on positions that point at items this document never had (a malformed or foreign anchor). */
function guarded<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/**
 * y-tiptap refuses (returns null for) any text position that resolves to 0 or 1, guarding against
 * a misresolution after blocks are dragged around. Position 1 is also the perfectly ordinary start
 * of the first paragraph, so that one case is recognised here: the position points into a live text
 * node at offset 0, whose element is the fragment's first live child and holds the text first.
 */
function startOfFirstBlock(context: AnchorContext, relative: Y.RelativePosition): number | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, context.doc);
  if (!absolute || absolute.index !== 0 || !(absolute.type instanceof Y.XmlText)) return null;
  const text = absolute.type;
  const element = text.parent;
  if (!text._item || text._item.deleted || !(element instanceof Y.XmlElement) || element.parent !== context.fragment) return null;
  if (!element._item || element._item.deleted) return null;
  const firstLive = (type: { _start: Y.Item | null }) => {
    let item = type._start;
    while (item && item.deleted) item = item.right;
    return item;
  };
  return firstLive(context.fragment) === element._item && firstLive(element) === text._item ? 1 : null;
}

/** The current ProseMirror position of an encoded anchor, or null when it cannot be placed. */
export function decodeAnchor(context: AnchorContext, encoded: string): number | null {
  const relative = decodeRelative(encoded);
  if (!relative) return null;
  const position = guarded(() => relativePositionToAbsolutePosition(context.doc, context.fragment, relative, context.mapping));
  return position ?? guarded(() => startOfFirstBlock(context, relative));
}

/**
 * Where a comment's passage is now, clamped to the document; null when its text is gone (both ends
 * collapsed onto the same spot or could not be placed), which the panel shows as "(passage removed)".
 */
export function resolveRange(context: AnchorContext, anchorFrom: string, anchorTo: string, docSize: number): PassageRange | null {
  const from = decodeAnchor(context, anchorFrom);
  const to = decodeAnchor(context, anchorTo);
  if (from === null || to === null) return null;
  const start = Math.max(0, Math.min(from, docSize));
  const end = Math.max(0, Math.min(to, docSize));
  return end > start ? { from: start, to: end } : null;
}
