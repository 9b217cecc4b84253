// Comment bodies: plain text with a tiny Markdown-like subset, parsed to an AST (never to HTML).
export {
  parseCommentBody,
  MAX_HANDLE_LENGTH,
  MAX_NESTING_DEPTH,
  type BreakNode,
  type CodeNode,
  type CommentNode,
  type EmphasisNode,
  type InlineNode,
  type LinkNode,
  type MentionNode,
  type ParagraphNode,
  type StrongNode,
  type TextNode,
} from "./parse-comment.ts";
export { extractMentions } from "./mentions.ts";
export { commentBodySchema, MAX_COMMENT_LENGTH, type CommentBody } from "./limits.ts";
export { toSafeHref, MAX_URL_LENGTH } from "./safe-url.ts";
