// Benchmark (not a test): a Hypothesis export of 5,000 annotations over the demo class's readings
// (2,500 highlights with text, 2,500 replies; a tenth of the quotes no longer in the abstract) is
// imported, imported again (nothing to do), exported as W3C, and the export checked by the conformance
// kit. Prints the times and sizes. Run: npx tsx lib/interchange/bench-interchange.mts
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadActor } from "../auth/current-actor.ts";
import { openDemoClassDatabase } from "../testing/demo-class.ts";
import { exportSessionAnnotations } from "./export-session-annotations.ts";
import { importAnnotations } from "./import-annotations.ts";

const HIGHLIGHTS = 2_500;
const { db, close } = await openDemoClassDatabase();
try {
  const user = await db.user.findUniqueOrThrow({ where: { email: "instructor@demo.test" } });
  const instructor = (await loadActor({ userId: user.id, sessionVersion: 0, db }))!;
  const readings = await db.reading.findMany({ where: { url: { startsWith: "https://arxiv.org/" } }, select: { url: true, abstract: true } });
  const handles = ["alice", "bob", "lead", "blog", "stranger"];
  const rows: object[] = [];
  for (let i = 0; i < HIGHLIGHTS; i++) {
    const reading = readings[i % readings.length]!;
    const start = (i * 37) % Math.max(1, reading.abstract.length - 40);
    const exact = i % 10 === 9 ? `a passage that is no longer there ${i}` : reading.abstract.slice(start, start + 30);
    const user = `acct:${handles[i % handles.length]}@hypothes.is`;
    const created = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
    rows.push({ id: `h${i}`, uri: reading.url, user, created, text: `Note ${i}`, tags: i % 3 === 0 ? ["question"] : [], target: [{ source: reading.url, selector: [{ type: "TextQuoteSelector", exact, prefix: "", suffix: "" }, { type: "TextPositionSelector", start, end: start + 30 }] }] });
    rows.push({ id: `r${i}`, uri: reading.url, user: `acct:${handles[(i + 1) % handles.length]}@hypothes.is`, created, text: `Reply ${i}`, references: [`h${i}`], target: [{ source: reading.url }] });
  }
  const file = JSON.stringify({ total: rows.length, rows });
  const time = async <T,>(run: () => Promise<T>): Promise<[T, number]> => {
    const started = performance.now();
    const result = await run();
    return [result, performance.now() - started];
  };
  const [first, importMs] = await time(() => importAnnotations({ actor: instructor, input: file, db }));
  const [second, againMs] = await time(() => importAnnotations({ actor: instructor, input: file, db }));
  const [exported, exportMs] = await time(() => exportSessionAnnotations({ actor: instructor, slug: "llm-fine-tuning", baseUrl: "https://marginalia.example", db }));
  const [pageOne, pageMs] = await time(() => exportSessionAnnotations({ actor: instructor, slug: "llm-fine-tuning", baseUrl: "https://marginalia.example", page: 1, db }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "interchange-bench-"));
  fs.writeFileSync(path.join(dir, "export.json"), JSON.stringify(exported));
  const kitStarted = performance.now();
  const kit = spawnSync(process.execPath, [path.join(import.meta.dirname, "conformance/w3c-annotation-model/run.mjs"), "--json", path.join(dir, "export.json")], {
    env: { ...process.env, W3C_ANNO_KIT_DEPS: path.resolve(import.meta.dirname, "../..") },
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const kitMs = performance.now() - kitStarted;
  fs.rmSync(dir, { recursive: true, force: true });
  const placed = first.readings.reduce((sum, reading) => sum + reading.placed, 0);
  const detached = first.readings.reduce((sum, reading) => sum + reading.detached, 0);
  const comments = first.readings.reduce((sum, reading) => sum + reading.comments, 0);
  console.log(`file: ${rows.length.toLocaleString("en-US")} annotations, ${(file.length / 1024).toFixed(0)} KiB`);
  console.log(`import: ${importMs.toFixed(0)} ms (${placed} placed, ${detached} detached, ${comments} comments over ${first.readings.length} readings)`);
  console.log(`same file again: ${againMs.toFixed(0)} ms (written: ${second.written})`);
  console.log(`export (collection + first page of ${(exported.first as { items: unknown[] }).items.length}, total ${String(exported.total)}): ${exportMs.toFixed(0)} ms; page 1: ${pageMs.toFixed(0)} ms (${(pageOne.items as unknown[]).length} items)`);
  console.log(`conformance kit on the collection: ${kitMs.toFixed(0)} ms, exit ${kit.status}, MUST failed ${JSON.parse(kit.stdout).summary.mustFailed}`);
} finally {
  await close();
}
