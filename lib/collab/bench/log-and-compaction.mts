// Benchmark (a script, not a test) for the durable log and compaction: appends per second with N concurrent
// writers, and the longest event-loop stall while a reading of 5,000 comments is compacted and projected
// (first in full, then after one more comment), and while a draft of 100,000 characters is compacted and
// projected (JSON, Markdown, a revision), measured with perf_hooks.monitorEventLoopDelay.
// Run: npx tsx lib/collab/bench/log-and-compaction.mts [-- --writers 64 --appends 20000 --comments 5000]
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import * as Y from "yjs";
import { createDb } from "../../db/client.ts";
import { DRAFT_FRAGMENT } from "../../drafts/editor-schema.ts";
import { rebuildDraftProjection } from "../../drafts/projection.ts";
import { createMigratedTemplate, dropDatabase, startTestCluster } from "../../testing/test-cluster.ts";
import { compactDocument } from "../compact-document.ts";
import { appendUpdate } from "../document-store.ts";
import { createComment } from "../reading-doc.ts";
import { rebuildReadingProjection } from "../reading-projection.ts";

const { values } = parseArgs({ options: { writers: { type: "string", default: "64" }, appends: { type: "string", default: "20000" }, comments: { type: "string", default: "5000" } } });
const WRITERS = Number(values.writers);
const APPENDS = Number(values.appends);
const COMMENTS = Number(values.comments);

const cluster = await startTestCluster();
const databaseName = await createMigratedTemplate(cluster);
const db = createDb(cluster.urlFor(databaseName));

/** Longest event-loop stall, and the event loop's busy time over the whole work (all stalls together). */
async function measureStall<T>(work: () => Promise<T>): Promise<{ result: T; maxMs: number; busyMs: number; ms: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const utilization = performance.eventLoopUtilization();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  const busyMs = performance.eventLoopUtilization(utilization).active;
  histogram.disable();
  return { result, maxMs: histogram.max / 1e6, busyMs, ms };
}

try {
  // 1. The log: each writer waits for its previous append, as one connection does.
  const doc = new Y.Doc();
  const vector = Y.encodeStateVector(doc);
  createComment(doc, { authorId: "bench-author", highlightId: null, parentId: null, body: "x".repeat(200) });
  const update = Y.encodeStateAsUpdate(doc, vector);
  await appendUpdate(db, { name: "reading:benchwarmup0000001", update, userId: null });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      const name = `reading:benchlog${String(writer).padStart(4, "0")}00000000`;
      for (let index = writer; index < APPENDS; index += WRITERS) await appendUpdate(db, { name, update, userId: "bench-author" });
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`log: ${APPENDS} appends of ${update.byteLength} B with ${WRITERS} concurrent writers in ${seconds.toFixed(2)} s = ${Math.round(APPENDS / seconds).toLocaleString("en-US")} appends/s`);

  // 2. A big reading: every comment its own logged update, as clients would have sent them.
  const readingId = "benchbigreading000000001";
  const name = `reading:${readingId}`;
  const big = new Y.Doc();
  const updates: Uint8Array[] = [];
  for (let index = 0; index < COMMENTS; index++) {
    const before = Y.encodeStateVector(big);
    createComment(big, { authorId: `author-${index % 40}`, highlightId: null, parentId: null, body: `Comment ${index}: ${"words ".repeat(30)}` });
    updates.push(Y.encodeStateAsUpdate(big, before));
  }
  await Promise.all(updates.map((entry) => appendUpdate(db, { name, update: entry, userId: null })));
  const compactAndProject = async () => {
    const { state } = await compactDocument(db, name);
    await rebuildReadingProjection(db, readingId, state);
  };
  const compaction = await measureStall(() => compactDocument(db, name));
  const projection = await measureStall(() => rebuildReadingProjection(db, readingId, compaction.result.state));
  console.log(
    `${COMMENTS} comments (${(compaction.result.state.byteLength / 1024).toFixed(0)} KiB): compacted from ${COMMENTS} log rows in ${compaction.ms.toFixed(0)} ms ` +
      `(longest event-loop stall ${compaction.maxMs.toFixed(1)} ms, event loop busy ${compaction.busyMs.toFixed(0)} ms in all), ` +
      `projected from scratch in ${projection.ms.toFixed(0)} ms (longest stall ${projection.maxMs.toFixed(1)} ms, busy ${projection.busyMs.toFixed(0)} ms)`,
  );

  // Steady state, five times: one more comment each. On a shared machine a stall also counts the time the
  // process was not scheduled at all, so the same measurement over an idle second is printed beside it.
  const stalls: number[] = [];
  const busy: number[] = [];
  const idle: number[] = [];
  for (let round = 0; round < 5; round++) {
    const before = Y.encodeStateVector(big);
    createComment(big, { authorId: "author-1", highlightId: null, parentId: null, body: `one more, round ${round}` });
    await appendUpdate(db, { name, update: Y.encodeStateAsUpdate(big, before), userId: null });
    const measured = await measureStall(compactAndProject);
    stalls.push(measured.maxMs);
    busy.push(measured.busyMs);
    idle.push((await measureStall(() => new Promise((resolve) => setTimeout(resolve, 1000)))).maxMs);
  }
  const list = (values: number[]) => values.map((value) => value.toFixed(0)).join(", ");
  console.log(
    `one more comment, compacted and projected, 5 times: longest event-loop stall ${list(stalls)} ms, event loop busy ${list(busy)} ms in all ` +
      `(longest stall over an idle second on this machine: ${list(idle)} ms)`,
  );

  // 3. A draft of 100,000 characters: 500 paragraphs, each its own logged update.
  const session = await db.classSession.create({ data: { slug: "bench-session", title: "Bench session", position: 0 } });
  const draft = await db.draft.create({ data: { sessionId: session.id, kind: "BLOG_POST" } });
  const draftName = `draft:${draft.id}`;
  const draftDoc = new Y.Doc();
  const fragment = draftDoc.getXmlFragment(DRAFT_FRAGMENT);
  const draftUpdates: Uint8Array[] = [];
  for (let index = 0; index < 500; index++) {
    const before = Y.encodeStateVector(draftDoc);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(`Paragraph ${String(index).padStart(3, "0")}: ${"lorem ipsum ".repeat(16)}`.slice(0, 200))]);
    fragment.insert(fragment.length, [paragraph]);
    draftUpdates.push(Y.encodeStateAsUpdate(draftDoc, before));
  }
  for (const entry of draftUpdates) await appendUpdate(db, { name: draftName, update: entry, userId: null });
  const drafted = await measureStall(async () => {
    const { state } = await compactDocument(db, draftName);
    await rebuildDraftProjection({ db, draftId: draft.id, state, lastEditorLeft: true });
  });
  const stored = await db.draft.findUniqueOrThrow({ where: { id: draft.id } });
  console.log(`draft of ${stored.markdown.length.toLocaleString("en-US")} Markdown characters, compacted from 500 log rows and projected: ${drafted.ms.toFixed(0)} ms, longest event-loop stall ${drafted.maxMs.toFixed(1)} ms, busy ${drafted.busyMs.toFixed(0)} ms in all`);
} finally {
  await db.$disconnect();
  await dropDatabase(cluster, databaseName);
  await cluster.stop();
  // The Yjs worker, if any, is unref'd; nothing else keeps the process.
}
process.exit(0);
