// Golden-file tests: a fixture draft exported as a blog post and as slides must match the files in
// fixtures/ byte for byte. To accept a deliberate change: UPDATE_GOLDEN=1 npm run test:unit.
// Then the same exports read back: the front matter by a YAML parser, the body by a CommonMark parser.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { exportBlogPost, exportSlides } from "./export-draft.ts";
import { countWords, draftToMarkdown, type PmNode } from "./markdown.ts";
import { asRead, readMarkdown } from "./fixtures/commonmark-reader.ts";
import { br, bullets, code, doc, heading, item, link, paragraph, quote, rule, text, trickyDrafts } from "./fixtures/tricky-drafts.ts";

const fixtures = path.join(import.meta.dirname, "fixtures");
const draft = JSON.parse(fs.readFileSync(path.join(fixtures, "draft.json"), "utf8")) as PmNode;
const context = { sessionTitle: "LLM fine tuning", sessionSlug: "llm-fine-tuning", date: "2026-11-29", authors: ["Blake Osei", "Dana Wu"] };

function golden(name: string, actual: string) {
  const file = path.join(fixtures, name);
  if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(file, actual);
  expect(actual).toBe(fs.readFileSync(file, "utf8"));
}

/** An exported file as its front matter (parsed as YAML) and its Markdown body. */
function split(file: string): { front: unknown; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(file);
  if (!match) throw new Error(`No front matter in:\n${file}`);
  return { front: parseYaml(match[1]!), body: match[2]! };
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

describe("front matter, read by a YAML parser", () => {
  const awkward = [
    'Quotes " and \\ backslashes',
    "key: value # not a comment",
    "---",
    "- a list?",
    "null",
    "true",
    "2026-11-29",
    "123",
    "  leading and trailing spaces  ",
    "line\nbreak\tand tab",
    "émoji 🚀 and \u2028 separator",
    "[flow] {map} & *alias !tag %",
  ];
  it.each(awkward)("a blog post titled %j", (title) => {
    const file = exportBlogPost(doc(heading(1, title), paragraph("Body.")), { ...context, sessionTitle: title, authors: [title, "Dana Wu"] });
    expect(split(file).front).toEqual({ title: title.trim(), session: title, date: "2026-11-29", authors: [title, "Dana Wu"], tags: ["llm-seminar", "llm-fine-tuning"] });
  });

  it.each(awkward)("slides for a session titled %j", (title) => {
    expect(split(exportSlides(doc(paragraph("x")), { ...context, sessionTitle: title })).front).toEqual({ marp: true, paginate: true, title, date: "2026-11-29" });
  });

  it.each(["llm-fine-tuning", "2024", "true", "null", "1-2", "session"])("the slug %j stays a string", (sessionSlug) => {
    expect(split(exportBlogPost(doc(), { ...context, sessionSlug })).front).toMatchObject({ tags: ["llm-seminar", sessionSlug] });
  });

  it("no authors is an empty list", () => {
    expect(split(exportBlogPost(doc(), { ...context, authors: [] })).front).toMatchObject({ authors: [] });
  });
});

describe("the blog post body, read by a CommonMark parser", () => {
  const withTitle = (title: PmNode, body: PmNode[]) => asRead(doc(title, ...body)).toJSON();

  it.each(trickyDrafts.filter((entry) => !entry.expected))("$name", ({ draft: tricky }) => {
    const { body } = split(exportBlogPost(tricky, context));
    const content = tricky.content ?? [];
    const leading = content[0]?.type === "heading" && content[0].attrs?.level === 1;
    const title = asRead(tricky).content.content.find((node) => node.type.name === "heading")?.textContent.trim() || context.sessionTitle;
    expect(readMarkdown(body).toJSON()).toEqual(leading ? asRead(tricky).toJSON() : withTitle(heading(1, title), content));
  });

  it("a title that looks like Markdown is escaped", () => {
    const { body } = split(exportBlogPost(doc(paragraph("Body.")), { ...context, sessionTitle: "1. *Not* a list #" }));
    expect(readMarkdown(body).toJSON()).toEqual(withTitle(heading(1, "1. *Not* a list #"), [paragraph("Body.")]));
  });

  it("a leading first-level heading keeps its marks", () => {
    const title = heading(1, text("Cheap", "bold"), " fine-tuning");
    const { front, body } = split(exportBlogPost(doc(title, paragraph("Body.")), context));
    expect(front).toMatchObject({ title: "Cheap fine-tuning" });
    expect(readMarkdown(body).toJSON()).toEqual(withTitle(title, [paragraph("Body.")]));
  });
});

describe("slides, read by a CommonMark parser", () => {
  it("every slide reads back, and slides are separated by rules", () => {
    const slides = doc(
      heading(1, "Title slide"),
      paragraph("--- is not a break, nor is ", text("***", "code")),
      heading(2, "Costs"),
      paragraph("From $5 to $10, ", text("bold ", "bold"), "and ", text("cheap", link("https://example.com/a (b)"))),
      bullets(item("- one"), item("1) two")),
      rule,
      quote(paragraph("<!-- _class: lead --> stays text"), rule, paragraph("a rule inside a quote stays there")),
      heading(2, "Code"),
      code("---\n## not a slide", "markdown"),
      paragraph("line", br, "## not a heading"),
    );
    const { front, body } = split(exportSlides(slides, context));
    expect(front).toEqual({ marp: true, paginate: true, title: "LLM fine tuning", date: "2026-11-29" });
    expect(readMarkdown(body).toJSON()).toEqual(
      asRead(
        doc(
          heading(1, "Title slide"),
          paragraph("--- is not a break, nor is ", text("***", "code")),
          rule,
          heading(2, "Costs"),
          paragraph("From $5 to $10, ", text("bold", "bold"), " and ", text("cheap", link("https://example.com/a (b)"))),
          bullets(item("- one"), item("1) two")),
          rule,
          quote(paragraph("<!-- _class: lead --> stays text"), rule, paragraph("a rule inside a quote stays there")),
          rule,
          heading(2, "Code"),
          code("---\n## not a slide", "markdown"),
          paragraph("line", br, "## not a heading"),
        ),
      ).toJSON(),
    );
  });

  it("dollars are escaped for Marp's formulas", () => {
    expect(exportSlides(doc(paragraph("$5")), context)).toContain("\\$5");
  });
});

describe("markdown", () => {
  const cases: Array<[string, PmNode, string]> = [
    // Was "\\<b\\>": a ">" inside a line needs no escape (CommonMark reads both the same).
    ["escapes Markdown in text", { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "a *star* and [brackets] <b>" }] }] }, "a \\*star\\* and \\[brackets\\] \\<b>\n"],
    ["keeps code verbatim", { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "*x*", marks: [{ type: "code" }] }] }] }, "`*x*`\n"],
    ["nests quotes", { type: "doc", content: [{ type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "one" }] }, { type: "paragraph", content: [{ type: "text", text: "two" }] }] }] }, "> one\n>\n> two\n"],
  ];
  it.each(cases)("%s", (_name, doc, expected) => expect(draftToMarkdown(doc)).toBe(expected));
  it("counts words", () => expect(countWords(draft)).toBe(40));
});
