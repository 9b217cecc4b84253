// The handles a comment mentions, for notifications.
import { parseCommentBody, type InlineNode } from "./parse-comment.ts";

/**
 * The unique, lowercased handles mentioned in a body, in order of first mention. Uses the same
 * parser as rendering, so "@handle" inside code spans, link labels, URLs or email addresses is not
 * a mention.
 */
export function extractMentions(body: string): string[] {
  const handles = new Set<string>();
  const visit = (nodes: InlineNode[]) => {
    for (const node of nodes) {
      if (node.type === "mention") handles.add(node.handle);
      else if (node.type === "strong" || node.type === "emphasis" || node.type === "link") visit(node.children);
    }
  };
  for (const paragraph of parseCommentBody(body)) visit(paragraph.children);
  return [...handles];
}
