import type { DbClient } from "../db/client.ts";
import { draftDocumentName, readingDocumentName } from "../collab/document-name.ts";

/** A session's live documents by name: its readings (archived ones too) and its drafts. */
export async function sessionDocumentNames(db: DbClient, sessionId: string): Promise<string[]> {
  const readings = await db.reading.findMany({ where: { sessionId }, select: { id: true } });
  const drafts = await db.draft.findMany({ where: { sessionId }, select: { id: true } });
  return [...readings.map(({ id }) => readingDocumentName(id)), ...drafts.map(({ id }) => draftDocumentName(id))];
}
