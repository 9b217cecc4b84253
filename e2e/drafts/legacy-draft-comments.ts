// What an installation from before live draft threads holds: the seed session's presentation with some
// text, and comments on it as DraftComment rows (a passage comment, a reply, a resolved comment on the
// whole draft, one mentioning Bob). Written before the server starts (e2e/run.mts), so that its start
// moves them into the live threads the way an upgraded installation's first start does.
import fs from "node:fs";
import * as Y from "yjs";
import { appendUpdate } from "../../lib/collab/document-store.ts";
import { draftDocumentName } from "../../lib/collab/document-name.ts";
import { ensureCourse } from "../../lib/course/course-settings.ts";
import { createDb } from "../../lib/db/client.ts";
import { migrate } from "../../lib/db/migrate.ts";
import { ensureSessionDrafts } from "../../lib/drafts/drafts.ts";
import { DRAFT_FRAGMENT } from "../../lib/drafts/editor-schema.ts";
import { DEMO_JOIN_CODE, ensureDemoAccounts } from "../../lib/members/demo-accounts.ts";
import { importSession } from "../../lib/readings/import-session.ts";
import { SEED_FILE } from "../../lib/server/bootstrap.ts";

export const LEGACY_TEXT = "Legacy notes: low-rank adapters keep the base model frozen.";
export const LEGACY_PASSAGE = "low-rank adapters";
export const LEGACY_COMMENTS = {
  onPassage: "Legacy question: which rank did they use?",
  reply: "Legacy reply: rank 8, see table 2.",
  resolved: "Legacy note on the whole draft, already resolved.",
  mention: "Legacy mention: @bob please check the numbers.",
};

export async function seedLegacyDraftComments(databaseUrl: string): Promise<void> {
  await migrate({ databaseUrl });
  const db = createDb(databaseUrl);
  try {
    await ensureCourse({ db, joinCode: DEMO_JOIN_CODE });
    const { session } = await importSession({ input: fs.readFileSync(SEED_FILE), db });
    await ensureDemoAccounts({ db });
    const users = await db.user.findMany({ where: { email: { in: ["alice@demo.test", "bob@demo.test", "lead@demo.test"] } }, select: { id: true, email: true } });
    const id = (email: string) => users.find((user) => user.email === email)!.id;
    const drafts = await ensureSessionDrafts(db, session.id);
    const presentation = drafts.find((draft) => draft.kind === "PRESENTATION")!;

    // The draft's text, as the editor stores it: a paragraph holding one text node.
    const doc = new Y.Doc();
    const text = new Y.XmlText(LEGACY_TEXT);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [text]);
    doc.getXmlFragment(DRAFT_FRAGMENT).insert(0, [paragraph]);
    await appendUpdate(db, { name: draftDocumentName(presentation.id), update: Y.encodeStateAsUpdate(doc), userId: id("lead@demo.test") });
    const at = LEGACY_TEXT.indexOf(LEGACY_PASSAGE);
    const position = (index: number, assoc: number) => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index, assoc))).toString("base64");

    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    const root = await db.draftComment.create({
      data: { draftId: presentation.id, authorId: id("alice@demo.test"), body: LEGACY_COMMENTS.onPassage, anchorFrom: position(at, 0), anchorTo: position(at + LEGACY_PASSAGE.length, -1), quote: LEGACY_PASSAGE, createdAt: minutesAgo(30) },
    });
    await db.draftComment.create({ data: { draftId: presentation.id, authorId: id("bob@demo.test"), body: LEGACY_COMMENTS.reply, parentId: root.id, createdAt: minutesAgo(20) } });
    await db.draftComment.create({
      data: { draftId: presentation.id, authorId: id("lead@demo.test"), body: LEGACY_COMMENTS.resolved, createdAt: minutesAgo(15), resolvedAt: minutesAgo(10), resolvedBy: id("lead@demo.test") },
    });
    await db.draftComment.create({ data: { draftId: presentation.id, authorId: id("alice@demo.test"), body: LEGACY_COMMENTS.mention, createdAt: minutesAgo(5) } });
  } finally {
    await db.$disconnect();
  }
}
