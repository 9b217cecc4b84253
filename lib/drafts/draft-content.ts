// A draft's content as the editor sees it (ProseMirror JSON), its Markdown and word count, read from a
// Yjs state. Used by route handlers (revisions, export), the draft page and, in the worker thread, by
// the projection.
import { yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { DRAFT_FRAGMENT } from "./editor-schema.ts";
import { countWords, draftToMarkdown, type PmNode } from "./markdown.ts";

export interface DraftContent {
  json: PmNode;
  markdown: string;
  wordCount: number;
}

export function draftJson(state: Uint8Array): PmNode {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DRAFT_FRAGMENT)) as PmNode;
  doc.destroy();
  return json;
}

export function draftContent(state: Uint8Array): DraftContent {
  const json = draftJson(state);
  return { json, markdown: draftToMarkdown(json), wordCount: countWords(json) };
}
