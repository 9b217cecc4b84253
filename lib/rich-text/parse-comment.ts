// Parses a comment body (plain text with a tiny Markdown-like subset) into a small AST.
//
// Supported:
//   - paragraphs, separated by blank lines; a single newline inside a paragraph is a line break
//   - **strong**, *emphasis* and _emphasis_ (CommonMark's flanking rules, so snake_case and 2 * 3
//     stay literal), nestable with each other and with links
//   - `code` (any run of backticks, closed by a run of the same length; nothing is parsed inside)
//   - [label](url) and bare http(s):// URLs; only http:, https: and mailto: URLs become links
//   - @handle mentions ([a-z0-9._-]{1,64}, case-insensitive, not preceded by a word character)
//   - a backslash before ASCII punctuation makes it literal (\*not emphasis\*)
// Anything unclosed or invalid stays literal text. Nothing here ever produces HTML: renderers must
// turn the AST into elements (see components/annotations/comment-body.tsx).
//
// The parser is a single left-to-right scan plus CommonMark's delimiter-stack algorithm for
// emphasis and brackets (with the "openers bottom" optimisation), so its running time is linear
// in practice, even for inputs such as "*".repeat(10_000) or "[".repeat(5_000) + "](". No regular
// expression is ever run over more than one character or one already-delimited candidate.

import { MAX_URL_LENGTH, toSafeHref } from "./safe-url.ts";

export interface TextNode {
  type: "text";
  value: string;
}
export interface BreakNode {
  type: "break";
}
export interface StrongNode {
  type: "strong";
  children: InlineNode[];
}
export interface EmphasisNode {
  type: "emphasis";
  children: InlineNode[];
}
export interface CodeNode {
  type: "code";
  value: string;
}
export interface LinkNode {
  type: "link";
  /** Normalised, checked URL: always http:, https: or mailto:. */
  href: string;
  children: InlineNode[];
}
export interface MentionNode {
  type: "mention";
  /** Lowercased handle without the "@". */
  handle: string;
  /** The mention as written, including the "@" (case preserved). */
  text: string;
}
export type InlineNode = TextNode | BreakNode | StrongNode | EmphasisNode | CodeNode | LinkNode | MentionNode;

export interface ParagraphNode {
  type: "paragraph";
  children: InlineNode[];
}
export type CommentNode = ParagraphNode;

/** Longest handle a mention may have. */
export const MAX_HANDLE_LENGTH = 64;

/**
 * How deeply strong/emphasis may nest (a link adds one more level). Deeper markers stay literal
 * text, so a hostile comment cannot build a tree deep enough to overflow the stack of a renderer.
 */
export const MAX_NESTING_DEPTH = 32;

/** Parses a comment body into paragraphs of inline nodes. Never throws. */
export function parseCommentBody(body: string): CommentNode[] {
  const paragraphs: CommentNode[] = [];
  for (const text of splitParagraphs(body)) {
    const children = new InlineParser(text).parse();
    if (children.length > 0) paragraphs.push({ type: "paragraph", children });
  }
  return paragraphs;
}

/** Splits on blank lines (lines holding only whitespace); each paragraph is trimmed. */
function splitParagraphs(body: string): string[] {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.trim() === "") {
      if (current.length > 0) paragraphs.push(current.join("\n").trim());
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) paragraphs.push(current.join("\n").trim());
  return paragraphs.filter((paragraph) => paragraph.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Character classes (each regular expression is only ever tested against a single character).

const WHITESPACE = /^\s$/u;
const PUNCTUATION = /^[\p{P}\p{S}]$/u;
const WORD = /^[\p{L}\p{N}\p{M}_]$/u;
const ASCII_PUNCTUATION = new Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
const MAX_LINK_PAREN_DEPTH = 32;

function isHandleChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    c === "." ||
    c === "_" ||
    c === "-"
  );
}

/** A bare URL ends at whitespace, control characters and characters that never appear unencoded in one. */
function isUrlStop(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code <= 0x20 || code === 0x7f) return true;
  return c === "<" || c === ">" || c === '"' || c === "`" || c === "[" || c === "]" || WHITESPACE.test(c);
}

/** The (possibly astral) character that ends just before `index`, or "" at the start. */
function charBefore(text: string, index: number): string {
  if (index <= 0) return "";
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(index - 2, index);
  }
  return text.charAt(index - 1);
}

/** The (possibly astral) character starting at `index`, or "" at the end. */
function charAt(text: string, index: number): string {
  const codePoint = text.codePointAt(index);
  return codePoint === undefined ? "" : String.fromCodePoint(codePoint);
}

// ---------------------------------------------------------------------------------------------
// A doubly linked list of inline nodes, so delimiters can be turned into emphasis in place.

interface Entry {
  node: InlineNode;
  prev: Entry | null;
  next: Entry | null;
}

class EntryList {
  head: Entry | null = null;
  tail: Entry | null = null;

  append(node: InlineNode): Entry {
    const entry: Entry = { node, prev: this.tail, next: null };
    if (this.tail) this.tail.next = entry;
    else this.head = entry;
    this.tail = entry;
    return entry;
  }

  insertAfter(ref: Entry, node: InlineNode): Entry {
    const entry: Entry = { node, prev: ref, next: ref.next };
    if (ref.next) ref.next.prev = entry;
    else this.tail = entry;
    ref.next = entry;
    return entry;
  }

  insertBefore(ref: Entry, node: InlineNode): Entry {
    const entry: Entry = { node, prev: ref.prev, next: ref };
    if (ref.prev) ref.prev.next = entry;
    else this.head = entry;
    ref.prev = entry;
    return entry;
  }

  remove(entry: Entry): void {
    if (entry.prev) entry.prev.next = entry.next;
    else this.head = entry.next;
    if (entry.next) entry.next.prev = entry.prev;
    else this.tail = entry.prev;
    entry.prev = entry.next = null;
  }

  /** Unlinks and returns the nodes strictly between `after` and `before` (null: the list's ends). */
  takeBetween(after: Entry | null, before: Entry | null): InlineNode[] {
    const nodes: InlineNode[] = [];
    let entry = after ? after.next : this.head;
    while (entry && entry !== before) {
      const next: Entry | null = entry.next;
      pushMerged(nodes, entry.node);
      this.remove(entry);
      entry = next;
    }
    return nodes;
  }
}

/** Appends a node, merging adjacent text and dropping empty text. */
function pushMerged(nodes: InlineNode[], node: InlineNode): void {
  if (node.type === "text") {
    if (node.value === "") return;
    const last = nodes[nodes.length - 1];
    if (last && last.type === "text") {
      nodes[nodes.length - 1] = { type: "text", value: last.value + node.value };
      return;
    }
  }
  nodes.push(node);
}

// ---------------------------------------------------------------------------------------------
// The inline parser.

interface Delimiter {
  entry: Entry;
  char: "*" | "_";
  count: number;
  readonly originalCount: number;
  readonly canOpen: boolean;
  readonly canClose: boolean;
  prev: Delimiter | null;
  next: Delimiter | null;
}

interface Bracket {
  entry: Entry;
  /** The delimiter that was on top of the stack when the bracket opened. */
  previousDelimiter: Delimiter | null;
}

/** Where each run of backticks starts, by run length, so finding a code span's closer is amortised O(1). */
class BacktickRuns {
  private readonly runs = new Map<number, { starts: number[]; cursor: number }>();

  constructor(text: string) {
    for (let i = 0; i < text.length; ) {
      if (text[i] !== "`") {
        i++;
        continue;
      }
      const start = i;
      while (text[i] === "`") i++;
      const length = i - start;
      let bucket = this.runs.get(length);
      if (!bucket) this.runs.set(length, (bucket = { starts: [], cursor: 0 }));
      bucket.starts.push(start);
    }
  }

  /** The start of the first run of exactly `length` backticks starting at or after `from` (calls must not go backwards). */
  find(length: number, from: number): number {
    const bucket = this.runs.get(length);
    if (!bucket) return -1;
    while (bucket.cursor < bucket.starts.length && bucket.starts[bucket.cursor]! < from) bucket.cursor++;
    return bucket.cursor < bucket.starts.length ? bucket.starts[bucket.cursor]! : -1;
  }
}

class InlineParser {
  private readonly list = new EntryList();
  private readonly brackets: Bracket[] = [];
  /** Brackets below this index in `brackets` are inactive (a link cannot contain a link). */
  private activeBracketFloor = 0;
  private topDelimiter: Delimiter | null = null;
  private pending = "";
  private readonly backticks: BacktickRuns;
  /** Nesting depth of each container node built so far (absent: 0). */
  private readonly depths = new Map<InlineNode, number>();

  constructor(private readonly text: string) {
    this.backticks = new BacktickRuns(text);
  }

  parse(): InlineNode[] {
    const { text } = this;
    let i = 0;
    while (i < text.length) {
      const c = text[i]!;
      switch (c) {
        case "\n":
          this.pushNode({ type: "break" });
          i++;
          break;
        case "\\":
          if (i + 1 < text.length && ASCII_PUNCTUATION.has(text[i + 1]!)) {
            this.pending += text[i + 1];
            i += 2;
          } else {
            this.pending += c;
            i++;
          }
          break;
        case "`":
          i = this.codeSpan(i);
          break;
        case "*":
        case "_":
          i = this.delimiterRun(i, c);
          break;
        case "[":
          this.brackets.push({ entry: this.pushNode({ type: "text", value: "[" }), previousDelimiter: this.topDelimiter });
          i++;
          break;
        case "]":
          i = this.closeBracket(i);
          break;
        case "@":
          i = this.mention(i);
          break;
        case "h":
        case "H":
          i = this.bareUrl(i);
          break;
        default:
          this.pending += c;
          i++;
      }
    }
    this.processEmphasis(null);
    this.flush();
    return this.list.takeBetween(null, null);
  }

  private flush(): void {
    if (this.pending !== "") {
      this.list.append({ type: "text", value: this.pending });
      this.pending = "";
    }
  }

  private pushNode(node: InlineNode): Entry {
    this.flush();
    return this.list.append(node);
  }

  private codeSpan(start: number): number {
    const { text } = this;
    let end = start;
    while (text[end] === "`") end++;
    const length = end - start;
    const closer = this.backticks.find(length, end);
    if (closer < 0) {
      this.pending += text.slice(start, end);
      return end;
    }
    let value = text.slice(end, closer).replace(/\n/g, " ");
    if (value.length >= 2 && value.startsWith(" ") && value.endsWith(" ") && value.trim() !== "") value = value.slice(1, -1);
    this.pushNode({ type: "code", value });
    return closer + length;
  }

  private delimiterRun(start: number, char: "*" | "_"): number {
    const { text } = this;
    let end = start;
    while (text[end] === char) end++;
    const before = charBefore(text, start);
    const after = charAt(text, end);
    const beforeIsSpace = before === "" || WHITESPACE.test(before);
    const afterIsSpace = after === "" || WHITESPACE.test(after);
    const beforeIsPunct = before !== "" && PUNCTUATION.test(before);
    const afterIsPunct = after !== "" && PUNCTUATION.test(after);
    const leftFlanking = !afterIsSpace && (!afterIsPunct || beforeIsSpace || beforeIsPunct);
    const rightFlanking = !beforeIsSpace && (!beforeIsPunct || afterIsSpace || afterIsPunct);
    const canOpen = char === "*" ? leftFlanking : leftFlanking && (!rightFlanking || beforeIsPunct);
    const canClose = char === "*" ? rightFlanking : rightFlanking && (!leftFlanking || afterIsPunct);
    const run = text.slice(start, end);
    if (!canOpen && !canClose) {
      this.pending += run;
      return end;
    }
    const entry = this.pushNode({ type: "text", value: run });
    const delimiter: Delimiter = {
      entry,
      char,
      count: run.length,
      originalCount: run.length,
      canOpen,
      canClose,
      prev: this.topDelimiter,
      next: null,
    };
    if (this.topDelimiter) this.topDelimiter.next = delimiter;
    this.topDelimiter = delimiter;
    return end;
  }

  private closeBracket(index: number): number {
    const opener = this.brackets[this.brackets.length - 1];
    if (!opener || this.brackets.length - 1 < this.activeBracketFloor) {
      if (opener) this.popBracket();
      this.pending += "]";
      return index + 1;
    }
    const destination = this.text[index + 1] === "(" ? this.linkDestination(index + 2) : null;
    const href = destination ? toSafeHref(destination.raw) : null;
    if (!destination || !href) {
      this.popBracket();
      this.pending += "]";
      return index + 1;
    }
    this.flush();
    this.processEmphasis(opener.previousDelimiter);
    const label = this.list.takeBetween(opener.entry, null);
    this.list.remove(opener.entry);
    const depth = 1 + label.reduce((deepest, child) => Math.max(deepest, this.depths.get(child) ?? 0), 0);
    const children = mergeTexts(label.flatMap(unlinkForLabel));
    const node: LinkNode = { type: "link", href, children: children.length > 0 ? children : [{ type: "text", value: destination.raw }] };
    this.depths.set(node, depth);
    this.list.append(node);
    this.popBracket();
    this.activeBracketFloor = this.brackets.length; // every bracket still open is now inactive
    return destination.end;
  }

  private popBracket(): void {
    this.brackets.pop();
    this.activeBracketFloor = Math.min(this.activeBracketFloor, this.brackets.length);
  }

  /** Reads "url)" starting at `start`: no whitespace, balanced parentheses. */
  private linkDestination(start: number): { raw: string; end: number } | null {
    const { text } = this;
    const limit = Math.min(text.length, start + MAX_URL_LENGTH + 1);
    let depth = 0;
    for (let j = start; j < limit; j++) {
      const c = text[j]!;
      const code = c.charCodeAt(0);
      if (c === "(") {
        if (++depth > MAX_LINK_PAREN_DEPTH) return null;
      } else if (c === ")") {
        if (depth === 0) return { raw: text.slice(start, j), end: j + 1 };
        depth--;
      } else if (code <= 0x20 || code === 0x7f || WHITESPACE.test(c)) {
        return null;
      }
    }
    return null;
  }

  private mention(start: number): number {
    const { text } = this;
    if (WORD.test(charBefore(text, start))) {
      this.pending += "@";
      return start + 1;
    }
    let end = start + 1;
    while (isHandleChar(text[end])) end++;
    const following = charAt(text, end);
    let handleEnd = end;
    while (handleEnd > start + 1 && text[handleEnd - 1] === ".") handleEnd--; // "thanks @ana." ends a sentence
    const length = handleEnd - start - 1;
    if (length < 1 || length > MAX_HANDLE_LENGTH || following === "@" || WORD.test(following)) {
      this.pending += "@";
      return start + 1;
    }
    const written = text.slice(start, handleEnd);
    this.pushNode({ type: "mention", handle: written.slice(1).toLowerCase(), text: written });
    return handleEnd;
  }

  private bareUrl(start: number): number {
    const { text } = this;
    const head = text.slice(start, start + 8).toLowerCase();
    if (!(head.startsWith("http://") || head === "https://") || WORD.test(charBefore(text, start))) {
      this.pending += text[start];
      return start + 1;
    }
    let end = start;
    let opens = 0;
    let closes = 0;
    while (end < text.length && !isUrlStop(text[end]!)) {
      if (text[end] === "(") opens++;
      else if (text[end] === ")") closes++;
      end++;
    }
    const candidateEnd = end;
    // Trailing punctuation belongs to the sentence, not the URL (but keep a balanced closing paren).
    while (end > start) {
      const last = text[end - 1]!;
      if (".,;:!?'*_~".includes(last)) end--;
      else if (last === ")" && closes > opens) {
        closes--;
        end--;
      } else break;
    }
    const raw = text.slice(start, end);
    const href = toSafeHref(raw);
    if (!href) {
      // Not a URL we link: the whole candidate stays literal (and is not rescanned).
      this.pending += text.slice(start, candidateEnd);
      return candidateEnd;
    }
    this.pushNode({ type: "link", href, children: [{ type: "text", value: raw }] });
    return end;
  }

  /** CommonMark's "process emphasis": matches the delimiters above `bottom`, then removes them. */
  private processEmphasis(bottom: Delimiter | null): void {
    const openersBottom = new Map<string, Delimiter | null>();
    let closer: Delimiter | null = this.topDelimiter;
    if (closer === bottom) closer = null;
    while (closer && closer.prev !== bottom) closer = closer.prev;

    while (closer) {
      if (!closer.canClose) {
        closer = closer.next;
        continue;
      }
      const key = `${closer.char}${closer.canOpen ? 1 : 0}${closer.originalCount % 3}`;
      const floor = openersBottom.has(key) ? openersBottom.get(key)! : bottom;
      let opener: Delimiter | null = closer.prev;
      let found = false;
      while (opener && opener !== bottom && opener !== floor) {
        if (opener.char === closer.char && opener.canOpen) {
          const oddMatch =
            (closer.canOpen || opener.canClose) && closer.originalCount % 3 !== 0 && (opener.originalCount + closer.originalCount) % 3 === 0;
          if (!oddMatch) {
            found = true;
            break;
          }
        }
        opener = opener.prev;
      }

      if (found && opener) {
        const use = closer.count >= 2 && opener.count >= 2 ? 2 : 1;
        opener.count -= use;
        closer.count -= use;
        (opener.entry.node as TextNode).value = opener.char.repeat(opener.count);
        (closer.entry.node as TextNode).value = closer.char.repeat(closer.count);
        let innerDepth = 0;
        for (let entry = opener.entry.next; entry && entry !== closer.entry; entry = entry.next) {
          innerDepth = Math.max(innerDepth, this.depths.get(entry.node) ?? 0);
        }
        if (innerDepth >= MAX_NESTING_DEPTH) {
          // Too deep: the markers stay where they are, as literal text.
          const marker = opener.char.repeat(use);
          this.list.insertAfter(opener.entry, { type: "text", value: marker });
          this.list.insertBefore(closer.entry, { type: "text", value: marker });
        } else {
          const children = this.list.takeBetween(opener.entry, closer.entry);
          const node: InlineNode = use === 2 ? { type: "strong", children } : { type: "emphasis", children };
          this.depths.set(node, innerDepth + 1);
          this.list.insertAfter(opener.entry, node);
        }
        // Delimiters between the two can no longer match anything.
        while (closer.prev && closer.prev !== opener) this.removeDelimiter(closer.prev);
        if (opener.count === 0) {
          this.list.remove(opener.entry);
          this.removeDelimiter(opener);
        }
        if (closer.count === 0) {
          const next: Delimiter | null = closer.next;
          this.list.remove(closer.entry);
          this.removeDelimiter(closer);
          closer = next;
        }
      } else {
        const unmatched: Delimiter = closer;
        closer = closer.next;
        openersBottom.set(key, unmatched.prev);
        if (!unmatched.canOpen) this.removeDelimiter(unmatched);
      }
    }

    while (this.topDelimiter && this.topDelimiter !== bottom) this.removeDelimiter(this.topDelimiter);
  }

  private removeDelimiter(delimiter: Delimiter): void {
    if (delimiter.prev) delimiter.prev.next = delimiter.next;
    if (delimiter.next) delimiter.next.prev = delimiter.prev;
    else this.topDelimiter = delimiter.prev;
    delimiter.prev = delimiter.next = null;
  }
}

/** Inside a link label, bare URLs and mentions are just text (no links or mentions inside links). */
function unlinkForLabel(node: InlineNode): InlineNode[] {
  switch (node.type) {
    case "link":
      return node.children.flatMap(unlinkForLabel);
    case "mention":
      return [{ type: "text", value: node.text }];
    case "strong":
    case "emphasis":
      return [{ ...node, children: mergeTexts(node.children.flatMap(unlinkForLabel)) }];
    default:
      return [node];
  }
}

function mergeTexts(nodes: InlineNode[]): InlineNode[] {
  const merged: InlineNode[] = [];
  for (const node of nodes) pushMerged(merged, node);
  return merged;
}
