// Decides whether one Yjs update may enter a draft: applied to the shadow copy first, the draft must
// still be a document of the editor's schema (known nodes and marks only, links http/https/mailto).
// Who may write at all is decided earlier: other class members get read-only connections.
import { yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { DRAFT_FRAGMENT, draftSchema, isAllowedLink } from "../drafts/editor-schema.ts";
import { MAX_UPDATE_BYTES, type CheckResult } from "./reading-write-policy.ts";

const MAX_DRAFT_CHARACTERS = 500_000;

export function checkDraftUpdate({ shadow, update }: { shadow: Y.Doc; update: Uint8Array }): CheckResult {
  if (update.byteLength > MAX_UPDATE_BYTES) return { ok: false, reason: "That change is too large (over 64 KiB)." };
  const fragment = shadow.getXmlFragment(DRAFT_FRAGMENT);
  const before = Y.encodeStateVector(shadow);
  try {
    Y.applyUpdate(shadow, update, "policy-check");
  } catch {
    return { ok: false, reason: "That change could not be read." };
  }
  if (shadow.store.pendingStructs !== null || shadow.store.pendingDs !== null) {
    return { ok: false, reason: "That change depends on changes the server does not have; reload the page." };
  }
  for (const name of shadow.share.keys()) if (name !== DRAFT_FRAGMENT) return { ok: false, reason: `Unknown part "${name}" in a draft.` };
  const changed = Y.encodeStateVector(shadow).join() !== before.join() || update.byteLength > 2;
  // Nothing new (a reconnecting editor's empty sync) or a draft nobody has started: nothing to check.
  if (!changed || fragment.length === 0) return { ok: true, changed };
  const problem = checkTree(fragment);
  if (problem) return { ok: false, reason: problem };
  try {
    yXmlFragmentToProseMirrorRootNode(fragment, draftSchema()).check();
  } catch {
    return { ok: false, reason: "That change does not fit the editor's document structure." };
  }
  return { ok: true, changed };
}

function checkTree(fragment: Y.XmlFragment): string | null {
  const schema = draftSchema();
  let characters = 0;
  const visit = (node: Y.XmlElement | Y.XmlText | Y.XmlHook): string | null => {
    if (node instanceof Y.XmlText) {
      for (const op of node.toDelta() as Array<{ insert: unknown; attributes?: Record<string, Record<string, unknown> | null> }>) {
        if (typeof op.insert === "string") characters += op.insert.length;
        else return "Only text belongs inside a paragraph.";
        for (const [mark, attrs] of Object.entries(op.attributes ?? {})) {
          if (!schema.marks[mark]) return `Unknown formatting "${mark}".`;
          if (mark === "link" && !isAllowedLink(String(attrs?.href ?? ""))) return "Links must start with http://, https:// or mailto:.";
        }
      }
      return null;
    }
    if (node instanceof Y.XmlElement) {
      if (!schema.nodes[node.nodeName] || node.nodeName === "doc" || node.nodeName === "text") return `Unknown block "${node.nodeName}".`;
      for (const child of node.toArray()) {
        const problem = visit(child as Y.XmlElement | Y.XmlText);
        if (problem) return problem;
      }
      return null;
    }
    return "Unknown content in a draft.";
  };
  for (const child of fragment.toArray()) {
    const problem = visit(child as Y.XmlElement | Y.XmlText);
    if (problem) return problem;
  }
  return characters > MAX_DRAFT_CHARACTERS ? `A draft can be at most ${MAX_DRAFT_CHARACTERS.toLocaleString("en-US")} characters.` : null;
}
