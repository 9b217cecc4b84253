// The draft projection against a real Postgres: JSON, Markdown and word count computed in the worker and
// written only when they changed; an automatic revision when the last editor leaves.
import { afterAll, beforeAll, expect, it } from "vitest";
import * as Y from "yjs";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { DRAFT_FRAGMENT } from "./editor-schema.ts";
import { rebuildDraftProjection } from "./projection.ts";

let test: TestDatabase;
let draftId: string;
beforeAll(async () => {
  test = await createTestDatabase();
  const session = await test.db.classSession.create({ data: { slug: "projection-session", title: "Projection session", position: 0 } });
  draftId = (await test.db.draft.create({ data: { sessionId: session.id, kind: "BLOG_POST" } })).id;
});
afterAll(async () => {
  await test.drop();
});

function addParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment(DRAFT_FRAGMENT);
  fragment.insert(fragment.length, [paragraph]);
}

it("stores the draft's JSON, Markdown and word count, rewrites them only when they change, and takes a revision when the last editor leaves", async () => {
  const doc = new Y.Doc();
  addParagraph(doc, "Three small words");
  await rebuildDraftProjection({ db: test.db, draftId, state: Y.encodeStateAsUpdate(doc), lastEditorLeft: true });
  const first = await test.db.draft.findUniqueOrThrow({ where: { id: draftId } });
  expect(first.json).toEqual({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Three small words" }] }] });
  expect([first.markdown, first.wordCount]).toEqual(["Three small words\n", 3]);
  expect(await test.db.draftRevision.count({ where: { draftId } })).toBe(1);
  const xmin = async () => (await test.db.$queryRaw<Array<{ xmin: string }>>`SELECT xmin::text AS xmin FROM "Draft" WHERE id = ${draftId}`)[0]!.xmin;
  const written = await xmin();

  // Same content: nothing is written, no second revision.
  await rebuildDraftProjection({ db: test.db, draftId, state: Y.encodeStateAsUpdate(doc), lastEditorLeft: true });
  expect(await xmin()).toBe(written);
  expect(await test.db.draftRevision.count({ where: { draftId } })).toBe(1);

  addParagraph(doc, "and two more");
  await rebuildDraftProjection({ db: test.db, draftId, state: Y.encodeStateAsUpdate(doc), lastEditorLeft: false });
  const second = await test.db.draft.findUniqueOrThrow({ where: { id: draftId } });
  expect([second.markdown, second.wordCount]).toEqual(["Three small words\n\nand two more\n", 6]);
  expect(second.updatedAt.getTime()).toBeGreaterThanOrEqual(first.updatedAt.getTime());
  expect(Math.abs(second.updatedAt.getTime() - Date.now())).toBeLessThan(60_000);
});
