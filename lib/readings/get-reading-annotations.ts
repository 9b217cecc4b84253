// A reading's highlights, threads and +1s for the reading page to render on the server, before (or
// without) the live connection. Read from the stored live document (every change the server ever
// acknowledged is in it) with the very readers the browser uses on its copy, so the page's first
// render and the live document agree entry for entry.
import * as Y from "yjs";
import { getDb, type Db } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";
import { readingDocumentName } from "../collab/document-name.ts";
import { loadDocument } from "../collab/document-store.ts";
import { readReadingEntries, type Comment, type Highlight, type UnreadableEntry } from "../collab/reading-doc.ts";

/** The reading document as plain JSON-safe data. */
export interface ReadingAnnotations {
  highlights: Highlight[];
  comments: Comment[];
  /** [commentId, ids of the users who gave it +1]: pairs, not an object, since ids are stored data. */
  reactions: Array<[string, string[]]>;
  /** Entries stored in a shape that cannot be read, each shown as such in its place. */
  unreadable: UnreadableEntry[];
  /** When the document was read (epoch ms): "5 min ago" on the page counts from here until it hydrates. */
  readAt: number;
}

export interface GetReadingAnnotationsOptions {
  /** Who is reading: whoever may open the reading's live document (every class member). */
  actor: Actor | null;
  readingId: string;
  db?: Db;
}

/** The annotations of one current reading; null when the id names none (or an archived one). */
export async function getReadingAnnotations({ actor, readingId, db = getDb() }: GetReadingAnnotationsOptions): Promise<ReadingAnnotations | null> {
  // The live document's own rule (lib/collab/kinds/reading.ts): members open current readings.
  authorize(actor, "course:view");
  const reading = await db.reading.findFirst({ where: { id: readingId, archivedAt: null }, select: { id: true } });
  if (!reading) return null;
  const stored = await loadDocument(db, readingDocumentName(reading.id));
  const doc = new Y.Doc();
  try {
    if (stored.update) Y.applyUpdate(doc, stored.update);
    const { highlights, comments, reactions, unreadable } = readReadingEntries(doc);
    return { highlights, comments, reactions: [...reactions], unreadable, readAt: Date.now() };
  } finally {
    doc.destroy();
  }
}
