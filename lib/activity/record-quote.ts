import { getDb, type DbClient } from "../db/client.ts";

export interface RecordQuoteOptions {
  readingId: string;
  highlightId: string;
  highlightAuthorId: string;
  /** Who quoted it. */
  quotedBy: string;
  draftId: string;
  db?: DbClient;
}

/** "Your highlight was quoted into the blog post": an Activity item for the highlight's author (not when they quoted it themselves). */
export async function recordQuote({ readingId, highlightId, highlightAuthorId, quotedBy, draftId, db = getDb() }: RecordQuoteOptions): Promise<void> {
  if (highlightAuthorId === quotedBy) return;
  await db.activityEvent.create({
    data: { recipientId: highlightAuthorId, kind: "quoted", documentKind: "reading", documentId: readingId, targetId: highlightId, actorId: quotedBy, draftId },
  });
}
