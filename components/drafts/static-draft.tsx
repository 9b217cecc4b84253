// The draft as the server renders it, shown until the editor has loaded (and all along without
// JavaScript): Tiptap's static renderer with the editor's own extensions, so the elements are the ones
// the editor will show in their place. A link keeps its href only if isAllowedLink accepts it (the Link
// extension's own rendering, configured in the schema); text is React text, never HTML. Server only:
// it brings Tiptap, which the page's first load must not carry.
import type { ReactNode } from "react";
import { isNodeEmpty } from "@tiptap/core";
import { renderToReactElement } from "@tiptap/static-renderer/pm/react";
import { draftContentExtensions, draftSchema } from "@/lib/drafts/editor-schema";
import type { PmNode } from "@/lib/drafts/markdown";

export interface StaticDraft {
  /** The content's elements; null when the draft is empty (the page shows the placeholder instead). */
  content: ReactNode;
  /** Words, counted as the editor's word count counts them. */
  words: number;
}

/** null when the stored content does not fit the schema: the editor shows it (or says why) once it has loaded. */
export function renderStaticDraft(json: PmNode): StaticDraft | null {
  // A draft nobody has written in has no content at all (the editor adds its empty paragraph).
  if (json.type === "doc" && !json.content?.length) return { content: null, words: 0 };
  let doc;
  try {
    doc = draftSchema().nodeFromJSON(json);
    doc.check();
  } catch {
    return null;
  }
  // CharacterCount's default: the text with blocks and leaves as spaces, split on spaces.
  const words = doc.textBetween(0, doc.content.size, " ", " ").split(" ").filter((word) => word !== "").length;
  if (isNodeEmpty(doc)) return { content: null, words };
  return { content: renderToReactElement({ content: doc, extensions: draftContentExtensions() }), words };
}
