// Drafts on the real collaboration server: who may write, what content is accepted, projections and
// revisions (including a restore that a connected co-editor sees), against a real Postgres.
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { seedDemoClass } from "../testing/demo-class.ts";
import { loadActor } from "../auth/current-actor.ts";
import { draftDocumentName, readingDocumentName } from "../collab/document-name.ts";
import { createHighlight } from "../collab/reading-doc.ts";
import { describeTextRange } from "../anchoring/describe.ts";
import { assertCanQuoteFrom, citationsForSession, quoteHighlight } from "./quote-highlight.ts";
import { RawClient } from "../collab/testing/raw-client.ts";
import { connectClient, sessionCookie, startTestCollabServer, waitUntilSaved, type TestCollabServer } from "../collab/testing/support.ts";
import type { Actor } from "../policies/index.ts";
import { DRAFT_FRAGMENT, draftSchema } from "./editor-schema.ts";
import { getDraftPage } from "./drafts.ts";
import { createNamedRevision, getRevision, listRevisions, restoreRevision } from "./revisions.ts";
import { exportDraftFile } from "./export-file.ts";
import { loadDraftJson } from "./load-draft-json.ts";

let test: TestDatabase;
let server: TestCollabServer;
let presentation: string;
const users: Record<string, { actor: Actor; cookie: string }> = {};

const doc = (...paragraphs: string[]) => ({ type: "doc", content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) });
const write = (target: Y.Doc, json: object) => target.transact(() => prosemirrorJSONToYXmlFragment(draftSchema(), json, target.getXmlFragment(DRAFT_FRAGMENT)));
const textOf = (target: Y.Doc) => JSON.stringify(yXmlFragmentToProsemirrorJSON(target.getXmlFragment(DRAFT_FRAGMENT)));

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemoClass(test.db);
  for (const name of ["alice", "lead", "blog", "instructor"]) {
    const user = await test.db.user.findUniqueOrThrow({ where: { email: `${name}@demo.test` } });
    users[name] = { actor: (await loadActor({ userId: user.id, sessionVersion: 0, db: test.db }))!, cookie: await sessionCookie(user) };
  }
  const page = await getDraftPage({ actor: users.lead!.actor, sessionSlug: "llm-fine-tuning", kindSlug: "presentation", db: test.db });
  presentation = page!.draft.id;
  expect(page!.canWrite).toBe(true);
  server = await startTestCollabServer(test.db);
});
afterAll(async () => {
  await server.close();
  await test.drop();
});

const opened: RawClient[] = [];
async function raw(user: string): Promise<RawClient> {
  const client = new RawClient(server.url, draftDocumentName(presentation), users[user]!.cookie);
  opened.push(client);
  await client.open();
  await client.join();
  return client;
}

describe("who writes a draft", () => {
  it("gives a classmate a read-only connection and refuses its raw update", async () => {
    const alice = await raw("alice");
    expect(alice.authenticated).toBe("read-only");
    expect(await alice.change((target) => write(target, doc("Alice was here")))).toBe("closed");
    expect(alice.stateless.map((payload) => JSON.parse(payload).reason)).toContain("You can read this document but not change it.");
    expect(await test.db.documentUpdate.count({ where: { documentName: draftDocumentName(presentation), userId: users.alice!.actor.id } })).toBe(0);
  });

  it("applies and stores a lead-team member's update", async () => {
    const lead = await raw("lead");
    expect(lead.authenticated).toBe("read-write");
    expect(await lead.change((target) => write(target, doc("Outline: LoRA, QLoRA, Astraios")))).toBe("saved");
    await server.collab.persistence.flush();
    await vi.waitFor(async () => expect((await test.db.draft.findUniqueOrThrow({ where: { id: presentation } })).markdown).toBe("Outline: LoRA, QLoRA, Astraios\n"));
  });

  it("refuses content outside the editor schema and links that are not http, https or mailto", async () => {
    const attempts: Array<[string, (target: Y.Doc) => void]> = [
      ["unknown block", (target) => target.getXmlFragment(DRAFT_FRAGMENT).insert(0, [new Y.XmlElement("script")])],
      ["unknown root", (target) => target.getMap("extra").set("x", 1)],
      [
        "javascript link",
        (target) => {
          const paragraph = new Y.XmlElement("paragraph");
          const text = new Y.XmlText();
          text.insert(0, "click", { link: { href: "javascript:alert(1)" } });
          paragraph.insert(0, [text]);
          target.getXmlFragment(DRAFT_FRAGMENT).insert(0, [paragraph]);
        },
      ],
    ];
    for (const [what, mutate] of attempts) {
      const lead = await raw("lead");
      expect(await lead.change(mutate), what).toBe("closed");
    }
    const reader = await raw("alice");
    expect(textOf(reader.doc)).not.toContain("script");
    expect(textOf(reader.doc)).not.toContain("javascript");
  });
});

describe("the draft as its page renders it before the editor has loaded", () => {
  it("is what the server last acknowledged, for any member", async () => {
    const page = await getDraftPage({ actor: users.blog!.actor, sessionSlug: "llm-fine-tuning", kindSlug: "blog-post", db: test.db });
    const draftId = page!.draft.id;
    expect(await loadDraftJson({ actor: users.alice!.actor, draftId, db: test.db })).toEqual({ type: "doc", content: [] });
    const editor = await connectClient(server.url, draftDocumentName(draftId), users.blog!.cookie);
    write(editor.doc, doc("Adapters are cheap", "and <b>fast</b>"));
    await waitUntilSaved(editor);
    // No waiting for compaction: an acknowledged change is in the log, and the log is read too.
    expect(await loadDraftJson({ actor: users.alice!.actor, draftId, db: test.db })).toEqual(doc("Adapters are cheap", "and <b>fast</b>"));
    await expect(loadDraftJson({ actor: null, draftId, db: test.db })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    editor.destroy();
  });
});

describe("quoting a highlight", () => {
  it("puts the passage in the blog draft with a link back, for the blog team only", async () => {
    const reading = await test.db.reading.findFirstOrThrow({ where: { title: { startsWith: "QLoRA" } } });
    const annotator = await connectClient(server.url, readingDocumentName(reading.id), users.alice!.cookie);
    const { highlightId } = createHighlight(annotator.doc, { authorId: users.alice!.actor.id, kind: "key-idea", target: describeTextRange(reading.abstract, 3, 9) });
    await waitUntilSaved(annotator);
    annotator.destroy();
    const exact = reading.abstract.slice(3, 9);

    await expect(quoteHighlight({ actor: users.lead!.actor, readingId: reading.id, highlightId, kind: "BLOG_POST", db: test.db })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(assertCanQuoteFrom({ actor: users.alice!.actor, readingId: reading.id, db: test.db })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { draftId } = await quoteHighlight({ actor: users.blog!.actor, readingId: reading.id, highlightId, kind: "BLOG_POST", db: test.db });

    const reader = new RawClient(server.url, draftDocumentName(draftId), users.alice!.cookie);
    await reader.open();
    await reader.join();
    const json = textOf(reader.doc);
    expect(json).toContain(`"type":"blockquote"`);
    expect(json).toContain(exact);
    expect(json).toContain(`/readings/${reading.id}#highlight-${highlightId}`);
    reader.close();
    await server.collab.persistence.flush();
    await vi.waitFor(async () => expect(await citationsForSession({ db: test.db, sessionId: reading.sessionId, readingId: reading.id })).toEqual({ [highlightId]: ["BLOG_POST"] }), { timeout: 10_000 });
  });
});

describe("revisions", () => {
  it("restores a revision as a new change that a connected co-editor sees", async () => {
    for (const client of opened) client.close();
    const editor = await connectClient(server.url, draftDocumentName(presentation), users.lead!.cookie);
    write(editor.doc, doc("Version one", "with two paragraphs"));
    await waitUntilSaved(editor);
    const named = await createNamedRevision({ actor: users.lead!.actor, draftId: presentation, name: "Before the rewrite", db: test.db });
    await expect(createNamedRevision({ actor: users.blog!.actor, draftId: presentation, name: "Not mine", db: test.db })).rejects.toMatchObject({ code: "FORBIDDEN" });

    write(editor.doc, doc("Version two, rewritten"));
    await waitUntilSaved(editor);
    const revision = await getRevision({ actor: users.alice!.actor, draftId: presentation, revisionId: named.id, db: test.db });
    expect(revision.diff).toEqual({ status: "lines", lines: expect.arrayContaining([{ op: "removed", text: "Version one" }, { op: "added", text: "Version two, rewritten" }]) });

    await restoreRevision({ actor: users.instructor!.actor, draftId: presentation, revisionId: named.id, db: test.db });
    await vi.waitFor(() => expect(textOf(editor.doc)).toBe(JSON.stringify(doc("Version one", "with two paragraphs"))));
    await expect(restoreRevision({ actor: users.alice!.actor, draftId: presentation, revisionId: named.id, db: test.db })).rejects.toMatchObject({ code: "FORBIDDEN" });

    editor.destroy();
    // The last editor left: an automatic revision records the restored text.
    await vi.waitFor(async () => {
      const revisions = await listRevisions({ actor: users.alice!.actor, draftId: presentation, db: test.db });
      expect(revisions.map((entry) => [entry.auto, entry.name])).toEqual(
        expect.arrayContaining([[true, null], [true, "Before restoring “Before the rewrite”"], [false, "Before the rewrite"]]),
      );
      expect(revisions[0]).toMatchObject({ auto: true, name: null });
    }, { timeout: 15_000 });
    const file = await exportDraftFile({ actor: users.alice!.actor, draftId: presentation, db: test.db, now: new Date("2026-11-29T10:00:00Z") });
    expect(file.filename).toBe("llm-fine-tuning-slides.md");
    expect(file.content).toContain("marp: true");
    expect(file.content).toContain("Version one");
  });

  it("answers a revision too different from the current draft as such, not line by line", async () => {
    // Stored as a revision would be (its own Markdown); 3,000 lines the current draft does not have.
    const markdown = Array.from({ length: 3_000 }, (_, index) => `Old paragraph ${index}\n`).join("\n");
    const old = await test.db.draftRevision.create({ data: { draftId: presentation, auto: true, state: Buffer.from([0, 0]), json: doc("Old paragraph 0"), markdown } });
    const revision = await getRevision({ actor: users.alice!.actor, draftId: presentation, revisionId: old.id, db: test.db });
    expect(revision.diff).toMatchObject({ status: "too-different", beforeLines: 5_999 });
    expect(revision.markdown).toBe(markdown);
  });
});
