import { describe, expect, it } from "vitest";
import { asRead, readMarkdown } from "./fixtures/commonmark-reader.ts";
import { bullets, code, doc, item, numbered, paragraph, text, trickyDrafts } from "./fixtures/tricky-drafts.ts";
import { countWords, draftToMarkdown, type PmNode } from "./markdown.ts";

describe("draftToMarkdown, read back by a CommonMark parser", () => {
  it.each(trickyDrafts)("$name", ({ draft, expected }) => {
    const markdown = draftToMarkdown(draft);
    expect(readMarkdown(markdown).toJSON()).toEqual(asRead(expected ?? draft).toJSON());
  });

  it("the whole corpus at once (blocks next to each other) reads back the same", () => {
    const all = doc(...trickyDrafts.filter((entry) => !entry.expected).flatMap((entry) => entry.draft.content ?? []));
    expect(readMarkdown(draftToMarkdown(all)).toJSON()).toEqual(asRead(all).toJSON());
  });

  it("a long draft (written in chunks of blocks) reads back the same, lists next to each other included", () => {
    const blocks = Array.from({ length: 300 }, (_, index) =>
      index % 7 === 0 ? bullets(item(`item ${index}`)) : index % 11 === 0 ? numbered(index, item(`item ${index}`)) : index % 13 === 0 ? code(`code ${index}\n`) : paragraph(`paragraph ${index} `, text("bold", "bold")),
    );
    const long = doc(paragraph("first"), paragraph(), ...blocks, paragraph(), bullets(item("a")), bullets(item("b")), paragraph("end ", text("x", "italic")));
    const markdown = draftToMarkdown(long);
    expect(readMarkdown(markdown).toJSON()).toEqual(asRead(doc(...(long.content ?? []).filter((block) => block.content?.length !== 0 || block.type !== "paragraph"))).toJSON());
  });
});

describe("draftToMarkdown output", () => {
  const cases: Array<[string, PmNode, string]> = [
    ["bold before a space closes before it", doc(paragraph(text("bold ", "bold"), "next")), "**bold** next\n"],
    ["a paragraph that starts like a list is escaped", doc(paragraph("- item"), paragraph("1. item")), "\\- item\n\n1\\. item\n"],
    ["code keeps its text verbatim", doc(paragraph(text("*x*", "code"))), "`*x*`\n"],
    ["an empty draft is one line break", doc(), "\n"],
    ["a dollar stays as it is outside slides", doc(paragraph("$5")), "$5\n"],
  ];
  it.each(cases)("%s", (_name, draft, expected) => expect(draftToMarkdown(draft)).toBe(expected));

  it("escapes dollars for slides (Marp reads $...$ as a formula)", () => {
    const markdown = draftToMarkdown(doc(paragraph("from $5 to $10")), { escapeDollars: true });
    expect(markdown).toBe("from \\$5 to \\$10\n");
    expect(readMarkdown(markdown).textContent).toBe("from $5 to $10");
  });

  it("degrades content outside the editor's schema to its text", () => {
    const unknown = { type: "doc", content: [{ type: "table", content: [{ type: "tableCell", content: [{ type: "text", text: "* cell" }] }] }, paragraph("after")] };
    expect(draftToMarkdown(unknown)).toBe("\\* cell\n\nafter\n");
  });

  it("counts words across blocks", () => {
    expect(countWords(doc(paragraph("one two"), paragraph(text("three", "bold"), " four")))).toBe(4);
  });
});
