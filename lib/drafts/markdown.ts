// ProseMirror JSON of a draft -> Markdown. Only the editor schema's nodes and marks exist (the server
// refuses anything else), so this covers all of them; unknown input degrades to its text.
export interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

const escapeText = (text: string) => text.replace(/([\\`*_[\]<>#])/g, "\\$1");

function inline(nodes: PmNode[] = []): string {
  return nodes
    .map((node) => {
      if (node.type === "hardBreak") return "  \n";
      if (node.type !== "text") return inline(node.content);
      const marks = node.marks ?? [];
      const code = marks.some((mark) => mark.type === "code");
      let text = code ? `\`${node.text ?? ""}\`` : escapeText(node.text ?? "");
      if (!code) {
        if (marks.some((mark) => mark.type === "bold")) text = `**${text}**`;
        if (marks.some((mark) => mark.type === "italic")) text = `*${text}*`;
        if (marks.some((mark) => mark.type === "strike")) text = `~~${text}~~`;
      }
      const link = marks.find((mark) => mark.type === "link");
      if (link && typeof link.attrs?.href === "string") text = `[${text}](${link.attrs.href.replace(/\)/g, "%29")})`;
      return text;
    })
    .join("");
}

function block(node: PmNode, indent = ""): string {
  switch (node.type) {
    case "paragraph":
      return indent + inline(node.content);
    case "heading":
      return `${"#".repeat(Number(node.attrs?.level ?? 1))} ${inline(node.content)}`;
    case "blockquote":
      return (node.content ?? []).map((child) => block(child)).join("\n\n").split("\n").map((line) => (line ? `> ${line}` : ">")).join("\n");
    case "codeBlock": {
      const language = typeof node.attrs?.language === "string" ? node.attrs.language : "";
      return `\`\`\`${language}\n${(node.content ?? []).map((child) => child.text ?? "").join("")}\n\`\`\``;
    }
    case "horizontalRule":
      return "---";
    case "bulletList":
    case "orderedList":
      return (node.content ?? [])
        .map((item, index) => {
          const marker = node.type === "bulletList" ? "- " : `${Number(node.attrs?.start ?? 1) + index}. `;
          const body = (item.content ?? []).map((child) => block(child)).join("\n\n");
          return body
            .split("\n")
            .map((line, lineIndex) => (lineIndex === 0 ? marker + line : line ? " ".repeat(marker.length) + line : line))
            .join("\n");
        })
        .join("\n");
    default:
      return inline(node.content);
  }
}

export function draftToMarkdown(doc: PmNode): string {
  const blocks = (doc.content ?? []).map((node) => block(node)).filter((text, index, all) => text.trim() !== "" || index < all.length - 1);
  return `${blocks.join("\n\n").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}

export function countWords(doc: PmNode): number {
  const text: string[] = [];
  const walk = (node: PmNode) => {
    if (node.text) text.push(node.text);
    else text.push(" ");
    node.content?.forEach(walk);
  };
  walk(doc);
  return text.join("").split(/\s+/).filter(Boolean).length;
}
