// What a draft holds now, as ProseMirror JSON, for the page to render before the editor has loaded: read
// from the stored Yjs state and the log after it (what the server last acknowledged), not from the
// projection, which trails the log until the next compaction.
import { getDb, type Db } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";
import { loadDocument } from "../collab/document-store.ts";
import { draftDocumentName } from "../collab/document-name.ts";
import { draftJson } from "./draft-content.ts";
import type { PmNode } from "./markdown.ts";

export async function loadDraftJson({
  actor,
  draftId,
  db = getDb(),
}: {
  actor: Actor | null;
  /** The draft (not its document name). */
  draftId: string;
  db?: Db;
}): Promise<PmNode> {
  authorize(actor, "draft:view");
  const stored = await loadDocument(db, draftDocumentName(draftId));
  return stored.update ? draftJson(stored.update) : { type: "doc", content: [] };
}
