// Paints commented passages in the editor (class "draft-comment-anchor"). The passages are kept as
// Yjs relative positions and turned into ProseMirror positions through y-tiptap's binding, so they
// follow everyone's edits: recomputed whenever the comments change or a remote change arrives,
// and mapped through local edits in between (the binding's mapping only catches up after those).
import { Extension, type Editor } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { encodeRange, resolveRange, type AnchorContext, type PassageRange, type ProsemirrorMapping } from "./anchors";

export interface AnchoredPassage {
  commentId: string;
  anchorFrom: string;
  anchorTo: string;
  /** Resolved passages are tracked (to tell whether their text still exists) but not painted. */
  resolved: boolean;
}

interface AnchorsState {
  passages: readonly AnchoredPassage[];
  decorations: DecorationSet;
}

export const commentAnchorsKey = new PluginKey<AnchorsState>("draftCommentAnchors");

interface SyncBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: ProsemirrorMapping;
}

/** The live binding between this editor and the Y.Doc; null before the sync plugin's view exists. */
export function anchorContext(state: EditorState): AnchorContext | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: SyncBinding | null } | undefined;
  const binding = sync?.binding;
  return binding ? { doc: binding.doc, fragment: binding.type, mapping: binding.mapping } : null;
}

function decorate(state: EditorState, passages: readonly AnchoredPassage[]): DecorationSet {
  const context = anchorContext(state);
  if (!context || passages.length === 0) return DecorationSet.empty;
  const size = state.doc.content.size;
  const decorations = passages.flatMap((passage) => {
    const range = resolveRange(context, passage.anchorFrom, passage.anchorTo, size);
    if (!range) return [];
    const attrs = passage.resolved ? {} : { class: "draft-comment-anchor", "data-comment-id": passage.commentId };
    return [Decoration.inline(range.from, range.to, attrs, { commentId: passage.commentId })];
  });
  return DecorationSet.create(state.doc, decorations);
}

export const CommentAnchors = Extension.create({
  name: "draftCommentAnchors",
  addProseMirrorPlugins() {
    return [
      new Plugin<AnchorsState>({
        key: commentAnchorsKey,
        state: {
          init: () => ({ passages: [], decorations: DecorationSet.empty }),
          apply(tr: Transaction, value: AnchorsState, _old: EditorState, next: EditorState): AnchorsState {
            const passages = tr.getMeta(commentAnchorsKey) as readonly AnchoredPassage[] | undefined;
            if (passages) return { passages, decorations: decorate(next, passages) };
            // A change from the Y.Doc (remote edit, first render, undo): the mapping is current again.
            if (tr.getMeta(ySyncPluginKey) !== undefined) return { passages: value.passages, decorations: decorate(next, value.passages) };
            return tr.docChanged ? { passages: value.passages, decorations: value.decorations.map(tr.mapping, tr.doc) } : value;
          },
        },
        props: {
          decorations: (state) => commentAnchorsKey.getState(state)?.decorations ?? DecorationSet.empty,
        },
      }),
    ];
  },
});

/** Tells the editor which passages to paint (the open, anchored comments). */
export function setAnchoredPassages(editor: Editor, passages: readonly AnchoredPassage[]): void {
  if (editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(commentAnchorsKey, passages));
}

/**
 * The comments whose passage still has text, as a sorted, comma-joined key (cheap to compare on
 * every transaction). Read from the painted decorations, which shrink with edits and disappear when
 * their text is deleted, so the panel's "(passage removed)" always agrees with what is painted.
 */
export function livePassagesKey(state: EditorState): string {
  const decorations = commentAnchorsKey.getState(state)?.decorations;
  if (!decorations) return "";
  const ids = new Set(decorations.find().map((decoration) => (decoration.spec as { commentId: string }).commentId));
  return [...ids].sort().join(",");
}

/** Where a passage is in the editor now, or null when its text is gone. */
export function currentPassage(editor: Editor, anchorFrom: string, anchorTo: string): PassageRange | null {
  const context = anchorContext(editor.state);
  return context ? resolveRange(context, anchorFrom, anchorTo, editor.state.doc.content.size) : null;
}

export interface SelectionAnchor {
  anchorFrom: string;
  anchorTo: string;
  quote: string;
}

/** The editor's current selection as a comment anchor, or null when nothing (or only a node) is selected. */
export function selectionAnchor(editor: Editor): SelectionAnchor | null {
  const { from, to, empty } = editor.state.selection;
  const context = anchorContext(editor.state);
  if (empty || !context) return null;
  const quote = editor.state.doc.textBetween(from, to, "\n", " ");
  if (quote.trim() === "") return null;
  const anchors = encodeRange(context, { from, to });
  return anchors ? { ...anchors, quote } : null;
}
