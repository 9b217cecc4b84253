// One row per rule of the draft check: each refusal beside its accepted twin. Changes are made with
// the Yjs XML types the way y-prosemirror writes a Tiptap document, and judged by the real guard.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Actor } from "../../policies/index.ts";
import { DRAFT_FRAGMENT } from "../../drafts/editor-schema.ts";
import { draftKind } from "../kinds/draft.ts";
import { countCharacters, draftInspector, MAX_DRAFT_CHARACTERS } from "./draft-check.ts";
import { ShadowGuard } from "./shadow-guard.ts";

const writer: Actor = { id: "lead000001", name: "Lead", email: null, role: "STUDENT", teamId: "team-1" };
const facts = { session: { leadTeamId: "team-1", blogTeamId: "team-5" }, draftKind: "PRESENTATION" as const };

function element(name: string, children: Array<Y.XmlElement | Y.XmlText> = [], attributes: Record<string, unknown> = {}): Y.XmlElement {
  const node = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value as string);
  node.insert(0, children);
  return node;
}

function text(value: string, marks?: Record<string, unknown>): Y.XmlText {
  const run = new Y.XmlText();
  run.insert(0, value, marks as Record<string, string> | undefined);
  return run;
}

const paragraph = (value = "Some words") => element("paragraph", [text(value)]);

/** A draft with a heading and two paragraphs. */
function baseDocument(): Y.Doc {
  const doc = new Y.Doc();
  doc.getXmlFragment(DRAFT_FRAGMENT).insert(0, [element("heading", [text("Title")], { level: 2 }), paragraph("First"), paragraph("Second")]);
  return doc;
}

function judge(change: (fragment: Y.XmlFragment, doc: Y.Doc) => void) {
  const doc = baseDocument();
  const guard = draftKind.createGuard(doc);
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(replica);
  change(replica.getXmlFragment(DRAFT_FRAGMENT), replica);
  const result = guard.check(Y.encodeStateAsUpdate(replica, before), writer, facts);
  guard.destroy();
  return result;
}

const append = (...nodes: Array<Y.XmlElement | Y.XmlText>) => (fragment: Y.XmlFragment) => fragment.insert(fragment.length, nodes);
const firstParagraphText = (fragment: Y.XmlFragment) => (fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText;

type Row = [rule: string, accepted: (fragment: Y.XmlFragment, doc: Y.Doc) => void, refused: (fragment: Y.XmlFragment, doc: Y.Doc) => void, reason: RegExp];

const rows: Row[] = [
  ["blocks are known nodes", append(paragraph()), append(element("script", [text("alert(1)")])), /Unknown block "script"/],
  ["the document node is not a block", append(paragraph()), append(element("doc", [paragraph()])), /Unknown block "doc"/],
  ["a heading's level is 1 to 3", append(element("heading", [text("H")], { level: 3 })), append(element("heading", [text("H")], { level: 9 })), /level is out of range/],
  ["a heading's level is a number", append(element("heading", [text("H")], { level: 1 })), append(element("heading", [text("H")], { level: "1" })), /level must be a whole number/],
  ["blocks take only their own settings", append(element("heading", [text("H")], { level: 1 })), append(element("heading", [text("H")], { level: 1, style: "color:red" })), /no "style" setting/],
  ["a paragraph takes no settings", append(paragraph()), append(element("paragraph", [text("P")], { onclick: "alert(1)" })), /no "onclick" setting/],
  ["a code block's language is a short word", append(element("codeBlock", [text("x = 1")], { language: "python" })), append(element("codeBlock", [text("x = 1")], { language: '"><script>' })), /language is not well-formed/],
  ["an ordered list starts at a number", append(element("orderedList", [element("listItem", [paragraph()])], { start: 3 })), append(element("orderedList", [element("listItem", [paragraph()])], { start: Number.NaN })), /start must be a whole number/],
  ["links go to safe places", append(element("paragraph", [text("site", { link: { href: "https://example.edu" } })])), append(element("paragraph", [text("site", { link: { href: "javascript:alert(1)" } })])), /Links must start with/],
  ["links carry only link settings", append(element("paragraph", [text("site", { link: { href: "https://example.edu", target: "_blank" } })])), append(element("paragraph", [text("site", { link: { href: "https://example.edu", onmouseover: "x" } })])), /no "onmouseover" setting/],
  ["formatting is a known mark", append(element("paragraph", [text("bold", { bold: {} })])), append(element("paragraph", [text("blink", { blink: {} })])), /Unknown formatting "blink"/],
  ["formatting settings are plain", append(element("paragraph", [text("bold", { bold: {} })])), append(element("paragraph", [text("bold", { bold: [1] })])), /plain settings/],
  ["a code block holds no formatting", append(element("paragraph", [text("bold", { bold: {} })])), append(element("codeBlock", [text("bold", { bold: {} })])), /cannot hold "bold"/],
  ["a paragraph holds inline content only", append(paragraph()), append(element("paragraph", [paragraph()])), /cannot hold a paragraph/],
  ["the draft holds blocks, not bare text", append(paragraph()), append(text("loose words")), /cannot hold text directly/],
  ["a list item starts with a paragraph", append(element("bulletList", [element("listItem", [paragraph()])])), append(element("bulletList", [element("listItem", [])])), /missing required content/],
  ["a list holds list items", append(element("bulletList", [element("listItem", [paragraph()])])), append(element("bulletList", [paragraph()])), /cannot hold a paragraph/],
  ["a horizontal rule is empty", append(element("horizontalRule")), append(element("horizontalRule", [text("x")])), /cannot hold text/],
  ["text runs take no attributes", (fragment) => firstParagraphText(fragment).insert(0, "More "), (fragment) => firstParagraphText(fragment).setAttribute("x", "y"), /no attributes/],
  ["text is text, not embeds", (fragment) => firstParagraphText(fragment).insert(0, "More "), (fragment) => firstParagraphText(fragment).insertEmbed(0, { image: "x" }), /Only text/],
  ["no shared maps inside a draft", append(paragraph()), (fragment) => fragment.insert(fragment.length, [new Y.Map() as never]), /Unknown content|Only blocks/],
  ["no unknown roots", append(paragraph()), (_fragment, doc) => doc.getMap("secrets").set("x", 1), /Unknown part "secrets"/],
  // Formatting existing text makes Yjs clean up formatting in a second transaction of its own.
  ["bold on existing text is a known mark", (fragment) => firstParagraphText(fragment).format(0, 5, { bold: {} }), (fragment) => firstParagraphText(fragment).format(0, 5, { blink: {} }), /Unknown formatting "blink"/],
  [
    "a link on existing text is safe",
    (fragment) => firstParagraphText(fragment).format(0, 5, { link: { href: "https://example.org/paper" } }),
    (fragment) => firstParagraphText(fragment).format(0, 5, { link: { href: "javascript:alert(1)" } }),
    /Links must start with/,
  ],
  [
    "typing into formatted text adds plain text",
    (fragment) => {
      const run = firstParagraphText(fragment);
      run.format(0, 5, { bold: {} });
      run.insert(2, "xx", { bold: {} });
    },
    (fragment) => firstParagraphText(fragment).insert(2, "xx", { blink: {} }),
    /Unknown formatting "blink"/,
  ],
  ["moving a block keeps the draft valid", (fragment) => fragment.delete(2, 1), (fragment) => { const p = fragment.get(1) as Y.XmlElement; p.insert(p.length, [paragraph("nested")]); }, /cannot hold a paragraph/],
];

describe("draft check: each rule refuses, its twin passes", () => {
  it.each(rows)("%s", (_rule, accepted, refused, reason) => {
    expect(judge(accepted)).toMatchObject({ ok: true });
    const result = judge(refused);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toMatch(reason);
  });
});

describe("draft check: size and bookkeeping", () => {
  it("counts characters as they are typed and deleted", () => {
    const doc = baseDocument();
    const counter = { characters: countCharacters(doc) };
    expect(counter.characters).toBe("TitleFirstSecond".length);
    const guard = new ShadowGuard(doc, { maxUpdateBytes: 64 * 1024, maxDocumentBytes: 1 << 30 }, (shadow) => shadow.getXmlFragment(DRAFT_FRAGMENT));
    const inspect = draftInspector(counter);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const send = (change: () => void) => {
      const before = Y.encodeStateVector(replica);
      change();
      return guard.check(Y.encodeStateAsUpdate(replica, before), inspect);
    };
    const run = () => firstParagraphText(replica.getXmlFragment(DRAFT_FRAGMENT));
    expect(send(() => run().insert(5, " words"))).toMatchObject({ ok: true });
    expect(counter.characters).toBe("TitleFirst wordsSecond".length);
    expect(send(() => run().delete(0, 5))).toMatchObject({ ok: true });
    expect(counter.characters).toBe("Title wordsSecond".length);
  });

  it("refuses text past the draft's character limit", () => {
    const doc = baseDocument();
    const counter = { characters: MAX_DRAFT_CHARACTERS - 10 };
    const guard = new ShadowGuard(doc, { maxUpdateBytes: 64 * 1024, maxDocumentBytes: 1 << 30 }, (shadow) => shadow.getXmlFragment(DRAFT_FRAGMENT));
    const inspect = draftInspector(counter);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const send = (value: string) => {
      const before = Y.encodeStateVector(replica);
      firstParagraphText(replica.getXmlFragment(DRAFT_FRAGMENT)).insert(0, value);
      return guard.check(Y.encodeStateAsUpdate(replica, before), inspect);
    };
    expect(send("0123456789")).toMatchObject({ ok: true });
    expect(send("x")).toMatchObject({ ok: false, reason: expect.stringMatching(/at most 500,000 characters/) });
  });

  it("accepts a new, empty draft and the first paragraph typed into it", () => {
    const doc = new Y.Doc();
    const guard = draftKind.createGuard(doc);
    const replica = new Y.Doc();
    replica.getXmlFragment(DRAFT_FRAGMENT).insert(0, [paragraph("Hello")]);
    expect(guard.check(Y.encodeStateAsUpdate(replica), writer, facts)).toMatchObject({ ok: true, changed: true });
  });
});
