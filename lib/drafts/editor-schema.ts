// The drafts' editor schema: one list of Tiptap extensions for the browser's editor and for the
// server, which validates every update against the same schema. No history extension: Collaboration
// brings its own undo.
import { getSchema, type AnyExtension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { isAllowedLink, LINK_PROTOCOLS } from "./links.ts";

export { isAllowedLink, LINK_PROTOCOLS };

/** The content extensions (the browser adds Collaboration, the caret, placeholder and word count). */
export function draftContentExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [1, 2, 3] },
      link: {
        openOnClick: false,
        autolink: true,
        protocols: [...LINK_PROTOCOLS],
        defaultProtocol: "https",
        isAllowedUri: (url) => isAllowedLink(url),
        HTMLAttributes: { rel: "noopener noreferrer nofollow", target: "_blank" },
      },
    }),
  ];
}

let schema: ReturnType<typeof getSchema> | undefined;
export function draftSchema() {
  schema ??= getSchema(draftContentExtensions());
  return schema;
}

/** The Yjs XML fragment the editor binds to (Tiptap Collaboration's default field). */
export const DRAFT_FRAGMENT = "default";
