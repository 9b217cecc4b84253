// Browser half of `npm run bench:anchoring` (bundled and run in Chromium by anchoring.mts): a reading with
// 500 highlights, 100 of them detached with 2,000-character quotes, drawn by the real AnnotatedAbstract
// from the real live-data store; times anchoring from cold and the work done after live updates.
import { useLayoutEffect } from "react";
import { createRoot } from "react-dom/client";
import * as Y from "yjs";
import { anchorTarget, describeTextRange, MAX_EXACT_LENGTH, memoizeAnchors, type AnchorResult, type TextTarget } from "@/lib/anchoring";
import { createComment, createHighlight } from "@/lib/collab/reading-doc";
import { AnnotatedAbstract } from "@/components/annotations/annotated-abstract";
import { useAnchors } from "@/components/annotations/reading-data";
import { readingDataStore, useReadingData } from "@/components/annotations/use-live-data";

export interface BenchOptions {
  highlights: number;
  detached: number;
  rounds: number;
}

export interface Summary {
  median: number;
  min: number;
  max: number;
}

export interface BenchResult {
  abstractLength: number;
  statuses: Record<AnchorResult["status"], number>;
  /** Anchoring every highlight with nothing remembered: first render, or a corrected abstract. */
  cold: Summary;
  /** Highlights anchored again after one unrelated update (a comment), as the page's memo does it. */
  reanchoredAfterComment: number;
  /** Time to re-read the document and re-anchor after that update (store + memo), without rendering. */
  afterComment: Summary;
  /** The same with a new highlight: only it is anchored. */
  reanchoredAfterHighlight: number;
  afterHighlight: Summary;
  /** From the change to React's commit of the annotated abstract (store, anchors, layout, render). */
  commitAfterComment: Summary;
  commitAfterHighlight: Summary;
  /** For comparison: the commit when every update re-anchors everything (no memo). */
  commitAfterCommentUnmemoised: Summary;
}

const WORDS = (
  "we present an efficient finetuning approach that reduces memory usage enough to finetune a parameter model on a single GPU " +
  "while preserving full task performance backpropagates gradients through frozen quantized pretrained language into low rank " +
  "adapters our best family which name outperforms all previous openly released models benchmark reaching level of ChatGPT only " +
  "hours introduces number innovations save without sacrificing new data type information theoretically optimal for normally " +
  "distributed weights double quantization average footprint by quantizing constants paged optimizers manage spikes"
).split(" ");

/** Deterministic prose (a seeded linear congruential generator), so every run measures the same case. */
function prose(seed: number, length: number): string {
  let state = seed >>> 0;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const sentences: string[] = [];
  let total = 0;
  while (total < length) {
    const words = Array.from({ length: 8 + Math.floor(next() * 14) }, () => WORDS[Math.floor(next() * WORDS.length)]!);
    const sentence = `${words.join(" ").replace(/^./, (first) => first.toUpperCase())}.`;
    sentences.push(sentence);
    total += sentence.length + 1;
  }
  return sentences.join(" ").slice(0, length).trimEnd();
}

/**
 * The abstract as it was when people highlighted it (an introduction, a long section, the rest) and as it
 * is now: the section removed, a sentence added at the start and a few words corrected.
 */
function buildCase(options: BenchOptions) {
  const introduction = prose(1, 900);
  const removed = prose(2, MAX_EXACT_LENGTH + 2 * options.detached);
  const rest = prose(3, 1600);
  const before = `${introduction} ${removed} ${rest}`;
  const now = `Abstract revised after review. ${introduction} ${rest}`.replace(/ memory usage /, " memory use ").replace(/ paged /g, " paging ");

  let state = 42;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const targets: TextTarget[] = [];
  for (let index = 0; index < options.detached; index++) {
    const start = introduction.length + 1 + 2 * index;
    targets.push(describeTextRange(before, start, start + MAX_EXACT_LENGTH));
  }
  const kept = [
    [0, introduction.length],
    [before.length - rest.length, before.length],
  ] as const;
  while (targets.length < options.highlights) {
    const [from, to] = kept[Math.floor(next() * kept.length)]!;
    const length = 5 + Math.floor(next() ** 2 * 300);
    const start = from + Math.floor(next() * (to - from - length));
    targets.push(describeTextRange(before, start, start + length));
  }
  return { before, now, targets };
}

function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return { median: round(sorted[Math.floor(sorted.length / 2)]!), min: round(sorted[0]!), max: round(sorted.at(-1)!) };
}

function countStatuses(results: Iterable<AnchorResult>): Record<AnchorResult["status"], number> {
  const counts = { exact: 0, moved: 0, fuzzy: 0, detached: 0 };
  for (const result of results) counts[result.status]++;
  return counts;
}

let commitListener: (() => void) | null = null;
const NO_MEMBERS: never[] = [];

function Harness({ doc, abstract, memoised }: { doc: Y.Doc; abstract: string; memoised: boolean }) {
  const data = useReadingData(doc);
  const memoAnchors = useAnchors(abstract, data.highlights);
  const anchors = memoised ? memoAnchors : new Map(data.highlights.map((highlight) => [highlight.id, anchorTarget(abstract, highlight.target)]));
  useLayoutEffect(() => commitListener?.());
  return <AnnotatedAbstract abstract={abstract} highlights={data.highlights} anchors={anchors} members={NO_MEMBERS} onOpenHighlight={() => undefined} onCreateHighlight={() => true} />;
}

/** Runs `change` and resolves with the milliseconds until React has committed the re-rendered abstract. */
function timeCommit(change: () => void): Promise<number> {
  return new Promise((resolve) => {
    const started = performance.now();
    commitListener = () => {
      commitListener = null;
      resolve(performance.now() - started);
    };
    change();
  });
}

function seededDoc(targets: readonly TextTarget[]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const target of targets) createHighlight(doc, { authorId: "u-bench", kind: "note", target });
  });
  return doc;
}

async function measureCommits(doc: Y.Doc, abstract: string, memoised: boolean, rounds: number, change: (round: number) => void): Promise<number[]> {
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  await timeCommit(() => root.render(<Harness doc={doc} abstract={abstract} memoised={memoised} />));
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) samples.push(await timeCommit(() => change(round)));
  root.unmount();
  container.remove();
  return samples;
}

export async function run(options: BenchOptions): Promise<BenchResult> {
  const { now, targets } = buildCase(options);
  const subjects = targets.map((target, index) => ({ id: `h-${index}`, target }));

  const cold: number[] = [];
  let statuses = countStatuses([]);
  for (let round = 0; round < options.rounds; round++) {
    const anchorAll = memoizeAnchors();
    const started = performance.now();
    const results = anchorAll(now, subjects);
    cold.push(performance.now() - started);
    statuses = countStatuses(results.values());
  }

  // Store + memo after live updates, as the page runs them (without React).
  const doc = seededDoc(targets);
  const store = readingDataStore(doc);
  const unsubscribe = store.subscribe(() => undefined);
  let anchored = 0;
  const anchorAll = memoizeAnchors({
    anchor: (text, target) => {
      anchored++;
      return anchorTarget(text, target);
    },
  });
  anchorAll(now, store.getSnapshot().highlights);
  const timeUpdate = (change: () => void) => {
    anchored = 0;
    const started = performance.now();
    change();
    anchorAll(now, store.getSnapshot().highlights);
    return performance.now() - started;
  };
  const afterComment: number[] = [];
  const afterHighlight: number[] = [];
  let reanchoredAfterComment = 0;
  let reanchoredAfterHighlight = 0;
  for (let round = 0; round < options.rounds; round++) {
    afterComment.push(timeUpdate(() => createComment(doc, { authorId: "u-bench", highlightId: null, parentId: null, body: `Comment ${round}` })));
    reanchoredAfterComment = anchored;
    afterHighlight.push(timeUpdate(() => createHighlight(doc, { authorId: "u-bench", kind: "note", target: describeTextRange(now, round, round + 12) })));
    reanchoredAfterHighlight = anchored;
  }
  unsubscribe();

  const comment = (target: Y.Doc) => (round: number) => {
    createComment(target, { authorId: "u-bench", highlightId: null, parentId: null, body: `Comment ${round}` });
  };
  const highlight = (target: Y.Doc) => (round: number) => {
    createHighlight(target, { authorId: "u-bench", kind: "note", target: describeTextRange(now, 40 + round, 60 + round) });
  };
  const commitDoc = seededDoc(targets);
  const commitAfterComment = await measureCommits(commitDoc, now, true, options.rounds, comment(commitDoc));
  const commitAfterHighlight = await measureCommits(commitDoc, now, true, options.rounds, highlight(commitDoc));
  const plainDoc = seededDoc(targets);
  const commitAfterCommentUnmemoised = await measureCommits(plainDoc, now, false, Math.min(options.rounds, 5), comment(plainDoc));

  return {
    abstractLength: now.length,
    statuses,
    cold: summarize(cold),
    reanchoredAfterComment,
    afterComment: summarize(afterComment),
    reanchoredAfterHighlight,
    afterHighlight: summarize(afterHighlight),
    commitAfterComment: summarize(commitAfterComment),
    commitAfterHighlight: summarize(commitAfterHighlight),
    commitAfterCommentUnmemoised: summarize(commitAfterCommentUnmemoised),
  };
}

declare global {
  interface Window {
    anchoringBench: { run: typeof run };
  }
}
window.anchoringBench = { run };
