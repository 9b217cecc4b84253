// The mapping from a parsed file to entries, report and stable ids, on a small course held in memory.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAnnotationFile } from "./parse-annotation-file.ts";
import { planAnnotationImport, type ExistingEntries, type ImportMember, type ImportReading } from "./plan-annotation-import.ts";

const LORA_ABSTRACT =
  "We propose Low-Rank Adaptation, or LoRA, which freezes the pre-trained model weights and injects trainable rank decomposition matrices into each layer of the Transformer architecture.";
const SURVEY_ABSTRACT =
  "This paper surveys instruction tuning of large language models (LLMs). Instruction tuning refers to the process of further training LLMs on a dataset consisting of pairs.";
const readings: ImportReading[] = [
  { id: "reading-lora", title: "LoRA", abstract: LORA_ABSTRACT, links: ["https://arxiv.org/abs/2106.09685"] },
  { id: "reading-survey", title: "Instruction Tuning", abstract: SURVEY_ABSTRACT, links: ["https://arxiv.org/abs/2308.10792", "https://marginalia.example/readings/reading-survey"] },
];
const members: ImportMember[] = [
  { id: "user-alice", email: "alice@demo.test", handle: "alice" },
  { id: "user-bob", email: "bob@demo.test", handle: "bob" },
  { id: "user-lead", email: "lead@demo.test", handle: "lead" },
];
const NOW = Date.parse("2026-01-01T00:00:00Z");
const nothing: ExistingEntries = { highlights: new Set(), comments: new Set() };
const hypothesis = parseAnnotationFile(fs.readFileSync(path.join(import.meta.dirname, "fixtures/hypothesis-export.json")));

function plan(file = hypothesis, existing: (readingId: string) => ExistingEntries = () => nothing) {
  return planAnnotationImport({ file, readings, members, existing, importerId: "user-instructor", now: NOW });
}

describe("planning a Hypothesis import", () => {
  const result = plan();
  const lora = result.readings.find((reading) => reading.readingId === "reading-lora")!;
  const survey = result.readings.find((reading) => reading.readingId === "reading-survey")!;

  it("matches each annotation to its reading by any link form of the paper, and reports the rest", () => {
    expect(result.readings.map((reading) => reading.readingId)).toEqual(["reading-lora", "reading-survey"]);
    expect(result.unmatched).toEqual([{ annotation: "hyp-attention-0001", reason: "No reading of this course has the link https://arxiv.org/abs/1706.03762." }]);
    expect(lora.report).toEqual({ readingId: "reading-lora", title: "LoRA", placed: 1, detached: 1, comments: 4, unchanged: 0, skipped: [] });
    expect(survey.report).toEqual({ readingId: "reading-survey", title: "Instruction Tuning", placed: 1, detached: 0, comments: 1, unchanged: 0, skipped: [] });
  });

  it("re-anchors a quote on the abstract whatever position the source gave", () => {
    const placed = lora.highlights.find((highlight) => highlight.target.exact === "freezes the pre-trained model weights")!;
    const start = LORA_ABSTRACT.indexOf("freezes the pre-trained");
    expect(placed.target).toMatchObject({ start, end: start + "freezes the pre-trained model weights".length, prefix: LORA_ABSTRACT.slice(start - 32, start) });
    expect(placed).toMatchObject({ authorId: "user-alice", kind: "question", createdAt: Date.parse("2024-03-02T10:15:00Z") });
  });

  it("keeps a quote that is no longer in the abstract, detached, with its own text", () => {
    const detached = lora.highlights.find((highlight) => highlight.target.exact.startsWith("quantum annealing"))!;
    expect(detached.target).toEqual({ exact: "quantum annealing of the adapter matrices on TPUs", prefix: "we additionally study ", suffix: " in depth.", start: 300, end: 349 });
  });

  it("writes a class member's annotation in their name, anyone else's in the importer's with a quoted attribution", () => {
    const byText = (text: string) => lora.comments.find((comment) => comment.body.includes(text))!;
    expect(byText("freezing the weights")).toMatchObject({ authorId: "user-alice", body: "Why does freezing the weights not hurt quality?\n\nTags: peft" });
    expect(byText("low-rank, the base")).toMatchObject({
      authorId: "user-instructor",
      body: "“from Hypothesis, by acct:zoe_reads@hypothes.is”\n\nBecause the update is low-rank, the base model's knowledge stays put.",
    });
    expect(byText("merges back")).toMatchObject({ authorId: "user-bob" });
    expect(survey.highlights[0]).toMatchObject({ authorId: "user-lead", kind: "key-idea" });
  });

  it("threads replies under the comment they answer, on the same highlight", () => {
    const highlight = lora.highlights.find((entry) => entry.authorId === "user-alice")!;
    const first = lora.comments.find((comment) => comment.authorId === "user-alice")!;
    const zoe = lora.comments.find((comment) => comment.body.includes("low-rank, the base"))!;
    const bob = lora.comments.find((comment) => comment.authorId === "user-bob")!;
    expect(first).toMatchObject({ highlightId: highlight.id, parentId: null });
    expect(zoe).toMatchObject({ highlightId: highlight.id, parentId: first.id });
    expect(bob).toMatchObject({ highlightId: highlight.id, parentId: zoe.id });
  });

  it("makes a page note a comment on the whole paper", () => {
    expect(survey.comments).toEqual([expect.objectContaining({ highlightId: null, parentId: null, body: expect.stringContaining("great overview") })]);
  });

  it("derives the same ids from the same file, and finds everything there on a second import", () => {
    const again = plan();
    expect(again.readings.map((reading) => [...reading.highlights, ...reading.comments].map((entry) => entry.id))).toEqual(
      result.readings.map((reading) => [...reading.highlights, ...reading.comments].map((entry) => entry.id)),
    );
    const stored = new Map(result.readings.map((reading) => [reading.readingId, { highlights: new Set(reading.highlights.map((h) => h.id)), comments: new Set(reading.comments.map((c) => c.id)) }]));
    const second = plan(hypothesis, (readingId) => stored.get(readingId) ?? nothing);
    expect(second.readings.flatMap((reading) => [...reading.highlights, ...reading.comments])).toEqual([]);
    expect(second.readings.map((reading) => reading.report.unchanged)).toEqual([4, 2]);
  });
});

describe("planning edge cases", () => {
  const annotation = (overrides: Record<string, unknown>) => ({
    id: "https://other.example/a/1",
    type: "Annotation",
    target: { source: "https://arxiv.org/abs/2106.09685", selector: { type: "TextQuoteSelector", exact: "injects trainable" } },
    ...overrides,
  });
  const w3c = (...items: unknown[]) => parseAnnotationFile(JSON.stringify(items));

  it("skips a reply whose thread is not in the file, and one that answers a skipped annotation", () => {
    const orphan = annotation({ id: "urn:a:2", motivation: "replying", bodyValue: "hm", target: "urn:a:missing" });
    const onUnknownPaper = annotation({ id: "urn:a:3", bodyValue: "x", target: "https://example.org/elsewhere" });
    const replyToSkipped = annotation({ id: "urn:a:4", bodyValue: "y", target: "urn:a:3" });
    const result = plan(w3c(orphan, onUnknownPaper, replyToSkipped));
    expect(result.unmatched).toEqual([
      { annotation: "urn:a:2", reason: "It answers an annotation that is not in this file." },
      { annotation: "urn:a:3", reason: "No reading of this course has the link https://example.org/elsewhere." },
      { annotation: "urn:a:4", reason: "It answers an annotation that was skipped." },
    ]);
  });

  it("skips an annotation with neither quote nor text, in its reading's report", () => {
    const empty = annotation({ target: "https://arxiv.org/abs/2106.09685" });
    expect(plan(w3c(empty)).readings[0]!.report.skipped).toEqual([{ annotation: "https://other.example/a/1", reason: "It has neither a quoted passage nor any text." }]);
  });

  it("brings an empty comment that has replies in as deleted, keeping its reply's place", () => {
    const deleted = annotation({ id: "urn:a:1", motivation: "commenting", target: "https://arxiv.org/abs/2106.09685" });
    const reply = annotation({ id: "urn:a:2", motivation: "replying", bodyValue: "Still here", target: "urn:a:1", creator: { nickname: "bob" } });
    const [reading] = plan(w3c(deleted, reply)).readings;
    expect(reading!.comments).toEqual([
      expect.objectContaining({ body: "", deleted: true, parentId: null }),
      expect.objectContaining({ body: "Still here", deleted: false, authorId: "user-bob", parentId: reading!.comments[0]!.id }),
    ]);
  });

  it("matches authors by email, email hash and handle, and never puts a time in the future", () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ email: "mailto:ALICE@demo.test" }, "user-alice"],
      [{ email_sha1: "da60e7df9b717d152b65d77790c7c0a032b9b86c" }, "user-alice"],
      [{ email_sha1: "0e3d1c1ec6c4d8f0b1e6d97d5a19d5cbf1bdf0d9" }, "user-instructor"],
      [{ id: "acct:lead@elsewhere.example" }, "user-lead"],
      [{ id: "mailto:bob@demo.test" }, "user-bob"],
      [{ name: "Nobody we know" }, "user-instructor"],
    ];
    for (const [creator, authorId] of cases) {
      const [reading] = plan(w3c(annotation({ creator, created: "2999-01-01T00:00:00Z" }))).readings;
      expect(reading!.highlights[0]).toMatchObject({ authorId, createdAt: NOW });
    }
  });

  it("finds a reading by a link to its page on this site", () => {
    const onOurPage = annotation({ bodyValue: "From the site", target: "https://marginalia.example/readings/reading-survey" });
    expect(plan(w3c(onOurPage)).readings[0]!.readingId).toBe("reading-survey");
  });

  it("keeps the entry ids of our own export", () => {
    const ours = annotation({ id: "https://marginalia.example/readings/r1#highlight-abcdef0123456789abcdef01", creator: { nickname: "alice" }, body: { type: "TextualBody", purpose: "tagging", value: "method" } });
    const comment = annotation({ id: "https://marginalia.example/readings/r1#comment-fedcba9876543210fedcba98", creator: { nickname: "bob" }, bodyValue: "On it", target: ours.id });
    const [reading] = plan(w3c(ours, comment)).readings;
    expect(reading!.highlights[0]).toMatchObject({ id: "abcdef0123456789abcdef01", kind: "method" });
    expect(reading!.comments[0]).toMatchObject({ id: "fedcba9876543210fedcba98", highlightId: "abcdef0123456789abcdef01", parentId: null });
  });

  it("refuses to guess between two readings with the same paper", () => {
    const twice = [...readings, { id: "reading-lora-2", title: "LoRA again", abstract: LORA_ABSTRACT, links: ["https://arxiv.org/pdf/2106.09685"] }];
    const result = planAnnotationImport({ file: w3c(annotation({})), readings: twice, members, existing: () => nothing, importerId: "i", now: NOW });
    expect(result.unmatched[0]!.reason).toMatch(/Several readings have the link .*\(“LoRA”, “LoRA again”\); it was not imported/);
  });
});
