// The durable log against a real Postgres: concurrent appends are group-committed (they share
// transactions: rows carry their transaction's id in xmin) yet each is stored once, in the order each
// writer issued them; compaction folds the log in the worker thread and counts versions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { compactDocument } from "./compact-document.ts";
import { appendUpdate, loadDocument } from "./document-store.ts";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test.drop();
});

/** The logged rows of some documents in log order, decoded back to "writer#index" tags. */
async function loggedTags(prefix: string): Promise<Array<{ name: string; tag: string; xmin: string }>> {
  const rows = await test.db.$queryRaw<Array<{ documentName: string; update: Uint8Array; xmin: string }>>`
    SELECT "documentName", "update", xmin::text AS xmin FROM "DocumentUpdate" WHERE "documentName" LIKE ${`${prefix}%`} ORDER BY id`;
  return rows.map((row) => ({ name: row.documentName, tag: new TextDecoder().decode(row.update), xmin: row.xmin }));
}

describe("group commit", () => {
  it("stores 64 concurrent writers' appends once each, in each writer's order, in shared transactions", async () => {
    const WRITERS = 64;
    const EACH = 40;
    const documents = ["reading:groupcommit000001", "reading:groupcommit000002", "draft:groupcommit0000003"];
    // Each writer waits for its previous append, as one connection's messages are handled in order.
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        for (let index = 0; index < EACH; index++) {
          await appendUpdate(test.db, { name: documents[writer % documents.length]!, update: new TextEncoder().encode(`${writer}#${index}`), userId: null });
        }
      }),
    );
    const rows = [...(await loggedTags("reading:groupcommit")), ...(await loggedTags("draft:groupcommit"))];
    expect(rows).toHaveLength(WRITERS * EACH);
    expect(new Set(rows.map((row) => row.tag)).size).toBe(WRITERS * EACH);
    for (let writer = 0; writer < WRITERS; writer++) {
      const mine = rows.filter((row) => row.tag.startsWith(`${writer}#`));
      expect(mine.map((row) => row.name)).toEqual(Array(EACH).fill(documents[writer % documents.length]));
      expect(mine.map((row) => row.tag)).toEqual(Array.from({ length: EACH }, (_, index) => `${writer}#${index}`));
    }
    // Far fewer commits than appends: the writers shared transactions.
    expect(new Set(rows.map((row) => row.xmin)).size).toBeLessThan((WRITERS * EACH) / 8);
  });

  it("keeps issue order across batches when one writer does not wait", async () => {
    const name = "reading:pipelined00000001";
    const COUNT = 2500;
    await Promise.all(Array.from({ length: COUNT }, (_, index) => appendUpdate(test.db, { name, update: new TextEncoder().encode(`0#${index}`), userId: "someone" })));
    const rows = await loggedTags(name);
    expect(rows.map((row) => row.tag)).toEqual(Array.from({ length: COUNT }, (_, index) => `0#${index}`));
    // More than one batch was needed (at most 1,000 rows each).
    expect(new Set(rows.map((row) => row.xmin)).size).toBeGreaterThanOrEqual(3);
  });

  it("gathers appends that find the log idle into one transaction", async () => {
    const name = "reading:gathered00000001";
    // The first append finds nothing in flight; the ones after it, issued a moment later, join its commit.
    const first = appendUpdate(test.db, { name, update: new TextEncoder().encode("0#0"), userId: null });
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([first, ...Array.from({ length: 4 }, (_, index) => appendUpdate(test.db, { name, update: new TextEncoder().encode(`0#${index + 1}`), userId: null }))]);
    const rows = await loggedTags(name);
    expect(rows.map((row) => row.tag)).toEqual(["0#0", "0#1", "0#2", "0#3", "0#4"]);
    expect(new Set(rows.map((row) => row.xmin)).size).toBe(1);
  });

  it("rejects an append that could not be stored, and keeps storing the others", async () => {
    const name = "reading:refusedbatch00001";
    const results = await Promise.allSettled([
      appendUpdate(test.db, { name, update: new Uint8Array([1]), userId: null }),
      // A NUL byte cannot be stored in a text column: the statement holding it fails as a whole, and the
      // rows it shared a batch with are stored one by one.
      appendUpdate(test.db, { name: `${name}\u0000`, update: new Uint8Array([2]), userId: null }),
      appendUpdate(test.db, { name, update: new Uint8Array([4]), userId: null }),
    ]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await test.db.documentUpdate.count({ where: { documentName: { startsWith: name } } })).toBe(2);
    // The queue keeps serving.
    await appendUpdate(test.db, { name, update: new Uint8Array([3]), userId: null });
    expect(await test.db.documentUpdate.count({ where: { documentName: name } })).toBe(3);
  });
});

describe("compaction", () => {
  it("folds the log into the state in the worker and bumps the version once per fold", async () => {
    const name = "reading:compaction0000001";
    const doc = new Y.Doc();
    for (let index = 0; index < 50; index++) {
      const vector = Y.encodeStateVector(doc);
      doc.getMap("comments").set(`c${index}`, index);
      await appendUpdate(test.db, { name, update: Y.encodeStateAsUpdate(doc, vector), userId: null });
    }
    const first = await compactDocument(test.db, name);
    expect(first.folded).toBe(50);
    expect(first.version).toBe(1);
    const folded = new Y.Doc();
    Y.applyUpdate(folded, first.state);
    expect(folded.getMap("comments").toJSON()).toEqual(doc.getMap("comments").toJSON());
    expect(await test.db.documentUpdate.count({ where: { documentName: name } })).toBe(0);

    const again = await compactDocument(test.db, name);
    expect(again).toMatchObject({ folded: 0, version: 1 });
    expect(Y.encodeStateVector(folded)).toEqual(Y.encodeStateVector((() => {
      const stored = new Y.Doc();
      Y.applyUpdate(stored, again.state);
      return stored;
    })()));
    expect((await loadDocument(test.db, name)).pendingUpdates).toBe(0);
  });
});
