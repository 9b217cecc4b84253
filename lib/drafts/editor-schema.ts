// The drafts' editor schema: one list of Tiptap extensions for the browser's editor and for the
// server, which validates every update against the same schema. No history extension: Collaboration
// brings its own undo.
import { getSchema, type AnyExtension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

export const LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

/** http, https and mailto links, and paths on this site (a quote's link back to its highlight). */
export function isAllowedLink(href: string): boolean {
  return /^(https?:\/\/|mailto:|\/(?![/\\]))/i.test(href.trim());
}

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
