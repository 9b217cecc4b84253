// Benchmark (not a test): a draft of 100,000 characters, typed as many small edits through the real
// collaboration server; then a cold server (fresh process state) loads it for a new editor. Prints the
// load time and the stored bytes against the size of the Yjs state. Run: npm run bench:drafts
import { openDemoClassDatabase } from "../testing/demo-class.ts";
import * as Y from "yjs";
import { draftDocumentName } from "../collab/document-name.ts";
import { connectClient, sessionCookie, startTestCollabServer, waitUntilSaved } from "../collab/testing/support.ts";
import { DRAFT_FRAGMENT } from "./editor-schema.ts";
import { ensureSessionDrafts } from "./drafts.ts";

const TARGET_CHARACTERS = 100_000;
const { db, close } = await openDemoClassDatabase();
const lead = await db.user.findUniqueOrThrow({ where: { email: "lead@demo.test" } });
const session = await db.classSession.findFirstOrThrow();
const [presentation] = await ensureSessionDrafts(db, session.id);
const name = draftDocumentName(presentation!.id);
const cookie = await sessionCookie(lead);

// Write: paragraphs of ~200 characters, each typed in 20-character edits (as a person types).
let server = await startTestCollabServer(db);
const writer = await connectClient(server.url, name, cookie);
const fragment = writer.doc.getXmlFragment(DRAFT_FRAGMENT);
const sentence = "Low-rank adapters freeze the pretrained weights and learn a small update per layer; ";
let written = 0;
const writeStarted = performance.now();
while (written < TARGET_CHARACTERS) {
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  fragment.insert(fragment.length, [paragraph]);
  for (let i = 0; i < 10 && written < TARGET_CHARACTERS; i++) {
    const chunk = sentence.slice((i * 20) % sentence.length, ((i * 20) % sentence.length) + 20).padEnd(20, ".");
    text.insert(text.length, chunk);
    written += chunk.length;
  }
  if (fragment.length % 25 === 0) await waitUntilSaved(writer, 60_000);
}
await waitUntilSaved(writer, 60_000);
const writeSeconds = (performance.now() - writeStarted) / 1000;
const stateBytes = Y.encodeStateAsUpdate(writer.doc).byteLength;
writer.destroy();
await server.close();

const stored = {
  state: (await db.liveDocument.findUnique({ where: { name } }))?.state.byteLength ?? 0,
  log: (await db.documentUpdate.findMany({ where: { documentName: name }, select: { update: true } })).reduce((sum, row) => sum + row.update.byteLength, 0),
  projection: await db.draft.findUniqueOrThrow({ where: { id: presentation!.id }, select: { json: true, markdown: true } }),
  revisions: (await db.draftRevision.findMany({ where: { draftId: presentation!.id }, select: { state: true, markdown: true, json: true } })).reduce(
    (sum, revision) => sum + revision.state.byteLength + Buffer.byteLength(revision.markdown) + Buffer.byteLength(JSON.stringify(revision.json)),
    0,
  ),
};

// Cold load: a new server (nothing in memory) and a new editor, timed to the first full sync.
const samples: number[] = [];
for (let round = 0; round < 5; round++) {
  server = await startTestCollabServer(db);
  const started = performance.now();
  const reader = await connectClient(server.url, name, cookie);
  samples.push(performance.now() - started);
  const characters = reader.doc.getXmlFragment(DRAFT_FRAGMENT).toArray().reduce((sum, node) => sum + (node as Y.XmlElement).toArray().reduce((inner, child) => inner + (child as Y.XmlText).length, 0), 0);
  if (characters !== written) throw new Error(`loaded ${characters} characters, expected ${written}`);
  reader.destroy();
  await server.close();
}
samples.sort((a, b) => a - b);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(`\nDraft of ${written.toLocaleString("en-US")} characters in ${fragment.length} paragraphs, written as ${Math.ceil(written / 20).toLocaleString("en-US")} edits in ${writeSeconds.toFixed(1)} s`);
console.log(`Cold load to first sync (5 rounds, fresh server each): median ${samples[2]!.toFixed(0)} ms, min ${samples[0]!.toFixed(0)} ms, max ${samples[4]!.toFixed(0)} ms`);
console.log(`Yjs state (encodeStateAsUpdate): ${kb(stateBytes)}`);
console.log(`Stored: compacted state ${kb(stored.state)} + uncompacted log ${kb(stored.log)}; projection JSON ${kb(Buffer.byteLength(JSON.stringify(stored.projection.json)))} + Markdown ${kb(Buffer.byteLength(stored.projection.markdown))}; revisions ${kb(stored.revisions)}`);
await close();
process.exit(0);
