// "Import annotations": a W3C or Hypothesis file becomes highlights and threads on the course's
// readings. Everything is checked before anything is written: the file (parsers), then one Yjs update
// per reading judged by the reading check in its import mode against the stored document, and only
// when every reading's update passes are they appended and applied, as server changes that everyone
// on the page sees live.
import * as Y from "yjs";
import { getDb, type Db } from "../db/client.ts";
import { AppError } from "../errors/app-error.ts";
import { authorize, type Actor } from "../policies/index.ts";
import { readingInspector } from "../collab/check/reading-check.ts";
import { ShadowGuard } from "../collab/check/shadow-guard.ts";
import { loadDocument } from "../collab/document-store.ts";
import { readingDocumentName } from "../collab/document-name.ts";
import { READING_ROOTS, readingMaps } from "../collab/reading-doc.ts";
import { applyServerChange } from "../collab/server-change.ts";
import { parseAnnotationFile } from "./parse-annotation-file.ts";
import { planAnnotationImport, type ExistingEntries, type ReadingImportReport, type SkippedAnnotation } from "./plan-annotation-import.ts";

/** Largest update one reading's import may add (the same bound as a reading document's growth). */
const MAX_IMPORT_UPDATE_BYTES = 16 * 1024 * 1024;
const MAX_READING_DOCUMENT_BYTES = 32 * 1024 * 1024;

export interface AnnotationImportReport {
  format: "w3c" | "hypothesis";
  /** Annotations in the file. */
  total: number;
  /** Per reading the file had annotations for: placed, detached, new comments, unchanged, skipped with reasons. */
  readings: ReadingImportReport[];
  /** Annotations on documents that are not readings of this course. */
  unmatched: SkippedAnnotation[];
  /** False when the file held nothing new (a second import of the same file). */
  written: boolean;
}

export async function importAnnotations({
  actor,
  input,
  baseUrl,
  now = Date.now(),
  db = getDb(),
}: {
  actor: Actor | null;
  /** The uploaded file. */
  input: Uint8Array | string;
  /** This site's origin, so links to its own reading pages find their reading. */
  baseUrl?: string;
  now?: number;
  db?: Db;
}): Promise<AnnotationImportReport> {
  const importer = authorize(actor, "annotations:import");
  const file = parseAnnotationFile(input);

  const readings = await db.reading.findMany({
    where: { archivedAt: null },
    orderBy: [{ session: { position: "asc" } }, { position: "asc" }],
    select: { id: true, title: true, abstract: true, url: true, extraLinks: true, session: { select: { leadTeamId: true, blogTeamId: true } } },
  });
  const members = await db.user.findMany({ where: { membership: { isNot: null } }, select: { id: true, email: true, handle: true } });
  const base = baseUrl?.replace(/\/+$/, "");

  const stored = new Map<string, Y.Doc>();
  const existing = new Map<string, ExistingEntries>();
  try {
    for (const reading of readings) {
      const saved = await loadDocument(db, readingDocumentName(reading.id));
      const doc = new Y.Doc();
      for (const name of READING_ROOTS) doc.getMap(name);
      if (saved.update) Y.applyUpdate(doc, saved.update);
      stored.set(reading.id, doc);
      const maps = readingMaps(doc);
      existing.set(reading.id, { highlights: new Set(maps.highlights.keys()), comments: new Set(maps.comments.keys()) });
    }

    const plan = planAnnotationImport({
      file,
      readings: readings.map((reading) => ({
        id: reading.id,
        title: reading.title,
        abstract: reading.abstract,
        links: [...(reading.url ? [reading.url] : []), ...extraLinkUrls(reading.extraLinks), ...(base ? [`${base}/readings/${reading.id}`] : [])],
      })),
      members,
      existing: (readingId) => existing.get(readingId)!,
      importerId: importer.id,
      now,
    });

    // Every reading's update is built and checked before any is written.
    const updates: Array<{ readingId: string; update: Uint8Array }> = [];
    for (const readingPlan of plan.readings) {
      if (readingPlan.highlights.length === 0 && readingPlan.comments.length === 0) continue;
      const reading = readings.find((candidate) => candidate.id === readingPlan.readingId)!;
      const doc = stored.get(reading.id)!;
      const replica = new Y.Doc();
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
      const before = Y.encodeStateVector(replica);
      replica.transact(() => {
        const maps = readingMaps(replica);
        for (const highlight of readingPlan.highlights) maps.highlights.set(highlight.id, entryMap(highlight));
        for (const comment of readingPlan.comments) maps.comments.set(comment.id, entryMap(comment));
      });
      const update = Y.encodeStateAsUpdate(replica, before);
      replica.destroy();
      const guard = new ShadowGuard(doc, { maxUpdateBytes: MAX_IMPORT_UPDATE_BYTES, maxDocumentBytes: MAX_READING_DOCUMENT_BYTES }, (shadow) => {
        for (const name of READING_ROOTS) shadow.getMap(name);
      });
      const verdict = guard.check(update, readingInspector({ actor: importer, session: reading.session, now, importing: true }));
      guard.destroy();
      if (!verdict.ok) {
        throw new AppError("INVALID_INPUT", `The annotations for “${reading.title}” cannot be imported: ${verdict.reason} Nothing was imported.`);
      }
      updates.push({ readingId: reading.id, update });
    }

    for (const { readingId, update } of updates) {
      await applyServerChange({ db, documentName: readingDocumentName(readingId), userId: importer.id, change: (doc) => Y.applyUpdate(doc, update) });
    }
    const report: AnnotationImportReport = { format: plan.format, total: plan.total, readings: plan.readings.map((reading) => reading.report), unmatched: plan.unmatched, written: updates.length > 0 };
    await db.auditEvent.create({
      data: {
        actorId: importer.id,
        action: "annotations.import",
        subject: `annotations:${plan.format}`,
        data: {
          total: plan.total,
          readings: report.readings.map(({ readingId, placed, detached, comments, unchanged, skipped }) => ({ readingId, placed, detached, comments, unchanged, skipped: skipped.length })),
          unmatched: plan.unmatched.length,
        },
      },
    });
    return report;
  } finally {
    for (const doc of stored.values()) doc.destroy();
  }
}

function entryMap(fields: object): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

function extraLinkUrls(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((link) => (link && typeof link === "object" && typeof (link as { url?: unknown }).url === "string" ? (link as { url: string }).url : null)).filter((url): url is string => url !== null);
}
