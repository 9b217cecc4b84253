// Exports: the blog post as a Markdown file with front matter, the presentation as Marp slides (one
// slide per second-level heading or horizontal rule).
import type { PmNode } from "./markdown.ts";
import { draftToMarkdown } from "./markdown.ts";

export interface ExportContext {
  sessionTitle: string;
  sessionSlug: string;
  /** The export date, YYYY-MM-DD. */
  date: string;
  /** Names of the team's members. */
  authors: string[];
}

const yamlString = (value: string) => JSON.stringify(value);

/** The post's title: its first heading, else the session's title. */
function titleOf(doc: PmNode, fallback: string): string {
  const heading = (doc.content ?? []).find((node) => node.type === "heading");
  const text = (heading?.content ?? []).map((node) => node.text ?? "").join("").trim();
  return text || fallback;
}

export function exportBlogPost(doc: PmNode, context: ExportContext): string {
  const title = titleOf(doc, context.sessionTitle);
  const body = { ...doc, content: (doc.content ?? []).filter((node, index) => !(index === 0 && node.type === "heading" && Number(node.attrs?.level) === 1)) };
  const front = [
    "---",
    `title: ${yamlString(title)}`,
    `session: ${yamlString(context.sessionTitle)}`,
    `date: ${context.date}`,
    "authors:",
    ...(context.authors.length > 0 ? context.authors.map((author) => `  - ${yamlString(author)}`) : []),
    "tags:",
    "  - llm-seminar",
    `  - ${context.sessionSlug}`,
    "---",
    "",
  ].join("\n").replace("authors:\ntags:", "authors: []\ntags:");
  return `${front}\n# ${title}\n\n${draftToMarkdown(body)}`;
}

export function exportSlides(doc: PmNode, context: ExportContext): string {
  const slides: PmNode[][] = [[]];
  for (const node of doc.content ?? []) {
    if (node.type === "horizontalRule") {
      slides.push([]);
      continue;
    }
    if (node.type === "heading" && Number(node.attrs?.level) === 2 && slides.at(-1)!.length > 0) slides.push([]);
    slides.at(-1)!.push(node);
  }
  const rendered = slides.filter((slide) => slide.length > 0).map((slide) => draftToMarkdown({ type: "doc", content: slide }).trim());
  const front = ["---", "marp: true", "paginate: true", `title: ${yamlString(context.sessionTitle)}`, `date: ${context.date}`, "---", ""].join("\n");
  return `${front}\n${rendered.join("\n\n---\n\n")}\n`;
}
