// What may enter a draft, judged from what one update did (see shadow-guard.ts) and never by rebuilding
// the ProseMirror document: each added element is a known node with allowed, typed attributes; each
// added text run holds text and known marks (links only to safe places); and every element whose
// children changed still matches its node's content expression. A draft's character count is kept up
// to date from the same transactions.
import type { NodeType, Schema } from "@tiptap/pm/model";
import * as Y from "yjs";
import { DRAFT_FRAGMENT, draftSchema, isAllowedLink } from "../../drafts/editor-schema.ts";
import type { AppliedUpdate, Inspector, SharedType } from "./shadow-guard.ts";
import { isPlainObject, nullable, safeInteger, string, type ValueCheck } from "./values.ts";

export const MAX_DRAFT_CHARACTERS = 500_000;
const MAX_ATTRIBUTES = 8;

/** Typed attributes per node; a node not listed takes none. */
const NODE_ATTRIBUTES: Record<string, Record<string, ValueCheck>> = {
  heading: { level: safeInteger({ min: 1, max: 3 }) },
  codeBlock: { language: nullable(string({ max: 40, pattern: /^[A-Za-z0-9_+#.-]*$/ })) },
  orderedList: { start: safeInteger({ min: 0, max: 1_000_000 }), type: nullable(string({ max: 8, pattern: /^[1aAiI]$/ })) },
};

const optionalText = (max: number) => nullable(string({ max }));
const href: ValueCheck = (value) => string({ min: 1, max: 2048 })(value) ?? (isAllowedLink(value as string) ? null : "must start with http://, https:// or mailto:");

/** Typed attributes per mark (what Tiptap stores as the mark's attrs object). */
const MARK_ATTRIBUTES: Record<string, Record<string, ValueCheck>> = {
  link: { href, target: optionalText(16), rel: optionalText(64), class: optionalText(64), title: optionalText(500) },
};

/** y-prosemirror names overlapping marks `<mark>--<hash>`. */
const markName = (attribute: string) => /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(attribute)?.[1] ?? attribute;

/** Counts the draft's characters once, when its guard is made; transactions keep it current. */
export function countCharacters(doc: Y.Doc): number {
  let total = 0;
  const visit = (type: SharedType) => {
    for (let item = type._start; item !== null; item = item.right) {
      if (item.deleted) continue;
      if (item.content instanceof Y.ContentString) total += item.length;
      else if (item.content instanceof Y.ContentType) visit(item.content.type);
    }
  };
  visit(doc.getXmlFragment(DRAFT_FRAGMENT));
  return total;
}

export interface DraftCounter {
  characters: number;
}

export function draftInspector(counter: DraftCounter): Inspector {
  const schema = draftSchema();
  return (applied: AppliedUpdate) => {
    const { doc, transaction } = applied;
    const fragment = doc.getXmlFragment(DRAFT_FRAGMENT);
    const childrenChanged = new Set<SharedType>();
    let characters = counter.characters;

    for (const item of applied.added) {
      const parent = item.parent as SharedType;
      if (parent._item === null && parent !== fragment) return `Unknown part "${(Y.findRootTypeKey(parent) ?? "?").slice(0, 40)}" in a draft.`;
      if (item.content instanceof Y.ContentDeleted) continue;
      const problem = parent instanceof Y.XmlText ? checkTextItem(item, parent, schema) : checkChildItem(item, parent, schema, childrenChanged);
      if (problem) return problem;
      if (item.content instanceof Y.ContentString && !item.deleted) characters += item.length;
    }
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
      const isNew = struct.id.clock >= (transaction.beforeState.get(struct.id.client) ?? 0);
      if (!isNew && struct instanceof Y.Item && struct.content instanceof Y.ContentString) characters -= struct.length;
    });
    for (const [type, keys] of transaction.changed) {
      if (type._item === null && (type as SharedType) !== fragment) return `Unknown part "${(Y.findRootTypeKey(type) ?? "?").slice(0, 40)}" in a draft.`;
      if (keys.has(null) && !(type instanceof Y.XmlText)) childrenChanged.add(type);
      if (type instanceof Y.XmlText && [...keys].some((key) => key !== null)) return "Text runs take no attributes.";
    }
    for (const parent of childrenChanged) {
      const problem = checkContentExpression(parent, fragment, schema);
      if (problem) return problem;
    }
    if (characters > MAX_DRAFT_CHARACTERS) return `A draft can be at most ${MAX_DRAFT_CHARACTERS.toLocaleString("en-US")} characters.`;
    counter.characters = characters;
    return null;
  };
}

function nodeTypeOf(type: SharedType, fragment: Y.XmlFragment, schema: Schema): NodeType | null {
  if (type === fragment) return schema.topNodeType;
  if (type instanceof Y.XmlElement) {
    const node = schema.nodes[type.nodeName];
    return node && node !== schema.topNodeType && node.name !== "text" ? node : null;
  }
  return null;
}

/** An added child of the fragment or of an element: an element of a known node, a text run, or an attribute. */
function checkChildItem(item: Y.Item, parent: SharedType, schema: Schema, childrenChanged: Set<SharedType>): string | null {
  if (!(parent instanceof Y.XmlElement || parent instanceof Y.XmlFragment)) return "Unknown content in a draft.";
  if (item.parentSub !== null) {
    if (!(parent instanceof Y.XmlElement)) return "The draft itself takes no attributes.";
    const allowed = NODE_ATTRIBUTES[parent.nodeName] ?? {};
    const check = allowed[item.parentSub];
    if (!check) return `A ${parent.nodeName} has no "${item.parentSub.slice(0, 40)}" setting.`;
    if (!(item.content instanceof Y.ContentAny) || item.content.arr.length !== 1) return `A ${parent.nodeName}'s ${item.parentSub} must be one plain value.`;
    const problem = check(item.content.arr[0]);
    if (problem) return `A ${parent.nodeName}'s ${item.parentSub} ${problem}.`;
    if (parent._map.size > MAX_ATTRIBUTES) return "Too many settings on one block.";
    return null;
  }
  childrenChanged.add(parent);
  if (!(item.content instanceof Y.ContentType)) return "Only blocks and text belong in a draft.";
  const child = item.content.type;
  if (child instanceof Y.XmlText) return null;
  if (!(child instanceof Y.XmlElement) || child instanceof Y.XmlHook) return "Unknown content in a draft.";
  const node = schema.nodes[child.nodeName];
  if (!node || node === schema.topNodeType || node.name === "text") return `Unknown block "${child.nodeName.slice(0, 40)}".`;
  // The new element's own children and attributes are added items too, and are checked as such;
  // its content expression is checked because it is a parent whose children changed (it may have none).
  childrenChanged.add(child);
  return null;
}

/** An added piece of a text run: text, or a mark boundary with the mark's attributes. */
function checkTextItem(item: Y.Item, text: Y.XmlText, schema: Schema): string | null {
  if (item.parentSub !== null) return "Text runs take no attributes.";
  if (item.content instanceof Y.ContentString) return null;
  if (!(item.content instanceof Y.ContentFormat)) return "Only text belongs inside a paragraph.";
  const name = markName(item.content.key);
  const mark = schema.marks[name];
  if (!mark) return `Unknown formatting "${name.slice(0, 40)}".`;
  const value = item.content.value as unknown;
  if (value === null) return null;
  if (!isPlainObject(value)) return `Formatting "${name}" must carry plain settings.`;
  const allowed = MARK_ATTRIBUTES[name] ?? {};
  for (const [key, attribute] of Object.entries(value)) {
    const check = allowed[key];
    if (!check) return `Formatting "${name}" has no "${key.slice(0, 40)}" setting.`;
    const problem = check(attribute);
    if (problem) return name === "link" && key === "href" ? "Links must start with http://, https:// or mailto:." : `Formatting "${name}"'s ${key} ${problem}.`;
  }
  if (name === "link" && typeof value.href !== "string") return "A link needs an address.";
  const host = text.parent instanceof Y.XmlElement ? schema.nodes[text.parent.nodeName] : null;
  if (host && !host.allowsMarkType(mark)) return `A ${host.name} cannot hold "${name}" formatting.`;
  return null;
}

/** The children of one element (or the fragment), as node types, against its content expression. */
function checkContentExpression(parent: SharedType, fragment: Y.XmlFragment, schema: Schema): string | null {
  if (parent._item?.deleted) return null;
  const node = nodeTypeOf(parent, fragment, schema);
  if (!node) return "Unknown content in a draft.";
  let match = node.contentMatch;
  let count = 0;
  for (let item = parent._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
    const child = item.content.type;
    if (child instanceof Y.XmlText) {
      if (child.length === 0) continue;
      const next = match.matchType(schema.nodes.text!);
      if (!next) return `A ${node.name === "doc" ? "draft" : node.name} cannot hold text directly.`;
      match = next;
    } else if (child instanceof Y.XmlElement) {
      const childType = schema.nodes[child.nodeName];
      const next = childType ? match.matchType(childType) : null;
      if (!next) return `A ${node.name === "doc" ? "draft" : node.name} cannot hold a ${child.nodeName.slice(0, 40)} there.`;
      match = next;
    }
    count++;
  }
  // A draft nobody has started yet (or one being replaced wholesale) may be empty for a moment.
  if (parent === fragment && count === 0) return null;
  if (!match.validEnd) return `A ${node.name === "doc" ? "draft" : node.name} is missing required content.`;
  return null;
}
