import { describe, expect, it } from "vitest";
import { assertValidBlocks, buildAgenda, buildDigest, excerpt, MAX_EXCERPT_CHARACTERS, type AgendaSection, type DigestSection } from "./insertion-content.ts";
import type { PmNode } from "./markdown.ts";

const lora = { id: "r1", title: "LoRA: Low-Rank Adaptation" };
const qlora = { id: "r2", title: "QLoRA" };
const question = (text: string | null, passage: string | null, votes = 0, authorName = "Alice Moreau") => ({ text, passage, votes, authorName, href: `/readings/r1#comment-${votes}` });

/** The blocks as short lines: "h2 Agenda", "h3 [LoRA](/readings/r1)", "- [Why?](...) — Alice, 2 +1", "p *No ...*". */
function outline(blocks: PmNode[]): string[] {
  const inline = (nodes: PmNode[] = []) =>
    nodes
      .map((node) => {
        const marks = (node.marks ?? []).map((mark) => mark.type);
        const href = node.marks?.find((mark) => mark.type === "link")?.attrs?.href as string | undefined;
        let out = node.text ?? "";
        if (marks.includes("bold")) out = `**${out}**`;
        if (marks.includes("italic")) out = `*${out}*`;
        return href ? `[${out}](${href})` : out;
      })
      .join("");
  return blocks.flatMap((block) => {
    if (block.type === "heading") return [`h${block.attrs!.level} ${inline(block.content)}`];
    if (block.type === "paragraph") return [`p ${inline(block.content)}`];
    if (block.type === "bulletList") return block.content!.map((item) => `- ${inline(item.content![0]!.content)}`);
    return [`? ${block.type}`];
  });
}

describe("buildAgenda", () => {
  const table: Array<[string, AgendaSection[], string[]]> = [
    ["no readings", [], ["h2 Agenda", "p *This session has no readings yet.*"]],
    ["a reading without questions", [{ reading: lora, questions: [] }], ["h2 Agenda", "h3 [LoRA: Low-Rank Adaptation](/readings/r1)", "p *No open questions yet.*"]],
    [
      "a question comment, with and without +1s",
      [{ reading: lora, questions: [question("Why rank 8?", "low-rank", 2), question("Does it  scale?\n", null, 1, "Bob"), question("And then?", null, 0, "Lena")] }],
      [
        "h2 Agenda",
        "h3 [LoRA: Low-Rank Adaptation](/readings/r1)",
        "- [Why rank 8?](/readings/r1#comment-2) — Alice Moreau, 2 +1",
        "- [Does it scale?](/readings/r1#comment-1) — Bob, 1 +1",
        "- [And then?](/readings/r1#comment-0) — Lena",
      ],
    ],
    ["a question highlight with no comment shows its passage", [{ reading: lora, questions: [question(null, "the update matrices", 0)] }], ["h2 Agenda", "h3 [LoRA: Low-Rank Adaptation](/readings/r1)", "- [“the update matrices”](/readings/r1#comment-0) — Alice Moreau"]],
    ["blank text falls back to the passage, then to a label", [{ reading: lora, questions: [question("  ", "passage", 0), question(null, " ", 0)] }], ["h2 Agenda", "h3 [LoRA: Low-Rank Adaptation](/readings/r1)", "- [“passage”](/readings/r1#comment-0) — Alice Moreau", "- [A question](/readings/r1#comment-0) — Alice Moreau"]],
    [
      "only the top three questions of a reading, one section per reading in order",
      [
        { reading: lora, questions: [question("1?", null, 4), question("2?", null, 3), question("3?", null, 2), question("4?", null, 1)] },
        { reading: qlora, questions: [] },
      ],
      ["h2 Agenda", "h3 [LoRA: Low-Rank Adaptation](/readings/r1)", "- [1?](/readings/r1#comment-4) — Alice Moreau, 4 +1", "- [2?](/readings/r1#comment-3) — Alice Moreau, 3 +1", "- [3?](/readings/r1#comment-2) — Alice Moreau, 2 +1", "h3 [QLoRA](/readings/r2)", "p *No open questions yet.*"],
    ],
  ];
  it.each(table)("%s", (_name, sections, expected) => {
    const blocks = buildAgenda(sections);
    expect(outline(blocks)).toEqual(expected);
    expect(() => assertValidBlocks(blocks)).not.toThrow();
  });
});

describe("buildDigest", () => {
  const idea = (exact: string, id = "h1") => ({ exact, href: `/readings/r1#highlight-${id}` });
  const comment = (body: string, votes: number, authorName = "Bob Tanaka") => ({ body, votes, authorName, href: `/readings/r1#comment-c${votes}` });
  const table: Array<[string, DigestSection[], string[]]> = [
    ["no readings", [], ["h2 Digest", "p *This session has no readings yet.*"]],
    ["a reading with nothing to show", [{ reading: lora, keyIdeas: [], comments: [] }], ["h2 Digest", "h3 [LoRA: Low-Rank Adaptation](/readings/r1)", "p *No key ideas or +1'd comments yet.*"]],
    [
      "key ideas and comments with their authors",
      [{ reading: lora, keyIdeas: [idea("freeze the weights"), idea("rank decomposition", "h2")], comments: [comment("Great **point**", 3), comment("Agreed", 1, "Alice")] }],
      [
        "h2 Digest",
        "h3 [LoRA: Low-Rank Adaptation](/readings/r1)",
        "p **Key ideas**",
        "- [“freeze the weights”](/readings/r1#highlight-h1)",
        "- [“rank decomposition”](/readings/r1#highlight-h2)",
        "p **Most +1'd comments**",
        "- [Great **point**](/readings/r1#comment-c3) — Bob Tanaka, 3 +1",
        "- [Agreed](/readings/r1#comment-c1) — Alice, 1 +1",
      ],
    ],
    ["only key ideas", [{ reading: lora, keyIdeas: [idea("x")], comments: [] }], ["h2 Digest", "h3 [LoRA: Low-Rank Adaptation](/readings/r1)", "p **Key ideas**", "- [“x”](/readings/r1#highlight-h1)"]],
    ["only comments", [{ reading: lora, keyIdeas: [], comments: [comment("Yes", 2)] }], ["h2 Digest", "h3 [LoRA: Low-Rank Adaptation](/readings/r1)", "p **Most +1'd comments**", "- [Yes](/readings/r1#comment-c2) — Bob Tanaka, 2 +1"]],
    ["blank passages and comments are left out", [{ reading: lora, keyIdeas: [idea("  ")], comments: [comment(" \n", 5)] }], ["h2 Digest", "h3 [LoRA: Low-Rank Adaptation](/readings/r1)", "p *No key ideas or +1'd comments yet.*"]],
    [
      "at most five key ideas and three comments",
      [{ reading: lora, keyIdeas: ["a", "b", "c", "d", "e", "f"].map((exact) => idea(exact, exact)), comments: [comment("w", 4), comment("x", 3), comment("y", 2), comment("z", 1)] }],
      [
        "h2 Digest",
        "h3 [LoRA: Low-Rank Adaptation](/readings/r1)",
        "p **Key ideas**",
        ...["a", "b", "c", "d", "e"].map((exact) => `- [“${exact}”](/readings/r1#highlight-${exact})`),
        "p **Most +1'd comments**",
        "- [w](/readings/r1#comment-c4) — Bob Tanaka, 4 +1",
        "- [x](/readings/r1#comment-c3) — Bob Tanaka, 3 +1",
        "- [y](/readings/r1#comment-c2) — Bob Tanaka, 2 +1",
      ],
    ],
  ];
  it.each(table)("%s", (_name, sections, expected) => {
    const blocks = buildDigest(sections);
    expect(outline(blocks)).toEqual(expected);
    expect(() => assertValidBlocks(blocks)).not.toThrow();
  });
});

describe("excerpt", () => {
  const long = "word ".repeat(100);
  const table: Array<[string, string, string]> = [
    ["folds whitespace and trims", "  a\n\n b\tc ", "a b c"],
    ["keeps text at the limit", "x".repeat(MAX_EXCERPT_CHARACTERS), "x".repeat(MAX_EXCERPT_CHARACTERS)],
    ["cuts longer text with an ellipsis", "x".repeat(MAX_EXCERPT_CHARACTERS + 1), `${"x".repeat(MAX_EXCERPT_CHARACTERS - 1)}…`],
    ["does not leave a space before the ellipsis", long, `${long.slice(0, MAX_EXCERPT_CHARACTERS - 1).trimEnd()}…`],
  ];
  it.each(table)("%s", (_name, input, expected) => {
    expect(excerpt(input)).toBe(expected);
    expect(excerpt(input).length).toBeLessThanOrEqual(MAX_EXCERPT_CHARACTERS);
  });
});

describe("assertValidBlocks", () => {
  it("refuses blocks the editor schema does not allow", () => {
    expect(() => assertValidBlocks([{ type: "bulletList", content: [{ type: "paragraph" }] }])).toThrow();
    expect(() => assertValidBlocks([{ type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph" }] }] }])).not.toThrow();
  });
});
