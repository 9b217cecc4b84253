// Scale-out check (needs a Redis; not part of npm test): two collaboration servers on two ports share
// one Postgres and REDIS_URL (default redis://127.0.0.1:6379); a client on each edits one reading and
// both must see everything, and Postgres must hold it once. Run: npm run check:scale-out
import { openDemoClassDatabase } from "../../testing/demo-class.ts";
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as Y from "yjs";
import { readingDocumentName } from "../document-name.ts";
import { loadDocument } from "../document-store.ts";
import { createComment, readComments } from "../reading-doc.ts";
import { createCollabServer } from "../server.ts";
import { connectClient, sessionCookie, TEST_SECRET, waitUntilSaved } from "../testing/support.ts";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const { db, close } = await openDemoClassDatabase();
const reading = await db.reading.findFirstOrThrow({ where: { title: { startsWith: "QLoRA" } } });
const name = readingDocumentName(reading.id);

async function instance() {
  const collab = createCollabServer({ db, secret: TEST_SECRET, redisUrl, compactAfterMs: 50 });
  const server = http.createServer();
  server.on("upgrade", (request, socket, head) => collab.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { collab, server, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/collab` };
}
const [one, two] = [await instance(), await instance()];
const alice = await db.user.findUniqueOrThrow({ where: { email: "alice@demo.test" } });
const bob = await db.user.findUniqueOrThrow({ where: { email: "bob@demo.test" } });
const a = await connectClient(one.url, name, await sessionCookie(alice));
const b = await connectClient(two.url, name, await sessionCookie(bob));
const ids = [
  createComment(a.doc, { authorId: alice.id, highlightId: null, parentId: null, body: "from instance one" }),
  createComment(b.doc, { authorId: bob.id, highlightId: null, parentId: null, body: "from instance two" }),
];
const deadline = Date.now() + 10_000;
const has = (doc: Y.Doc) => ids.every((id) => readComments(doc).some((comment) => comment.id === id));
while (!(has(a.doc) && has(b.doc)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
await waitUntilSaved(a);
await waitUntilSaved(b);
const ok = has(a.doc) && has(b.doc);
a.destroy();
b.destroy();
for (const { collab, server } of [one, two]) {
  await collab.close();
  server.close();
}
const stored = new Y.Doc();
Y.applyUpdate(stored, (await loadDocument(db, name)).update!);
const storedOnce = ids.every((id) => readComments(stored).filter((comment) => comment.id === id).length === 1);
console.log(`two instances through ${redisUrl}: ${ok ? "both clients saw both comments" : "NOT converged"}; Postgres holds each once: ${storedOnce}`);
await close();
process.exit(ok && storedOnce ? 0 : 1);
