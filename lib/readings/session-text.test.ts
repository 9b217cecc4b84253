import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeSessionFile, parseSessionText, slugify, splitAuthors, type ParsedSession } from "./session-text.ts";

const seed = fs.readFileSync(path.join(import.meta.dirname, "fixtures/llm-fine-tuning.txt"), "utf8");

function parseOk(text: string): ParsedSession {
  const result = parseSessionText(text);
  if (!result.ok) throw new Error(`expected a parse, got ${JSON.stringify(result.issues)}`);
  return result.session;
}

describe("the seed reading list", () => {
  const session = parseOk(seed);
  const byTitle = (prefix: string) => {
    const reading = session.readings.find((candidate) => candidate.title.startsWith(prefix));
    if (!reading) throw new Error(`no reading starting with ${prefix}`);
    return reading;
  };

  it("reads the session and its teams", () => {
    expect(session).toMatchObject({ title: "LLM fine tuning", slug: "llm-fine-tuning", leadTeam: "team-1", blogTeam: "team-5" });
  });

  it("lists seven readings in file order with their sections", () => {
    expect(session.readings.map((reading) => [reading.section, reading.title])).toEqual([
      ["REQUIRED", "Recent Large Language Models Reshaping the Open-Source Arena"],
      ["REQUIRED", "Instruction Tuning for Large Language Models: A Survey"],
      ["REQUIRED", "Delta tuning: A comprehensive study of parameter efficient methods for pre-trained language models"],
      ["MORE", "Gemini: A Family of Highly Capable Multimodal Models"],
      ["MORE", "QLoRA: Efficient Finetuning of Quantized LLMs"],
      ["RELATED", "LoRA: Low-Rank Adaptation of Large Language Models"],
      ["MORE", "Astraios: Parameter-Efficient Instruction Tuning Code Large Language Models"],
    ]);
  });

  it("keeps the open-source overview's deci.ai link and its extra DBRX link", () => {
    const overview = byTitle("Recent Large");
    expect(overview.url).toBe("https://deci.ai/blog/list-of-large-language-models-in-open-source/");
    expect(overview.extraLinks).toEqual([
      { url: "https://www.databricks.com/blog/introducing-dbrx-new-state-art-open-llm", label: "Plus the newly avaiable DBRX model" },
    ]);
    expect(overview.authors).toEqual([]);
    expect(overview.abstract).toMatch(/^The release of Meta’s Llama model/);
    expect(overview.abstract).toContain("inlcuding Qwen1.5/ Yi/"); // typos kept as written
  });

  it("reads the instruction-tuning survey's eleven authors", () => {
    const survey = byTitle("Instruction Tuning");
    expect(survey.authors).toHaveLength(11);
    expect(survey.authors[0]).toBe("Shengyu Zhang");
    expect(survey.authors.at(-1)).toBe("Guoyin Wang");
    expect(survey.url).toBe("https://arxiv.org/abs/2308.10792");
    expect(survey.abstract).toContain("\\textsc{(instruction, output)}");
  });

  it("splits QLoRA's authors from the abstract they run into", () => {
    const qlora = byTitle("QLoRA");
    expect(qlora.authors).toEqual(["Tim Dettmers", "Artidoro Pagnoni", "Ari Holtzman", "Luke Zettlemoyer"]);
    expect(qlora.abstract).toMatch(/^We present QLoRA, an efficient finetuning approach/);
    expect(qlora.url).toBeNull();
  });

  it("reads Astraios's seven authors, name particles included", () => {
    expect(byTitle("Astraios").authors).toEqual([
      "Terry Yue Zhuo",
      "Armel Zebaze",
      "Nitchakarn Suppattarachai",
      "Leandro von Werra",
      "Harm de Vries",
      "Qian Liu",
      "Niklas Muennighoff",
    ]);
  });

  it("strips the related: prefix and keeps LoRA's arXiv link", () => {
    const lora = byTitle("LoRA:");
    expect(lora.section).toBe("RELATED");
    expect(lora.url).toBe("https://arxiv.org/abs/2106.09685");
  });

  it("gives every reading an abstract", () => {
    for (const reading of session.readings) expect(reading.abstract.length).toBeGreaterThan(200);
  });
});

describe("bad reading lists are refused with the line to fix", () => {
  const cases: Array<{ name: string; text: string; line: number | undefined; message: RegExp }> = [
    { name: "an empty file", text: "", line: undefined, message: /empty/ },
    { name: "only blank lines", text: "\n  \n\n", line: undefined, message: /empty/ },
    { name: "no session title", text: "- Lead team: team-1\nA paper\n- https://a.example/", line: 1, message: /start with the session's title/ },
    { name: "a section header first", text: "Required Readings:\nA paper", line: 1, message: /start with the session's title/ },
    {
      name: "a reading without a title",
      text: "Session\n- Lead team: team-1\nRequired Readings:\n- https://arxiv.org/abs/1\n- An abstract.",
      line: 4,
      message: /before any reading title/,
    },
    { name: "a bad team name", text: "Session\n- Lead team: Team One!\nA paper", line: 2, message: /not a team name/ },
    { name: "a duplicate title", text: "Session\nA paper\n- x\nA paper\n- y", line: 4, message: /listed twice \(first on line 2\)/ },
    { name: "an overlong title", text: `Session\n${"T".repeat(501)}`, line: 2, message: /longer than 500/ },
  ];
  it.each(cases)("$name", ({ text, line, message }) => {
    const result = parseSessionText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.line).toBe(line);
    expect(result.issues[0]?.message).toMatch(message);
  });
});

describe("decodeSessionFile", () => {
  const encoder = new TextEncoder();
  it("accepts UTF-8 text and drops a byte-order mark", () => {
    const result = decodeSessionFile(new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode("Title ✓\n")]));
    expect(result).toEqual({ ok: true, text: "Title ✓\n" });
  });
  const cases: Array<{ name: string; bytes: Uint8Array; line: number | undefined; message: RegExp }> = [
    { name: "a NUL byte (binary)", bytes: new Uint8Array([...encoder.encode("Title\nA\n"), 0x00, 0x01]), line: 3, message: /binary/ },
    { name: "Latin-1 bytes", bytes: new Uint8Array([...encoder.encode("Title\nCaf"), 0xe9, 0x0a]), line: 2, message: /not valid UTF-8/ },
    { name: "a PNG header", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]), line: 1, message: /UTF-8|binary/ },
    { name: "over 1 MB", bytes: new Uint8Array(1024 * 1024 + 1).fill(0x61), line: undefined, message: /at most 1 MB/ },
  ];
  it.each(cases)("refuses $name", ({ bytes, line, message }) => {
    const result = decodeSessionFile(bytes);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.line).toBe(line);
    expect(result.issues[0]?.message).toMatch(message);
  });
});

describe("splitAuthors", () => {
  const cases: Array<[string, ReturnType<typeof splitAuthors>]> = [
    ["Jane Doe, John Smith", { authors: ["Jane Doe", "John Smith"], rest: "" }],
    ["Ada Lovelace", { authors: ["Ada Lovelace"], rest: "" }],
    ["Jane Doe, John Smith We show that, in fact, it works.", { authors: ["Jane Doe", "John Smith"], rest: "We show that, in fact, it works." }],
    ["Jean-Luc Picard, Anaïs Nin", { authors: ["Jean-Luc Picard", "Anaïs Nin"], rest: "" }],
    ["The release of Meta’s Llama model, and more", null],
    ["Despite the success, the process", null],
    ["This report introduces a family", null],
  ];
  it.each(cases)("%s", (text, expected) => {
    expect(splitAuthors(text)).toEqual(expected);
  });
});

describe("parsing details", () => {
  it("keeps further bare links and prose paragraphs", () => {
    const session = parseOk("S\nPaper\n- https://a.example/1\n- https://b.example/2\n- First paragraph of a long abstract.\n- Second paragraph.");
    expect(session.readings[0]).toMatchObject({
      url: "https://a.example/1",
      extraLinks: [{ url: "https://b.example/2", label: null }],
      abstract: "First paragraph of a long abstract.\n\nSecond paragraph.",
    });
  });
  it("reads Windows line endings and a title-only reading", () => {
    const session = parseOk("S\r\nMore readings\r\nJust a title\r\n");
    expect(session.readings).toEqual([expect.objectContaining({ title: "Just a title", section: "MORE", abstract: "", url: null })]);
  });
  it("slugifies titles", () => {
    expect(slugify("LLM fine tuning")).toBe("llm-fine-tuning");
    expect(slugify("Prompting & RLHF: Part 2")).toBe("prompting-rlhf-part-2");
    expect(slugify("!!!")).toBe("session");
  });
});
