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

// A JSON string is a YAML 1.2 double-quoted scalar: any title is safe in the front matter.
const yamlString = (value: string) => JSON.stringify(value);
/** A slug goes in bare when YAML cannot read it as anything but that string (not a number, boolean or null). */
const yamlSlug = (slug: string) => (/^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(slug) && /[a-z]/.test(slug) ? slug : yamlString(slug));

/** The post's title: its first heading, else the session's title. */
function titleOf(doc: PmNode, fallback: string): string {
  const heading = (doc.content ?? []).find((node) => node.type === "heading");
  return (heading ? plainText(heading).trim() : "") || fallback;
}

const plainText = (node: PmNode): string => node.text ?? (node.content ?? []).map((child) => (child.type === "hardBreak" ? " " : plainText(child))).join("");

export function exportBlogPost(doc: PmNode, context: ExportContext): string {
  const title = titleOf(doc, context.sessionTitle);
  const content = doc.content ?? [];
  const leading = content[0]?.type === "heading" && Number(content[0].attrs?.level) === 1 ? content[0] : null;
  // The post opens with its title as a first-level heading: the draft's own when it starts with one
  // (its marks kept), else the title as text, escaped like the rest.
  const heading = leading && plainText(leading).trim() ? leading : { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: title }] };
  const body = { ...doc, content: [heading, ...(leading ? content.slice(1) : content)] };
  const front = [
    "---",
    `title: ${yamlString(title)}`,
    `session: ${yamlString(context.sessionTitle)}`,
    `date: ${context.date}`,
    ...(context.authors.length > 0 ? ["authors:", ...context.authors.map((author) => `  - ${yamlString(author)}`)] : ["authors: []"]),
    "tags:",
    "  - llm-seminar",
    `  - ${yamlSlug(context.sessionSlug)}`,
    "---",
    "",
  ].join("\n");
  return `${front}\n${draftToMarkdown(body)}`;
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
  const rendered = slides.filter((slide) => slide.length > 0).map((slide) => draftToMarkdown({ type: "doc", content: slide }, { escapeDollars: true }).replace(/\n$/, ""));
  const front = ["---", "marp: true", "paginate: true", `title: ${yamlString(context.sessionTitle)}`, `date: ${context.date}`, "---", ""].join("\n");
  return `${front}\n${rendered.join("\n\n---\n\n")}\n`;
}
