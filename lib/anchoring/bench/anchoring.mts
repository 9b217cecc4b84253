// Benchmark (not a test): re-anchoring cost in Chromium for a reading with 500 highlights, 100 of them
// detached with 2,000-character quotes. Bundles page.tsx (the real anchoring library, live-data store and
// AnnotatedAbstract), runs it in the Chromium the browser tests use, and prints the numbers.
// Run: npm run bench:anchoring [-- --rounds N]
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { build, type Rolldown } from "vite";
import playwrightConfig from "../../../e2e/playwright.config.ts";
import type { BenchOptions, BenchResult, Summary } from "./page.tsx";

const root = path.resolve(import.meta.dirname, "../../..");
const { values } = parseArgs({ options: { rounds: { type: "string", default: "20" } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 1000) {
  console.error(`--rounds must be a whole number from 1 to 1000, not "${values.rounds}".`);
  process.exit(2);
}
const options: BenchOptions = { highlights: 500, detached: 100, rounds };

const bundled = await build({
  configFile: false,
  root,
  // "use client" directives are meaningless in this bundle; their warnings would bury the numbers.
  logLevel: "error",
  resolve: { alias: { "@": root } },
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    write: false,
    minify: true,
    lib: { entry: path.join(import.meta.dirname, "page.tsx"), formats: ["iife"], name: "anchoringBenchBundle" },
  },
});
const outputs = (Array.isArray(bundled) ? bundled : [bundled]) as Rolldown.RolldownOutput[];
const script = outputs.flatMap((output) => output.output).find((chunk): chunk is Rolldown.OutputChunk => chunk.type === "chunk")?.code;
if (!script) throw new Error("The bench page did not bundle into a script.");

const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
try {
  const page = await browser.newPage();
  page.on("pageerror", (error) => console.error(`In the page: ${error.message}`));
  await page.setContent('<!doctype html><html><body><main id="bench"></main></body></html>');
  await page.addScriptTag({ content: script });
  const result: BenchResult = await page.evaluate((benchOptions) => window.anchoringBench.run(benchOptions), options);
  const ms = (summary: Summary) => `median ${summary.median} ms (min ${summary.min}, max ${summary.max})`;
  console.log(`Chromium ${browser.version()}, ${options.highlights} highlights (${options.detached} detached, 2,000-character quotes), abstract of ${result.abstractLength} characters, ${rounds} rounds`);
  console.log(`statuses: ${Object.entries(result.statuses).map(([status, count]) => `${count} ${status}`).join(", ")}`);
  console.log(`cold: every highlight anchored (first render or a corrected abstract): ${ms(result.cold)}`);
  console.log(`after a comment (unrelated update): ${result.reanchoredAfterComment} re-anchored; store + anchors ${ms(result.afterComment)}`);
  console.log(`after a new highlight: ${result.reanchoredAfterHighlight} re-anchored; store + anchors ${ms(result.afterHighlight)}`);
  console.log(`update to React commit of the annotated abstract, after a comment: ${ms(result.commitAfterComment)}`);
  console.log(`update to React commit of the annotated abstract, after a new highlight: ${ms(result.commitAfterHighlight)}`);
  console.log(`for comparison, a comment when every update re-anchors everything: ${ms(result.commitAfterCommentUnmemoised)}`);
} finally {
  await browser.close();
}
