// A draft's relational projection (JSON, Markdown, word count) and its automatic revisions, rebuilt
// from the stored Yjs state after each compaction.
import { yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { Db } from "../db/client.ts";
import { DRAFT_FRAGMENT } from "./editor-schema.ts";
import { countWords, draftToMarkdown, type PmNode } from "./markdown.ts";

export const AUTO_REVISION_INTERVAL_MS = 5 * 60 * 1000;

export function draftContent(state: Uint8Array): { json: PmNode; markdown: string; wordCount: number } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DRAFT_FRAGMENT)) as PmNode;
  doc.destroy();
  return { json, markdown: draftToMarkdown(json), wordCount: countWords(json) };
}

export async function rebuildDraftProjection(options: { db: Db; draftId: string; state: Uint8Array; lastEditorLeft: boolean }): Promise<void> {
  const { db, draftId, state } = options;
  const content = draftContent(state);
  const last = await db.draftRevision.findFirst({ where: { draftId }, orderBy: { createdAt: "desc" }, select: { markdown: true, createdAt: true, auto: true } });
  const changedSinceRevision = (last?.markdown ?? "\n") !== content.markdown;
  const lastAuto = await db.draftRevision.findFirst({ where: { draftId, auto: true }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
  const due = !lastAuto || Date.now() - lastAuto.createdAt.getTime() >= AUTO_REVISION_INTERVAL_MS;
  await db.$transaction([
    db.draft.update({ where: { id: draftId }, data: { json: content.json as object, markdown: content.markdown, wordCount: content.wordCount } }),
    ...(changedSinceRevision && (due || options.lastEditorLeft)
      ? [db.draftRevision.create({ data: { draftId, auto: true, state: Buffer.from(state), json: content.json as object, markdown: content.markdown } })]
      : []),
  ]);
}
