// A session's highlights and comment threads as a W3C Web Annotation collection (JSON-LD): highlights
// carry TextQuote and TextPosition selectors on their paper, comments target the highlight they are on
// (or the paper as a whole), replies target the comment they answer. Large sessions are split into
// AnnotationPages: the collection embeds the first, the others are served by page number.
import { createHash } from "node:crypto";
import * as Y from "yjs";
import { getDb, type Db } from "../db/client.ts";
import { AppError } from "../errors/app-error.ts";
import { authorize, type Actor } from "../policies/index.ts";
import { loadDocument } from "../collab/document-store.ts";
import { readingDocumentName } from "../collab/document-name.ts";
import { readReadingEntries, type Comment, type Highlight } from "../collab/reading-doc.ts";

export const W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
/** Annotations per AnnotationPage. */
export const ANNOTATIONS_PER_PAGE = 1000;

type Json = Record<string, unknown>;

interface Author {
  id: string;
  name: string | null;
  email: string | null;
  handle: string | null;
}

/** The collection (page undefined) or one of its pages; NOT_FOUND for a missing session or page. */
export async function exportSessionAnnotations({
  actor,
  slug,
  baseUrl,
  page,
  pageSize = ANNOTATIONS_PER_PAGE,
  now = new Date(),
  db = getDb(),
}: {
  actor: Actor | null;
  slug: string;
  /** This site's origin (`https://marginalia.example.edu`): every id in the file is an IRI under it. */
  baseUrl: string;
  /** 0-based page number; undefined for the collection with its first page embedded. */
  page?: number;
  /** Annotations per page (default ANNOTATIONS_PER_PAGE). */
  pageSize?: number;
  /** When the file is generated. */
  now?: Date;
  db?: Db;
}): Promise<Json> {
  authorize(actor, "annotations:export");
  const session = await db.classSession.findUnique({
    where: { slug },
    select: { title: true, slug: true, readings: { where: { archivedAt: null }, orderBy: { position: "asc" }, select: { id: true, url: true } } },
  });
  if (!session) throw new AppError("NOT_FOUND", "There is no such session.");
  const base = baseUrl.replace(/\/+$/, "");
  const host = new URL(base).host;

  const perReading: Array<{ reading: { id: string; url: string | null }; highlights: Highlight[]; comments: Comment[] }> = [];
  const authorIds = new Set<string>();
  for (const reading of session.readings) {
    const stored = await loadDocument(db, readingDocumentName(reading.id));
    const doc = new Y.Doc();
    if (stored.update) Y.applyUpdate(doc, stored.update);
    const { highlights, comments } = readReadingEntries(doc);
    doc.destroy();
    const answered = new Set(comments.map((comment) => comment.parentId).filter(Boolean));
    // A deleted comment is left out unless it keeps its replies' place.
    const kept = comments.filter((comment) => !comment.deleted || answered.has(comment.id));
    perReading.push({ reading, highlights, comments: kept });
    for (const entry of [...highlights, ...kept]) authorIds.add(entry.authorId);
  }
  const users = await db.user.findMany({ where: { id: { in: [...authorIds] } }, select: { id: true, name: true, email: true, handle: true } });
  const authors = new Map<string, Author>(users.map((user) => [user.id, user]));

  const generated = now.toISOString();
  const software = { id: `${base}/`, type: "Software", name: "Marginalia", nickname: "marginalia", homepage: `${base}/` };
  const agent = (userId: string): Json => {
    const author = authors.get(userId);
    const handle = author?.handle ?? userId;
    return {
      id: `acct:${handle}@${host}`,
      type: "Person",
      name: author?.name ?? author?.handle ?? "Former member",
      nickname: handle,
      ...(author?.email ? { email_sha1: createHash("sha1").update(`mailto:${author.email.toLowerCase()}`).digest("hex") } : {}),
    };
  };

  const items: Json[] = [];
  let latest = 0;
  for (const { reading, highlights, comments } of perReading) {
    const readingPage = `${base}/readings/${reading.id}`;
    const paper = reading.url ?? readingPage;
    const iri = (role: "highlight" | "comment", id: string) => `${readingPage}#${role}-${id}`;
    const common = (entry: { authorId: string; createdAt: number }, modifiedAt: number) => {
      latest = Math.max(latest, modifiedAt);
      return {
        created: iso(entry.createdAt),
        modified: iso(modifiedAt),
        generated,
        creator: agent(entry.authorId),
        generator: software,
        audience: { type: "schema:EducationalAudience", "schema:educationalRole": "student" },
      };
    };
    for (const highlight of highlights) {
      const id = iri("highlight", highlight.id);
      const motivation = highlight.kind === "question" ? "questioning" : "highlighting";
      const { exact, prefix, suffix, start, end } = highlight.target;
      items.push({
        id,
        type: "Annotation",
        motivation,
        ...common(highlight, highlight.createdAt),
        canonical: id,
        body: { type: "TextualBody", purpose: "tagging", value: highlight.kind, format: "text/plain", creator: agent(highlight.authorId), created: iso(highlight.createdAt) },
        target: {
          type: "SpecificResource",
          source: paper,
          scope: readingPage,
          selector: [
            { type: "TextQuoteSelector", exact, prefix, suffix },
            { type: "TextPositionSelector", start, end },
          ],
        },
      });
    }
    for (const comment of comments) {
      const id = iri("comment", comment.id);
      const modifiedAt = comment.editedAt ?? comment.createdAt;
      const motivation = comment.parentId ? "replying" : "commenting";
      const target = comment.parentId
        ? iri("comment", comment.parentId)
        : comment.highlightId
          ? iri("highlight", comment.highlightId)
          : { type: "SpecificResource", source: paper, scope: readingPage };
      items.push({
        id,
        type: "Annotation",
        motivation,
        ...common(comment, modifiedAt),
        canonical: id,
        ...(comment.deleted
          ? {}
          : {
              body: {
                type: "TextualBody",
                purpose: motivation,
                value: comment.body,
                format: "text/markdown",
                creator: agent(comment.authorId),
                created: iso(comment.createdAt),
                modified: iso(modifiedAt),
              },
            }),
        target,
      });
    }
  }

  const collectionId = `${base}/api/sessions/${encodeURIComponent(session.slug)}/annotations`;
  const pageCount = Math.ceil(items.length / pageSize);
  const pageId = (index: number) => `${collectionId}?page=${index}`;
  const pageBody = (index: number): Json => ({
    id: pageId(index),
    type: "AnnotationPage",
    startIndex: index * pageSize,
    ...(index > 0 ? { prev: pageId(index - 1) } : {}),
    ...(index + 1 < pageCount ? { next: pageId(index + 1) } : {}),
    items: items.slice(index * pageSize, (index + 1) * pageSize),
  });
  const description = {
    label: `Annotations on the readings of “${session.title}”`,
    total: items.length,
    creator: software,
    created: generated,
    modified: iso(Math.max(latest, 0) || now.getTime()),
    ...(pageCount > 0 ? { first: pageId(0), last: pageId(pageCount - 1) } : {}),
  };

  if (page === undefined) {
    return {
      "@context": W3C_CONTEXT,
      id: collectionId,
      type: "AnnotationCollection",
      ...description,
      ...(pageCount > 0 ? { first: pageBody(0) } : {}),
    };
  }
  if (!Number.isSafeInteger(page) || page < 0 || page >= pageCount) throw new AppError("NOT_FOUND", `This collection has ${pageCount} page${pageCount === 1 ? "" : "s"} (numbered from 0).`);
  return { "@context": W3C_CONTEXT, ...pageBody(page), partOf: { id: collectionId, ...description } };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
