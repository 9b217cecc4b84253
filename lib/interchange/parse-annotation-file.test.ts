// Both parsers through the file entry point: what each format becomes, and what is refused with which message.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_ANNOTATION_FILE_BYTES } from "./annotation-file-limits.ts";
import { parseAnnotationFile } from "./parse-annotation-file.ts";

const hypothesis = fs.readFileSync(path.join(import.meta.dirname, "fixtures/hypothesis-export.json"), "utf8");

const w3cHighlight = {
  "@context": "http://www.w3.org/ns/anno.jsonld",
  id: "https://other.example/anno/1",
  type: "Annotation",
  motivation: "questioning",
  created: "2024-05-01T12:00:00Z",
  creator: { id: "https://other.example/people/ana", type: "Person", name: "Ana", nickname: "ana", email: "mailto:Ana@Example.edu" },
  body: [
    { type: "TextualBody", value: "What rank?", purpose: "commenting" },
    { type: "TextualBody", value: "method", purpose: "tagging" },
  ],
  target: {
    source: "https://arxiv.org/abs/2106.09685",
    selector: [
      { type: "TextQuoteSelector", exact: "low-rank", prefix: "a ", suffix: " update" },
      { type: "TextPositionSelector", start: 10, end: 18 },
    ],
  },
};

async function refusal(input: string | Uint8Array): Promise<{ code: string; message: string }> {
  try {
    parseAnnotationFile(input);
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error("the file was accepted");
}

describe("Hypothesis exports", () => {
  const file = parseAnnotationFile(hypothesis);

  it("are recognised by their rows", () => {
    expect(file.format).toBe("hypothesis");
    expect(file.annotations.map((annotation) => annotation.sourceId)).toEqual([
      "hyp-lora-0001",
      "hyp-lora-0002",
      "hyp-lora-0003",
      "hyp-lora-0004",
      "hyp-survey-0001",
      "hyp-survey-0002",
      "hyp-attention-0001",
    ]);
  });

  it("read quote, position, text, tags, user and time from a row", () => {
    expect(file.annotations[0]).toEqual({
      sourceId: "hyp-lora-0001",
      source: "https://arxiv.org/pdf/2106.09685v2",
      replyTo: null,
      ancestors: [],
      quote: { exact: "freezes the pre-trained model weights", prefix: "Low-Rank Adaptation, or LoRA, which ", suffix: " and injects trainable rank decomp" },
      position: { start: 1822, end: 1862 },
      text: "Why does freezing the weights not hurt quality?",
      tags: ["question", "peft"],
      motivation: null,
      author: { id: "acct:alice@hypothes.is", name: "Alice M.", nickname: "alice", email: null, emailSha1: null },
      created: Date.parse("2024-03-02T10:15:00Z"),
    });
  });

  it("make a reply answer the last of its references and keep the others as ancestors", () => {
    const reply = file.annotations.find((annotation) => annotation.sourceId === "hyp-lora-0003")!;
    expect(reply).toMatchObject({ replyTo: "hyp-lora-0002", ancestors: ["hyp-lora-0001"], quote: null });
  });

  it("accept the rows alone, the client's export file, and the replies listed apart", () => {
    const rows = JSON.parse(hypothesis).rows;
    expect(parseAnnotationFile(JSON.stringify(rows)).annotations).toHaveLength(7);
    const clientFile = parseAnnotationFile(JSON.stringify({ export_date: "2024-04-01T00:00:00Z", client_version: "1.0", annotations: rows }));
    expect(clientFile).toMatchObject({ format: "hypothesis", annotations: expect.arrayContaining([expect.objectContaining({ sourceId: "hyp-lora-0003", replyTo: "hyp-lora-0002" })]) });
    const separated = { rows: rows.slice(0, 1), replies: rows.slice(1, 3) };
    expect(parseAnnotationFile(JSON.stringify(separated)).annotations.map((annotation) => annotation.replyTo)).toEqual([null, "hyp-lora-0001", "hyp-lora-0002"]);
  });

  it.each([
    ["a row without its uri", (rows: Record<string, unknown>[]) => delete rows[0]!.uri, /rows\.0\.uri: Each row needs the uri/],
    ["a row without its user", (rows: Record<string, unknown>[]) => delete rows[1]!.user, /rows\.1\.user: Each row needs its user/],
    ["tags that are not a list", (rows: Record<string, unknown>[]) => (rows[0]!.tags = "question"), /rows\.0\.tags/],
    ["a duplicated id", (rows: Record<string, unknown>[]) => (rows[1]!.id = rows[0]!.id), /appears twice/],
  ])("refuse %s, saying where", async (_name, spoil, message) => {
    const data = JSON.parse(hypothesis);
    spoil(data.rows);
    expect(await refusal(JSON.stringify(data))).toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(message) });
  });
});

describe("W3C annotation files", () => {
  it("read a single annotation: tagging bodies are tags, other text bodies the text, the creator's email lower-cased", () => {
    const file = parseAnnotationFile(JSON.stringify(w3cHighlight));
    expect(file.format).toBe("w3c");
    expect(file.annotations).toEqual([
      {
        sourceId: "https://other.example/anno/1",
        source: "https://arxiv.org/abs/2106.09685",
        replyTo: null,
        ancestors: [],
        quote: { exact: "low-rank", prefix: "a ", suffix: " update" },
        position: { start: 10, end: 18 },
        text: "What rank?",
        tags: ["method"],
        motivation: "questioning",
        author: { id: "https://other.example/people/ana", name: "Ana", nickname: "ana", email: "ana@example.edu", emailSha1: null },
        created: Date.parse("2024-05-01T12:00:00Z"),
      },
    ]);
  });

  it("read a collection's embedded page, an annotation page and an array; a target that is another annotation makes a reply", () => {
    const reply = { id: "https://other.example/anno/2", type: "Annotation", motivation: "replying", bodyValue: "Rank 8.", target: "https://other.example/anno/1" };
    const collection = { "@context": "http://www.w3.org/ns/anno.jsonld", id: "https://other.example/c", type: "AnnotationCollection", first: { type: "AnnotationPage", items: [w3cHighlight, reply] } };
    const page = { "@context": "http://www.w3.org/ns/anno.jsonld", id: "https://other.example/p", type: "AnnotationPage", items: [w3cHighlight, reply] };
    for (const data of [collection, page, [w3cHighlight, reply]]) {
      const annotations = parseAnnotationFile(JSON.stringify(data)).annotations;
      expect(annotations.map((annotation) => [annotation.sourceId, annotation.replyTo, annotation.text])).toEqual([
        ["https://other.example/anno/1", null, "What rank?"],
        ["https://other.example/anno/2", "https://other.example/anno/1", "Rank 8."],
      ]);
    }
  });

  it("take a target naming one of our own annotations as a reply even when the file does not hold it", () => {
    const reply = { id: "urn:x:1", type: "Annotation", bodyValue: "Late answer", target: "https://marginalia.example/readings/cabc123#comment-0123456789abcdef01234567" };
    expect(parseAnnotationFile(JSON.stringify(reply)).annotations[0]).toMatchObject({ replyTo: reply.target, source: null });
  });

  it.each([
    ["an annotation without an id", { ...w3cHighlight, id: undefined }, /id/],
    ["an annotation without a target", { ...w3cHighlight, target: undefined }, /target/],
    ["a type that is not Annotation in a page", { type: "AnnotationPage", items: [{ ...w3cHighlight, type: "Note" }] }, /items\.0\.type: The type must be Annotation/],
    ["a selector whose start is not a number", { ...w3cHighlight, target: { source: "https://x.example", selector: { type: "TextPositionSelector", start: "ten", end: 18 } } }, /target/],
    ["a collection that does not embed its first page", { type: "AnnotationCollection", first: "https://other.example/c?page=0" }, /does not embed its first page/],
    ["a duplicated id", [w3cHighlight, w3cHighlight], /appears twice/],
  ])("refuse %s", async (_name, data, message) => {
    expect(await refusal(JSON.stringify(data))).toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(message) });
  });
});

describe("any file", () => {
  it.each([
    ["an empty file", "", /empty/],
    ["text that is not JSON", "uri,text\nhttps://x,hi", /not JSON/],
    ["bytes that are not UTF-8", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), /not UTF-8/],
    ["JSON of another kind", JSON.stringify({ title: "LLM fine tuning", readings: [] }), /neither a W3C annotation file .* nor a Hypothesis export/],
    ["an empty list", "[]", /neither/],
    ["a bare string", JSON.stringify("hello"), /neither/],
  ])("refuses %s", async (_name, input, message) => {
    expect(await refusal(input)).toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(message) });
  });

  it("refuses a file over the size cap before reading it", async () => {
    expect(await refusal(new Uint8Array(MAX_ANNOTATION_FILE_BYTES + 1))).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringMatching(/at most 5 MB/) });
  });

  it("reads a file that starts with a byte order mark", () => {
    expect(parseAnnotationFile(`\uFEFF${JSON.stringify(w3cHighlight)}`).annotations).toHaveLength(1);
  });
});
