// The server's rendering of a draft: the editor's elements, safe links, escaped text, the editor's word count.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { PmNode } from "@/lib/drafts/markdown";
import { renderStaticDraft } from "./static-draft";

const doc = (...content: PmNode[]): PmNode => ({ type: "doc", content });
const text = (value: string, marks?: PmNode["marks"]): PmNode => ({ type: "text", text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: PmNode[]): PmNode => ({ type: "paragraph", content });
const link = (href: string, label = "the paper") => paragraph(text(label, [{ type: "link", attrs: { href } }]));

function markup(json: PmNode): string {
  const rendered = renderStaticDraft(json);
  if (!rendered) throw new Error("not rendered");
  return renderToStaticMarkup(<>{rendered.content}</>);
}

describe("renderStaticDraft", () => {
  it("renders the editor's blocks and marks", () => {
    const html = markup(
      doc(
        { type: "heading", attrs: { level: 2 }, content: [text("Results")] },
        paragraph(text("Loss "), text("falls", [{ type: "bold" }]), { type: "hardBreak" }, text("with compute", [{ type: "italic" }])),
        { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("one"))] }] },
        { type: "orderedList", attrs: { start: 1 }, content: [{ type: "listItem", content: [paragraph(text("first"))] }] },
        { type: "blockquote", content: [paragraph(text("quoted"))] },
        { type: "codeBlock", attrs: { language: null }, content: [text("x = 1")] },
        { type: "horizontalRule" },
      ),
    );
    expect(html).toBe(
      "<h2>Results</h2><p>Loss <strong>falls</strong><br/><em>with compute</em></p><ul><li><p>one</p></li></ul><ol><li><p>first</p></li></ol>" +
        "<blockquote><p>quoted</p></blockquote><pre><code>x = 1</code></pre><hr/>",
    );
  });

  it.each([
    ["https://arxiv.org/abs/2001.08361", true],
    ["mailto:class@example.edu", true],
    ["/readings/abc#highlight-1", true],
    ["javascript:alert(1)", false],
    [" JaVaScRiPt:alert(1)", false],
    ["data:text/html,<script>alert(1)</script>", false],
    ["//evil.example/x", false],
    ["ftp://files.example", false],
  ])("a link to %s keeps its href: %s", (href, kept) => {
    const html = markup(doc(link(href)));
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html.includes(`href="${href.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}"`)).toBe(kept);
    if (!kept) expect(html).toContain('href=""');
  });

  it("renders text as text, never as markup", () => {
    const html = markup(doc(paragraph(text('<img src=x onerror="alert(1)"> & <script>alert(2)</script>'))));
    expect(html).toBe("<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;script&gt;alert(2)&lt;/script&gt;</p>");
  });

  it("escapes attributes the editor keeps (a code block's language)", () => {
    const html = markup(doc({ type: "codeBlock", attrs: { language: 'js" onclick="alert(1)' }, content: [text("x")] }));
    expect(html).not.toContain('onclick="');
  });

  it("counts words as the editor does (blocks and line breaks separate words)", () => {
    expect(renderStaticDraft(doc(paragraph(text("two words")), paragraph(text("three")), paragraph(text("a"), { type: "hardBreak" }, text("b"))))?.words).toBe(5);
  });

  it.each([
    ["no content at all", doc()],
    ["one empty paragraph (a new draft)", doc({ type: "paragraph" })],
  ])("an empty draft (%s) has no content, for the placeholder", (_name, json) => {
    expect(renderStaticDraft(json)).toEqual({ content: null, words: 0 });
  });

  it("gives up on content the schema does not know, leaving it to the editor", () => {
    expect(renderStaticDraft(doc({ type: "table", content: [] }))).toBeNull();
    expect(renderStaticDraft(doc(text("text straight in the doc")))).toBeNull();
  });
});
