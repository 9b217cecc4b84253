// Each reading's most highlighted passage, for the session page: the stretch of the abstract the most
// highlights cover, from the highlight projection. A highlight is placed where its stored offsets still
// hold its quote, else at its quote's first occurrence; one whose quote is gone is left out.
import { getDb, type DbClient } from "../db/client.ts";
import { HIGHLIGHT_KINDS, type HighlightKind } from "../collab/reading-doc.ts";
import { authorize, type Actor } from "../policies/index.ts";
import { mostHighlightedPassage, type HighlightedPassage, type PlacedHighlight } from "./highlight-density.ts";

export interface ListMostHighlightedOptions {
  /** Who is looking: a course member. */
  actor: Actor | null;
  /** The session whose current readings are looked at. */
  sessionId: string;
  db?: DbClient;
}

/** readingId -> its most highlighted passage; readings nobody highlighted are absent. */
export async function listMostHighlighted({ actor, sessionId, db = getDb() }: ListMostHighlightedOptions): Promise<Record<string, HighlightedPassage>> {
  authorize(actor, "course:view");
  const readings = await db.reading.findMany({ where: { sessionId, archivedAt: null }, select: { id: true, abstract: true } });
  const rows = await db.highlightRow.findMany({
    where: { documentKind: "reading", readingId: { in: readings.map((reading) => reading.id) } },
    select: { readingId: true, id: true, kind: true, exact: true, start: true, end: true },
  });
  const out: Record<string, HighlightedPassage> = {};
  for (const reading of readings) {
    const placed: PlacedHighlight[] = [];
    for (const row of rows) {
      if (row.readingId !== reading.id || !row.exact) continue;
      const kind = (HIGHLIGHT_KINDS as readonly string[]).includes(row.kind) ? (row.kind as HighlightKind) : "note";
      const start = reading.abstract.slice(row.start, row.end) === row.exact ? row.start : reading.abstract.indexOf(row.exact);
      if (start >= 0) placed.push({ id: row.id, start, end: start + row.exact.length, kind });
    }
    const passage = mostHighlightedPassage(reading.abstract, placed);
    if (passage) out[reading.id] = passage;
  }
  return out;
}
