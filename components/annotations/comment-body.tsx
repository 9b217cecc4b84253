import type { ReactNode } from "react";
import { parseCommentBody, type InlineNode } from "@/lib/rich-text/parse-comment";

export interface CommentBodyProps {
  /** The comment as the author wrote it (plain text with the tiny Markdown-like subset). */
  body: string;
  /** The name to show for a mentioned handle (lowercased, without "@"); the handle as written is shown when this is absent or returns undefined. */
  mentionLabel?: (handle: string) => string | undefined;
  className?: string;
}

/**
 * Renders a comment body. Every piece of the body becomes a React text child or a checked
 * attribute, so React escapes it; no HTML string is ever produced or injected. Safe on the server
 * and the client (no hooks, no browser APIs).
 */
export function CommentBody({ body, mentionLabel, className }: CommentBodyProps) {
  const paragraphs = parseCommentBody(body);
  return (
    <div className={className}>
      {paragraphs.map((paragraph, index) => (
        <p key={index}>{renderInlines(paragraph.children, mentionLabel)}</p>
      ))}
    </div>
  );
}

function renderInlines(nodes: InlineNode[], mentionLabel: CommentBodyProps["mentionLabel"]): ReactNode[] {
  return nodes.map((node, index) => renderInline(node, index, mentionLabel));
}

function renderInline(node: InlineNode, key: number, mentionLabel: CommentBodyProps["mentionLabel"]): ReactNode {
  switch (node.type) {
    case "text":
      return node.value;
    case "break":
      return <br key={key} />;
    case "strong":
      return <strong key={key}>{renderInlines(node.children, mentionLabel)}</strong>;
    case "emphasis":
      return <em key={key}>{renderInlines(node.children, mentionLabel)}</em>;
    case "code":
      return (
        <code key={key} className="rounded bg-accent-soft/60 px-1 font-mono text-[0.9em]">
          {node.value}
        </code>
      );
    case "link":
      // node.href was checked by the parser (http:, https: or mailto: only).
      return (
        <a
          key={key}
          href={node.href}
          target="_blank"
          rel="noopener noreferrer nofollow"
          className="text-accent underline decoration-accent/30 hover:decoration-accent"
        >
          {renderInlines(node.children, mentionLabel)}
        </a>
      );
    case "mention": {
      const label = mentionLabel?.(node.handle);
      return (
        <span key={key} className="mention" data-mention={node.handle}>
          {label === undefined ? node.text : `@${label}`}
        </span>
      );
    }
  }
}
