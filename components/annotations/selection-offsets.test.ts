import { describe, expect, it } from "vitest";
import { boundaryToOffset, normalizeSelection, offsetToBoundary, type TreeNode } from "./selection-offsets";
import { layoutAbstract } from "./segments";

// A stand-in for the DOM the abstract renders: <div><p data-start data-end><span|mark data-start data-end>text</…></p>…</div>.
class FakeNode implements TreeNode {
  parentNode: FakeNode | null = null;
  readonly childNodes: FakeNode[];
  constructor(
    readonly nodeType: number,
    readonly name: string,
    private readonly attributes: Record<string, string>,
    children: FakeNode[],
    private readonly text = "",
  ) {
    this.childNodes = children;
    for (const child of children) child.parentNode = this;
  }
  get textContent(): string {
    return this.nodeType === 3 ? this.text : this.childNodes.map((child) => child.textContent).join("");
  }
  getAttribute(name: string): string | null {
    return this.attributes[name] ?? null;
  }
}

const text = (value: string) => new FakeNode(3, "#text", {}, [], value);
const element = (name: string, attributes: Record<string, string>, children: FakeNode[]) => new FakeNode(1, name, attributes, children);
const placed = (start: number, end: number) => ({ "data-start": String(start), "data-end": String(end) });

const ABSTRACT = "We present QLoRA.\n\nIt finetunes 65B models.";

/** Renders ABSTRACT the way AnnotatedAbstract does, with a highlight on "QLoRA. …It" across the break. */
function render() {
  const paragraphs = layoutAbstract(ABSTRACT, [{ start: 11, end: 21 }]).map((paragraph) =>
    element(
      "p",
      placed(paragraph.start, paragraph.end),
      paragraph.segments.map((segment) => element(segment.covering.length ? "mark" : "span", placed(segment.start, segment.end), [text(segment.text)])),
    ),
  );
  return { root: element("div", {}, paragraphs), paragraphs };
}

const { root, paragraphs } = render();
const [first, second] = paragraphs as [FakeNode, FakeNode];
const [we, qlora] = first.childNodes as [FakeNode, FakeNode];
const [it_, rest] = second.childNodes as [FakeNode, FakeNode];

describe("boundaryToOffset", () => {
  const outside = text("elsewhere");
  it.each<[string, TreeNode, number, number | null]>([
    ["start of the text", we.childNodes[0]!, 0, 0],
    ["inside a plain run", we.childNodes[0]!, 3, 3],
    ["inside a mark", qlora.childNodes[0]!, 2, 13],
    ["end of the first paragraph", qlora.childNodes[0]!, 6, 17],
    ["start of the second paragraph skips the separator", it_.childNodes[0]!, 0, 19],
    ["inside the second paragraph", rest.childNodes[0]!, 4, 25],
    ["an offset past the text node is clamped", we.childNodes[0]!, 99, 11],
    ["between paragraphs (root, 1)", root, 1, 17],
    ["before everything (root, 0)", root, 0, 0],
    ["after everything (root, 2)", root, 2, ABSTRACT.length],
    ["between runs inside a paragraph (p, 1)", first, 1, 11],
    ["element boundary inside a run (mark, 0)", qlora, 0, 11],
    ["element boundary inside a run (mark, 1)", qlora, 1, 17],
    ["a node outside the abstract", outside, 0, null],
  ])("%s", (_name, node, offset, expected) => {
    expect(boundaryToOffset(root, node, offset)).toBe(expected);
  });

  it("round-trips every offset through offsetToBoundary", () => {
    // A start at a paragraph's end means the same as the next paragraph's start (and the reverse for ends).
    const equivalent = (offset: number, edge: "start" | "end") => (edge === "start" && offset === 17 ? 19 : edge === "end" && offset === 19 ? 17 : offset);
    for (let offset = 0; offset <= ABSTRACT.length; offset++) {
      if (offset > 17 && offset < 19) continue; // inside the separator: snaps, checked below
      for (const edge of ["start", "end"] as const) {
        const boundary = offsetToBoundary(root, offset, edge);
        expect(boundary, `offset ${offset} (${edge})`).not.toBeNull();
        expect(boundaryToOffset(root, boundary!.node, boundary!.offset), `offset ${offset} (${edge})`).toBe(equivalent(offset, edge));
      }
    }
  });
});

describe("offsetToBoundary", () => {
  it.each<[string, number, "start" | "end", TreeNode, number]>([
    ["a start at a run boundary belongs to the next run", 11, "start", qlora.childNodes[0]!, 0],
    ["an end at a run boundary belongs to the previous run", 11, "end", we.childNodes[0]!, 11],
    ["a start inside the separator snaps forward", 18, "start", it_.childNodes[0]!, 0],
    ["an end inside the separator snaps back", 18, "end", qlora.childNodes[0]!, 6],
    ["past the end clamps to the last character", 999, "end", rest.childNodes[0]!, rest.textContent.length],
  ])("%s", (_name, offset, edge, node, within) => {
    expect(offsetToBoundary(root, offset, edge)).toEqual({ node, offset: within });
  });

  it("is null when nothing is drawn", () => {
    expect(offsetToBoundary(element("div", {}, []), 0, "start")).toBeNull();
  });
});

describe("normalizeSelection", () => {
  it.each<[string, string, number, number, { start: number; end: number } | null]>([
    ["unchanged", "abc def", 0, 3, { start: 0, end: 3 }],
    ["trims surrounding whitespace", "abc def ghi", 3, 8, { start: 4, end: 7 }],
    ["trims newlines of a paragraph triple-click", "abc\n\ndef", 0, 5, { start: 0, end: 3 }],
    ["reversed offsets", "abc def", 3, 0, { start: 0, end: 3 }],
    ["clamped to the text", "abc", -4, 40, { start: 0, end: 3 }],
    ["only whitespace", "abc   def", 3, 6, null],
    ["empty", "abc", 2, 2, null],
    ["widened around an emoji", "a 🤗 b", 3, 4, { start: 2, end: 4 }],
  ])("%s", (_name, value, start, end, expected) => {
    expect(normalizeSelection(value, start, end)).toEqual(expected);
  });
});
