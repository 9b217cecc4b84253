import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { DRAFT_FRAGMENT, draftSchema } from "@/lib/drafts/editor-schema";
import { decodeAnchor, encodeAnchor, encodeRange, resolveRange, type AnchorContext } from "./anchors";

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const DRAFT = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Title" }] },
    paragraph("Alpha beta gamma."),
    { type: "bulletList", content: [{ type: "listItem", content: [paragraph("One item")] }] },
  ],
};

function setup(json: unknown = DRAFT) {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(DRAFT_FRAGMENT);
  prosemirrorJSONToYXmlFragment(draftSchema(), json, fragment);
  return { doc, fragment };
}

/** What the editor would show now: a fresh ProseMirror doc and mapping, like y-tiptap's binding. */
function view(doc: Y.Doc, fragment: Y.XmlFragment) {
  const { doc: pm, mapping } = initProseMirrorDoc(fragment, draftSchema());
  const context: AnchorContext = { doc, fragment, mapping };
  return { pm, context };
}

function findRange(pm: ReturnType<typeof view>["pm"], text: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null;
  pm.descendants((node, pos) => {
    if (found || !node.isText) return;
    const index = node.text!.indexOf(text);
    if (index >= 0) found = { from: pos + index, to: pos + index + text.length };
  });
  if (!found) throw new Error(`not found: ${text}`);
  return found;
}

/** The first Y.XmlText under the fragment whose content includes `text`. */
function yText(fragment: Y.XmlFragment, text: string): Y.XmlText {
  for (const node of fragment.createTreeWalker(() => true)) if (node instanceof Y.XmlText && node.toString().includes(text)) return node;
  throw new Error(`no text ${text}`);
}

describe("encodeAnchor / decodeAnchor", () => {
  it.each([
    ["the title's first character (position 1)", "Title"],
    ["a word mid-paragraph", "beta"],
    ["a passage in a list item", "item"],
    ["the end of a paragraph", "gamma."],
  ])("round-trips %s", (_name, text) => {
    const { doc, fragment } = setup();
    const { pm, context } = view(doc, fragment);
    const range = findRange(pm, text);
    const encoded = encodeRange(context, range)!;
    expect(resolveRange(context, encoded.anchorFrom, encoded.anchorTo, pm.content.size)).toEqual(range);
    expect(pm.textBetween(range.from, range.to)).toBe(text);
  });

  it.each([
    ["garbage", "not base64 at all!"],
    ["empty", ""],
    ["random bytes", "AAECAwQF"],
  ])("returns null for %s", (_name, encoded) => {
    const { doc, fragment } = setup();
    const { context } = view(doc, fragment);
    expect(decodeAnchor(context, encoded)).toBeNull();
  });

  it("refuses empty and inverted selections", () => {
    const { doc, fragment } = setup();
    const { context } = view(doc, fragment);
    expect(encodeRange(context, { from: 5, to: 5 })).toBeNull();
    expect(encodeRange(context, { from: 6, to: 5 })).toBeNull();
  });
});

describe("resolveRange follows edits", () => {
  const cases: Array<{ name: string; edit: (fragment: Y.XmlFragment) => void; expected: string | null }> = [
    { name: "text inserted before the passage", edit: (f) => yText(f, "Alpha").insert(0, "Oh, "), expected: "beta" },
    { name: "text inserted after the passage", edit: (f) => yText(f, "Alpha").insert(17, " Delta."), expected: "beta" },
    { name: "a paragraph inserted above", edit: (f) => f.insert(0, [new Y.XmlElement("paragraph")]), expected: "beta" },
    { name: "text inserted inside the passage", edit: (f) => yText(f, "Alpha").insert(8, "-ish"), expected: "be-ishta" },
    { name: "text typed right before the passage", edit: (f) => yText(f, "Alpha").insert(6, "very "), expected: "beta" },
    { name: "text typed right after the passage", edit: (f) => yText(f, "Alpha").insert(10, "-blocker"), expected: "beta" },
    { name: "the passage's text deleted", edit: (f) => yText(f, "Alpha").delete(6, 4), expected: null },
    { name: "the whole paragraph deleted", edit: (f) => f.delete(1, 1), expected: null },
  ];

  it.each(cases)("$name", ({ edit, expected }) => {
    const { doc, fragment } = setup();
    const before = view(doc, fragment);
    const encoded = encodeRange(before.context, findRange(before.pm, "beta"))!;

    // The edit happens on another client; only the update travels, as through the server.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    other.on("update", (update: Uint8Array) => Y.applyUpdate(doc, update));
    edit(other.getXmlFragment(DRAFT_FRAGMENT));

    const after = view(doc, fragment);
    const range = resolveRange(after.context, encoded.anchorFrom, encoded.anchorTo, after.pm.content.size);
    expect(range === null ? null : after.pm.textBetween(range.from, range.to)).toBe(expected);
  });

  it("keeps the first-character anchor after text is typed in front of it", () => {
    const { doc, fragment } = setup();
    const before = view(doc, fragment);
    const encoded = encodeRange(before.context, findRange(before.pm, "Title"))!;
    yText(fragment, "Title").insert(0, "The ");
    const after = view(doc, fragment);
    const range = resolveRange(after.context, encoded.anchorFrom, encoded.anchorTo, after.pm.content.size);
    expect(range && after.pm.textBetween(range.from, range.to)).toBe("Title");
  });

  it("encodes the same spot the same way on every client", () => {
    const { doc, fragment } = setup();
    const { pm, context } = view(doc, fragment);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const otherView = view(other, other.getXmlFragment(DRAFT_FRAGMENT));
    const range = findRange(pm, "gamma");
    for (const stick of ["left", "right"] as const) expect(encodeAnchor(otherView.context, range.from, stick)).toBe(encodeAnchor(context, range.from, stick));
  });
});
