// A draft's relational projection (JSON, Markdown, word count) and its automatic revisions, rebuilt
// from the stored Yjs state after each compaction. The content (draft-content.ts) is computed in the Yjs
// worker thread (a big draft's Markdown is O(document)) and written only when its digest changed. For the
// collaboration server only: the page bundle must not reach the worker.
import type { Db } from "../db/client.ts";
import { ownBytes, runYjsTask } from "../collab/yjs-worker-pool.ts";

export const AUTO_REVISION_INTERVAL_MS = 5 * 60 * 1000;

export async function rebuildDraftProjection(options: { db: Db; draftId: string; state: Uint8Array; lastEditorLeft: boolean }): Promise<void> {
  const { db, draftId, state } = options;
  const content = await runYjsTask("draftProjection", { state: ownBytes(state) });
  const [stored, last, lastAuto] = await Promise.all([
    db.draft.findUnique({ where: { id: draftId }, select: { projectionHash: true } }),
    db.draftRevision.findFirst({ where: { draftId }, orderBy: { createdAt: "desc" }, select: { markdown: true } }),
    db.draftRevision.findFirst({ where: { draftId, auto: true }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
  ]);
  const changedSinceRevision = (last?.markdown ?? "\n") !== content.markdown;
  const due = !lastAuto || Date.now() - lastAuto.createdAt.getTime() >= AUTO_REVISION_INTERVAL_MS;
  const revise = changedSinceRevision && (due || options.lastEditorLeft);
  const project = stored?.projectionHash !== content.hash;
  if (!project && !revise) return;
  await db.$transaction([
    ...(project
      ? [
          // Raw, with the JSON as text: Postgres parses it, not the event loop.
          db.$executeRaw`UPDATE "Draft" SET json = ${content.jsonText}::jsonb, markdown = ${content.markdown}, "wordCount" = ${content.wordCount},
                           "projectionHash" = ${content.hash}, "updatedAt" = now() AT TIME ZONE 'UTC' WHERE id = ${draftId}`,
        ]
      : []),
    ...(revise
      ? [db.draftRevision.create({ data: { draftId, auto: true, state: Buffer.from(state), json: JSON.parse(content.jsonText) as object, markdown: content.markdown } })]
      : []),
  ]);
}
