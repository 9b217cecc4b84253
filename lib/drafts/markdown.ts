// A draft's ProseMirror JSON -> CommonMark (plus ~~strike~~), through prosemirror-markdown's serializer
// with our Tiptap node and mark names. Its escaping leaves a few CommonMark constructs open (HTML and
// entities, "1)" or "+" at a line start, text after a hard break, indentation, emphasis that touches
// punctuation, a heading's closing #s, adjacent lists merging); the rules below close them.
import { MarkdownSerializer, type MarkdownSerializerState } from "prosemirror-markdown";
import { Fragment, type Node } from "@tiptap/pm/model";
import { draftSchema } from "./editor-schema.ts";

export interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

export interface MarkdownOptions {
  /** Also escape `$`, which Marp reads as the start of a formula. */
  escapeDollars?: boolean;
}

const EMPHASIS = new Set(["bold", "italic", "strike"]);
const PUNCTUATION = /[\p{P}\p{S}]/u;
const WHITESPACE = /\s/u;
/** HTML and entities stay text; prosemirror-markdown escapes the Markdown punctuation itself. */
const EXTRA_ESCAPES = /<|&(?=#?[0-9A-Za-z]+;)/g;
const EXTRA_ESCAPES_SLIDES = /<|\$|&(?=#?[0-9A-Za-z]+;)/g;

/** A character written as a numeric reference: it reads the same but cannot indent, nor sit beside a delimiter. */
const reference = (char: string) => `&#x${char.codePointAt(0)!.toString(16).toUpperCase()};`;
const firstChar = (text: string): string | undefined => Array.from(text.slice(0, 2))[0];
const lastChar = (text: string): string | undefined => Array.from(text.slice(-2)).at(-1);
const isWordChar = (char: string | undefined) => char !== undefined && !WHITESPACE.test(char) && !PUNCTUATION.test(char);
const isPunctuation = (char: string | undefined) => char !== undefined && PUNCTUATION.test(char);

/** Whether `node` carries an emphasis mark that `other` lacks (a delimiter run opens or closes between them). */
function emphasisBoundary(node: Node, other: Node): boolean {
  return node.marks.some((mark) => EMPHASIS.has(mark.type.name) && !mark.isInSet(other.marks));
}

/** What prosemirror-markdown leaves open at the start of a line: "1)" and "1." at the end, a lone "+", "=" (a setext underline), indentation. */
function escapeLineStart(text: string): string {
  return text
    .replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, "$1\\$2")
    .replace(/^\+(?=[ \t]|$)/, "\\+")
    .replace(/^=/, "\\=")
    .replace(/^[ \t]/, reference);
}

function writeText(state: MarkdownSerializerState, node: Node, parent: Node, index: number) {
  const before = index > 0 ? parent.child(index - 1) : null;
  const after = index + 1 < parent.childCount ? parent.child(index + 1) : null;
  const atLineStart = !before || before.type.name === "hardBreak";
  const text = node.text ?? "";
  // A text node with a line break in it reads as text with hard breaks.
  let out = text
    .split("\n")
    .map((line, lineIndex) => {
      const escaped = state.esc(line, atLineStart || lineIndex > 0);
      return atLineStart || lineIndex > 0 ? escapeLineStart(escaped) : escaped;
    })
    .join("\\\n");
  // A delimiter run between punctuation on one side and a letter on the other is not "flanking", so
  // CommonMark would not read it as emphasis: the letter is written as a reference, which counts as punctuation.
  const first = firstChar(text);
  const last = lastChar(text);
  if (before?.isText && emphasisBoundary(before, node) && isPunctuation(lastChar(before.text!)) && isWordChar(first) && out.startsWith(first!)) {
    out = reference(first!) + out.slice(first!.length);
  }
  if (after?.isText && emphasisBoundary(after, node) && isPunctuation(firstChar(after.text!)) && isWordChar(last) && out.endsWith(last!)) {
    out = out.slice(0, out.length - last!.length) + reference(last!);
  }
  // A heading's trailing #s would be read as its closing sequence.
  if (parent.type.name === "heading" && !after) out = out.replace(/(?<!\\)#(?=#*[ \t]*$)/, "\\#");
  state.text(out, false);
}

/** A code span's backticks: one more than the longest run inside, and a space each side when needed. */
function codeDelimiter(node: Node, side: "open" | "close"): string {
  const text = node.text ?? "";
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = /^`|`$/.test(text) || (/^ /.test(text) && / $/.test(text) && /[^ ]/.test(text)) ? " " : "";
  return side === "open" ? fence + pad : pad + fence;
}

/** A link's destination: in <...> when it has spaces or parentheses, with what CommonMark would read escaped. */
function linkDestination(href: string): string {
  const pointy = /[\s()<>]/.test(href);
  const escaped = href
    .replace(/\n/g, "%0A")
    .replace(pointy ? /[\\<>]/g : /[\\()]/g, "\\$&")
    .replace(/&(?=#?[0-9A-Za-z]+;)/g, "\\&");
  return pointy ? `<${escaped}>` : escaped;
}

/** "-", "*", "-" ... for lists that follow each other: CommonMark merges adjacent lists with the same marker. */
function listMarker(node: Node, parent: Node, index: number, markers: [string, string]): string {
  let run = 0;
  while (index - run - 1 >= 0 && parent.child(index - run - 1).type === node.type) run++;
  return markers[run % 2]!;
}

const nodes: ConstructorParameters<typeof MarkdownSerializer>[0] = {
  paragraph(state, node) {
    state.renderInline(node);
    state.closeBlock(node);
  },
  heading(state, node) {
    state.write(`${"#".repeat(Math.min(6, Math.max(1, Number(node.attrs.level) || 1)))} `);
    state.renderInline(node, false);
    state.closeBlock(node);
  },
  blockquote(state, node) {
    state.wrapBlock("> ", null, node, () => state.renderContent(node));
  },
  codeBlock(state, node) {
    const runs = node.textContent.match(/`{3,}/g) ?? [];
    const fence = "`".repeat(Math.max(2, ...runs.map((run) => run.length)) + 1);
    const language = typeof node.attrs.language === "string" ? node.attrs.language.replace(/[`\s]/g, "") : "";
    state.write(`${fence}${language}\n`);
    state.text(node.textContent, false);
    // Always a line break before the closing fence: a last line of "" (content ending in a line break) survives.
    state.write("\n");
    state.write(fence);
    state.closeBlock(node);
  },
  horizontalRule(state, node) {
    state.write("---");
    state.closeBlock(node);
  },
  bulletList(state, node, parent, index) {
    const marker = listMarker(node, parent, index, ["-", "*"]);
    state.renderList(node, "  ", () => `${marker} `);
  },
  orderedList(state, node, parent, index) {
    const delimiter = listMarker(node, parent, index, [".", ")"]);
    const start = Number.isInteger(node.attrs.start) && Number(node.attrs.start) >= 0 ? Number(node.attrs.start) : 1;
    // Only a list starting at 1 may interrupt a paragraph: in a tight list item, a blank line first.
    if (start !== 1 && index > 0 && parent.child(index - 1).type.name === "paragraph") state.write();
    const width = String(start + node.childCount - 1).length;
    state.renderList(node, " ".repeat(width + 2), (item) => `${String(start + item).padStart(width)}${delimiter} `);
  },
  listItem(state, node) {
    state.renderContent(node);
  },
  hardBreak(state, node, parent, index) {
    // A heading is one line in Markdown; a break at the end of a block has nothing to break.
    if (parent.type.name === "heading") return state.write(" ");
    for (let next = index + 1; next < parent.childCount; next++) {
      if (parent.child(next).type !== node.type) return state.write("\\\n");
    }
  },
  text: writeText,
};

const marks: ConstructorParameters<typeof MarkdownSerializer>[1] = {
  bold: { open: "**", close: "**", mixable: true, expelEnclosingWhitespace: true },
  italic: { open: "*", close: "*", mixable: true, expelEnclosingWhitespace: true },
  strike: { open: "~~", close: "~~", mixable: true, expelEnclosingWhitespace: true },
  // Markdown has no underline: the text stays, plain.
  underline: { open: "", close: "", mixable: true },
  link: {
    open: "[",
    close: (_state, mark) => {
      const title = typeof mark.attrs.title === "string" && mark.attrs.title ? ` "${mark.attrs.title.replace(/["\\]/g, "\\$&")}"` : "";
      return `](${linkDestination(String(mark.attrs.href ?? ""))}${title})`;
    },
    mixable: true,
  },
  code: {
    open: (_state, _mark, parent, index) => codeDelimiter(parent.child(index), "open"),
    close: (_state, _mark, parent, index) => codeDelimiter(parent.child(index - 1), "close"),
    escape: false,
  },
};

const serializers = {
  text: new MarkdownSerializer(nodes, marks, { escapeExtraCharacters: EXTRA_ESCAPES, hardBreakNodeName: "hardBreak" }),
  slides: new MarkdownSerializer(nodes, marks, { escapeExtraCharacters: EXTRA_ESCAPES_SLIDES, hardBreakNodeName: "hardBreak" }),
};

/**
 * The JSON made safe for the serializer: code text carries no other mark (the schema's code mark
 * excludes them, and Markdown cannot nest them) and no line break; marked text that starts a line
 * gives its indentation to an unmarked node, where it is escaped.
 */
function prepare(node: PmNode): PmNode {
  if (!node.content) return node;
  const content: PmNode[] = [];
  node.content.forEach((child, index) => {
    const startsLine = index === 0 || node.content![index - 1]!.type === "hardBreak";
    if (child.type === "text" && child.marks?.some((mark) => mark.type === "code")) {
      content.push({ ...child, text: (child.text ?? "").replace(/\n/g, " "), marks: [{ type: "code" }] });
    } else if (child.type === "text" && child.marks?.some((mark) => EMPHASIS.has(mark.type)) && startsLine && /^\s+\S/.test(child.text ?? "")) {
      const indent = /^\s+/.exec(child.text!)![0];
      const marks = child.marks.filter((mark) => !EMPHASIS.has(mark.type));
      content.push({ type: "text", text: indent, ...(marks.length ? { marks } : {}) }, { ...child, text: child.text!.slice(indent.length) });
    } else content.push(prepare(child));
  });
  return { ...node, content };
}

/** Text of every block, as plain paragraphs: for content the editor's schema does not know. */
function plainParagraphs(doc: PmNode): Node {
  const blocks: string[] = [];
  const walk = (node: PmNode): string => node.text ?? (node.content ?? []).map(walk).join(node.type === "paragraph" || node.type === "heading" ? "" : " ");
  for (const block of doc.content ?? []) {
    const text = walk(block).trim();
    if (text) blocks.push(text);
  }
  const schema = draftSchema();
  return schema.node("doc", null, blocks.length ? blocks.map((text) => schema.node("paragraph", null, [schema.text(text)])) : [schema.node("paragraph")]);
}

function toNode(doc: PmNode): Node {
  try {
    return draftSchema().nodeFromJSON(prepare(doc));
  } catch {
    return plainParagraphs(doc);
  }
}

/**
 * Top-level blocks in chunks, serialized one chunk at a time: the serializer appends to one string and
 * reads its last character after each write, which copies the whole string, so one pass over a long
 * draft is quadratic (2.7 s for 860,000 characters). A chunk never starts with a list, so lists that
 * follow each other are in one chunk and still get their alternating markers.
 */
const BLOCKS_PER_CHUNK = 32;

function chunks(doc: Node): Node[][] {
  const result: Node[][] = [[]];
  doc.forEach((block) => {
    const current = result.at(-1)!;
    const isList = block.type.name === "bulletList" || block.type.name === "orderedList";
    if (current.length >= BLOCKS_PER_CHUNK && !isList) result.push([block]);
    else current.push(block);
  });
  return result;
}

export function draftToMarkdown(doc: PmNode, options: MarkdownOptions = {}): string {
  const serializer = serializers[options.escapeDollars ? "slides" : "text"];
  const node = toNode(doc);
  const parts = chunks(node)
    .map((blocks) => serializer.serialize(node.copy(Fragment.fromArray(blocks)), { tightLists: true }).replace(/^\n+/, "").replace(/[ \t\n]+$/, ""))
    .filter(Boolean);
  return `${parts.join("\n\n")}\n`;
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
