// Seeded random test: several clients make random highlights, comments, replies, edits, deletions and
// +1s while randomly dropping and regaining their connection; all end in the same state, and that state
// is exactly what Postgres holds (document and projection). Reproduce a run with COLLAB_SEED=<seed>.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { seedDemoClass } from "../testing/demo-class.ts";
import { prng } from "../testing/prng.ts";
import { describeTextRange } from "../anchoring/describe.ts";
import { readingDocumentName } from "./document-name.ts";
import { createComment, createHighlight, deleteComment, editComment, HIGHLIGHT_KINDS, readComments, readHighlights, readingMaps, readReactions, toggleReaction } from "./reading-doc.ts";
import { loadDocument } from "./document-store.ts";
import { connectClient, sessionCookie, startTestCollabServer, waitUntilSaved, type TestClient, type TestCollabServer } from "./testing/support.ts";

const SEED = Number(process.env.COLLAB_SEED ?? Date.now() % 100_000);

let test: TestDatabase;
let server: TestCollabServer;
let readingId: string;
let abstract: string;
const people: Array<{ id: string; cookie: string }> = [];

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemoClass(test.db);
  for (const user of await test.db.user.findMany({ where: { email: { endsWith: "@demo.test" }, NOT: { email: "instructor@demo.test" } } })) {
    people.push({ id: user.id, cookie: await sessionCookie(user) });
  }
  const reading = await test.db.reading.findFirstOrThrow({ where: { title: { startsWith: "Gemini" } } });
  readingId = reading.id;
  abstract = reading.abstract;
  server = await startTestCollabServer(test.db);
});
afterAll(async () => {
  await server.close();
  await test.drop();
});

const state = (doc: Y.Doc) => ({ highlights: readHighlights(doc), comments: readComments(doc), reactions: [...readReactions(doc)].sort() });

it(`converges with random edits and disconnects (seed ${SEED})`, async () => {
  const random = prng(SEED);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const name = readingDocumentName(readingId);
  const clients: Array<{ person: (typeof people)[number]; client: TestClient; online: boolean }> = [];
  for (const person of people) clients.push({ person, client: await connectClient(server.url, name, person.cookie), online: true });

  for (let step = 0; step < 120; step++) {
    const actor = pick(clients);
    const { doc } = actor.client;
    const me = actor.person.id;
    const comments = readComments(doc);
    const mine = comments.filter((comment) => comment.authorId === me && !comment.deleted);
    const roll = random();
    if (roll < 0.08) {
      // Drop or regain the connection; edits made while offline sync on reconnect.
      if (actor.online) actor.client.provider.disconnect();
      else await actor.client.provider.connect();
      actor.online = !actor.online;
    } else if (roll < 0.3) {
      const start = Math.floor(random() * (abstract.length - 40));
      createHighlight(doc, { authorId: me, kind: pick([...HIGHLIGHT_KINDS]), target: describeTextRange(abstract, start, start + 5 + Math.floor(random() * 30)), firstComment: random() < 0.5 ? `first thought ${step}` : undefined });
    } else if (roll < 0.55) {
      const parent = comments.length > 0 && random() < 0.6 ? pick(comments) : null;
      createComment(doc, { authorId: me, highlightId: parent?.highlightId ?? null, parentId: parent?.id ?? null, body: `comment ${step} by ${me.slice(-4)}` });
    } else if (roll < 0.7 && mine.length > 0) {
      editComment(doc, pick(mine).id, `edited at ${step}`);
    } else if (roll < 0.8 && mine.length > 0) {
      deleteComment(doc, pick(mine).id);
    } else if (comments.length > 0) {
      toggleReaction(doc, pick(comments).id, me);
    }
    if (step % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  for (const entry of clients) if (!entry.online) await entry.client.provider.connect();
  for (const entry of clients) await waitUntilSaved(entry.client, 20_000);

  const expected = state(clients[0]!.client.doc);
  expect(expected.comments.length).toBeGreaterThan(10);
  for (const entry of clients) await vi.waitFor(() => expect(state(entry.client.doc)).toEqual(expected), { timeout: 15_000 });
  // No client was refused: every change above is one the policy allows.
  expect(server.collab.writePolicy.refusals).toBe(0);

  await server.collab.persistence.flush();
  const stored = new Y.Doc();
  Y.applyUpdate(stored, (await loadDocument(test.db, name)).update!);
  expect(state(stored)).toEqual(expected);
  const rows = await test.db.commentRow.findMany({ where: { readingId }, orderBy: { id: "asc" } });
  expect(rows.map((row) => [row.id, row.body, row.deleted, row.reactionCount])).toEqual(
    [...expected.comments].sort((a, b) => (a.id < b.id ? -1 : 1)).map((comment) => [comment.id, comment.body, comment.deleted, readReactions(stored).get(comment.id)?.length ?? 0]),
  );
  expect(await test.db.highlightRow.count({ where: { readingId } })).toBe(expected.highlights.length);
  expect(readingMaps(stored).highlights.size).toBe(expected.highlights.length);
  for (const entry of clients) entry.client.destroy();
}, 120_000);
