// A change made by the server itself (restore a revision, insert a quote): computed against the stored
// document, appended to the durable log like any client's update, then applied to the live copy so that
// everyone connected sees it as one more co-editor's change.
import * as Y from "yjs";
import type { Db } from "../db/client.ts";
import { appendUpdate, loadDocument } from "./document-store.ts";
import { liveDocuments } from "./live-registry.ts";

/** `userId` is who asked for the change; null for the server's own (a data migration). */
export async function applyServerChange(options: { db: Db; documentName: string; userId: string | null; change: (doc: Y.Doc) => void }): Promise<Uint8Array> {
  const doc = new Y.Doc();
  const stored = await loadDocument(options.db, options.documentName);
  if (stored.update) Y.applyUpdate(doc, stored.update);
  const before = Y.encodeStateVector(doc);
  options.change(doc);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  await appendUpdate(options.db, { name: options.documentName, update, userId: options.userId });
  const live = liveDocuments();
  await live?.applyUpdate(options.documentName, update);
  live?.scheduleCompaction(options.documentName);
  return update;
}
