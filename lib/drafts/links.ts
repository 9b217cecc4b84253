// Which links a draft may hold, apart from the editor's schema so that browser code checking a link
// (the toolbar's link field) does not bring Tiptap with it.

export const LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

/** http, https and mailto links, and paths on this site (a quote's link back to its highlight). */
export function isAllowedLink(href: string): boolean {
  return /^(https?:\/\/|mailto:|\/(?![/\\]))/i.test(href.trim());
}
