// Golden-file tests: a fixture draft exported as a blog post and as slides must match the files in
// fixtures/ byte for byte. To accept a deliberate change: UPDATE_GOLDEN=1 npm run test:unit.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exportBlogPost, exportSlides } from "./export-draft.ts";
import { countWords, draftToMarkdown, type PmNode } from "./markdown.ts";

const fixtures = path.join(import.meta.dirname, "fixtures");
const draft = JSON.parse(fs.readFileSync(path.join(fixtures, "draft.json"), "utf8")) as PmNode;
const context = { sessionTitle: "LLM fine tuning", sessionSlug: "llm-fine-tuning", date: "2026-11-29", authors: ["Blake Osei", "Dana Wu"] };

function golden(name: string, actual: string) {
  const file = path.join(fixtures, name);
  if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(file, actual);
  expect(actual).toBe(fs.readFileSync(file, "utf8"));
}

describe("exports", () => {
  it("the blog post matches its golden file", () => golden("blog-post.golden.md", exportBlogPost(draft, context)));
  it("the slides match their golden file", () => golden("slides.golden.md", exportSlides(draft, context)));
  it("slides split at second-level headings and rules", () => {
    const slides = exportSlides(draft, context).split("\n---\n").slice(1);
    expect(slides.length).toBe(3);
  });
  it("an empty draft exports front matter and no slides", () => {
    expect(exportSlides({ type: "doc", content: [] }, context)).toContain("marp: true");
    expect(exportBlogPost({ type: "doc", content: [] }, { ...context, authors: [] })).toContain("authors: []");
  });
});

describe("markdown", () => {
  const cases: Array<[string, PmNode, string]> = [
    ["escapes Markdown in text", { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "a *star* and [brackets] <b>" }] }] }, "a \\*star\\* and \\[brackets\\] \\<b\\>\n"],
    ["keeps code verbatim", { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "*x*", marks: [{ type: "code" }] }] }] }, "`*x*`\n"],
    ["nests quotes", { type: "doc", content: [{ type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "one" }] }, { type: "paragraph", content: [{ type: "text", text: "two" }] }] }] }, "> one\n>\n> two\n"],
  ];
  it.each(cases)("%s", (_name, doc, expected) => expect(draftToMarkdown(doc)).toBe(expected));
  it("counts words", () => expect(countWords(draft)).toBe(40));
});
