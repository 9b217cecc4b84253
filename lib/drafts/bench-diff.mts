// Benchmark: what "Changes since this revision" costs for two 500,000-character revisions, with a few
// edits scattered and completely rewritten, as paragraphs (blank lines between them, which two
// different texts still share) and as one long list (short lines, nothing shared once rewritten).
// Each case runs in a child process of its own so its peak memory (maxRSS) is its own.
// Usage: npm run bench:diff
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { diffLines, DIFF_TIMEOUT_MS, MAX_EDITED_LINES } from "./line-diff.ts";

const CHARS = 500_000;
const RUNS = 5;
const SHAPES = { paragraphs: 400, "list items": 20 } as const;
const EDITS = ["a few edits", "completely different"] as const;
type Shape = keyof typeof SHAPES;
type Edit = (typeof EDITS)[number];

interface Result {
  shape: Shape;
  edit: Edit;
  lines: number;
  outcome: string;
  medianMs: number;
  maxMs: number;
  baseRssMiB: number;
  peakRssMiB: number;
}

/** A deterministic pseudo-random sequence (the same drafts on every run). */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

/** Markdown of CHARS characters: paragraphs (and a few headings) between blank lines, or list items. */
function markdown(seed: number, shape: Shape, vocabulary: string[]): string {
  const next = random(seed);
  const lines: string[] = [];
  let size = 0;
  while (size < CHARS) {
    let line = shape === "list items" ? "- " : next() < 0.05 ? "## " : "";
    const target = SHAPES[shape] * (0.5 + next());
    while (line.length < target) line += `${vocabulary[Math.floor(next() * vocabulary.length)]} `;
    lines.push(line.trimEnd(), ...(shape === "paragraphs" ? [""] : []));
    size += line.length + (shape === "paragraphs" ? 1 : 0);
  }
  return lines.join("\n").slice(0, CHARS);
}

const WORDS = "the model low rank adapters training data quantized weights fine tuning learning rate layer attention head benchmark".split(" ");
const OTHER = "a seminar class reads papers together shared highlights comment threads live drafts blog presentation revision".split(" ");

function inputs(shape: Shape, edit: Edit): { before: string; after: string } {
  const before = markdown(1, shape, WORDS);
  if (edit === "completely different") return { before, after: markdown(2, shape, OTHER) };
  // 10 changed lines, 5 inserted and 5 deleted, spread evenly through the text.
  const lines = before.split("\n");
  for (let index = 0; index < 20; index++) {
    const at = Math.floor(((index + 0.5) * lines.length) / 20) & ~1; // even: a paragraph, not a blank line
    if (index % 4 === 1) lines.splice(at, 0, `An inserted sentence number ${index}.`);
    else if (index % 4 === 3) lines.splice(at, 1);
    else lines[at] = `${lines[at]} (edited ${index})`;
  }
  return { before, after: lines.join("\n") };
}

const MiB = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function runCase(shape: Shape, edit: Edit): Result {
  const { before, after } = inputs(shape, edit);
  const baseRss = process.memoryUsage().rss;
  const times: number[] = [];
  let outcome = "";
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const diff = diffLines({ before, after });
    times.push(performance.now() - start);
    outcome = diff.status === "lines" ? `${diff.lines.filter((line) => line.op !== "same").length} lines changed` : "too different";
  }
  times.sort((a, b) => a - b);
  return {
    shape,
    edit,
    lines: before.split("\n").length,
    outcome,
    medianMs: times[Math.floor(RUNS / 2)]!,
    maxMs: times.at(-1)!,
    baseRssMiB: MiB(baseRss),
    // maxRSS is in KiB: the process's peak, reached while diffing since the inputs were built first.
    peakRssMiB: MiB(process.resourceUsage().maxRSS * 1024),
  };
}

function inChild(shape: Shape, edit: Edit): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ["--case", shape, edit], { execArgv: process.execArgv });
    child.once("message", (message) => resolve(message as Result));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`The case "${shape}, ${edit}" exited with code ${code}.`))));
  });
}

if (process.argv[2] === "--case") {
  process.send!(runCase(process.argv[3] as Shape, process.argv[4] as Edit));
  process.disconnect();
} else {
  console.log(`Two revisions of ${CHARS.toLocaleString("en")} characters; limits: ${MAX_EDITED_LINES.toLocaleString("en")} edited lines, ${DIFF_TIMEOUT_MS} ms; ${RUNS} runs each.\n`);
  console.log("| Revisions | Lines | Result | Median | Slowest | RSS before | Peak RSS |");
  console.log("|---|---|---|---|---|---|---|");
  for (const shape of Object.keys(SHAPES) as Shape[]) {
    for (const edit of EDITS) {
      const result = await inChild(shape, edit);
      console.log(
        `| ${shape}, ${edit} | ${result.lines.toLocaleString("en")} | ${result.outcome} | ${result.medianMs.toFixed(1)} ms | ${result.maxMs.toFixed(1)} ms | ${result.baseRssMiB} MiB | ${result.peakRssMiB} MiB |`,
      );
    }
  }
}
