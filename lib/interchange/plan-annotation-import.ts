// The mapping from a parsed annotation file to the entries each reading gains, with no I/O: which
// reading each annotation belongs to (by its paper's link, replies by their thread), where its quote
// lands on the abstract (placed, or detached with its quote kept), who it is by (a class member, or
// the importer with a quoted attribution), and stable entry ids derived from the file's ids, so that a
// second import of the same file finds everything already there.
import { createHash } from "node:crypto";
import { anchorTarget } from "../anchoring/anchor.ts";
import { describeTextRange } from "../anchoring/describe.ts";
import { MAX_CONTEXT_LENGTH, MAX_EXACT_LENGTH, type TextTarget } from "../anchoring/selectors.ts";
import { HIGHLIGHT_KINDS, type Comment, type Highlight, type HighlightKind } from "../collab/reading-doc.ts";
import { MAX_COMMENT_LENGTH } from "../rich-text/limits.ts";
import { paperKey } from "./paper-key.ts";
import { FORMAT_LABELS, type ParsedAnnotationFile, type SourceAnnotation, type SourceAuthor } from "./source-annotation.ts";

export interface ImportReading {
  id: string;
  title: string;
  abstract: string;
  /** Every link that names this reading's paper: its link, its further links, its page on this site. */
  links: string[];
}

export interface ImportMember {
  id: string;
  email: string | null;
  handle: string | null;
}

/** Entry ids a reading's document already holds. */
export interface ExistingEntries {
  highlights: ReadonlySet<string>;
  comments: ReadonlySet<string>;
}

export interface SkippedAnnotation {
  /** The annotation's id in the file. */
  annotation: string;
  reason: string;
}

export interface ReadingImportReport {
  readingId: string;
  title: string;
  /** Highlights placed on the abstract (exactly, moved or fuzzily). */
  placed: number;
  /** Highlights whose passage is not in the abstract: kept with their quote, listed as detached. */
  detached: number;
  /** New comments (first comments, replies, comments on the whole paper). */
  comments: number;
  /** Annotations already imported earlier: nothing to do. */
  unchanged: number;
  skipped: SkippedAnnotation[];
}

export interface ReadingImportPlan {
  readingId: string;
  highlights: Highlight[];
  comments: Comment[];
  report: ReadingImportReport;
}

export interface AnnotationImportPlan {
  format: ParsedAnnotationFile["format"];
  /** Annotations in the file. */
  total: number;
  /** One per reading the file has annotations for, in the order of `readings`. */
  readings: ReadingImportPlan[];
  /** Annotations that belong to no reading of the course. */
  unmatched: SkippedAnnotation[];
}

type Resolved =
  | { ok: true; reading: ImportReading; highlightId: string | null; commentId: string | null }
  | { ok: false; reason: string; reading: ImportReading | null };

/** Ids of our own export (`<site>/readings/<id>#highlight-<entry>`), whose entry ids are kept. */
const OWN_ENTRY = /\/readings\/[^/#]+#(?:highlight|comment)-([A-Za-z0-9_-]{8,64})$/;

export function planAnnotationImport(options: {
  file: ParsedAnnotationFile;
  readings: ImportReading[];
  members: ImportMember[];
  existing: (readingId: string) => ExistingEntries;
  /** The instructor importing: author of entries whose author is not a class member. */
  importerId: string;
  now: number;
}): AnnotationImportPlan {
  const { file, now } = options;
  const byId = new Map(file.annotations.map((annotation) => [annotation.sourceId, annotation]));
  const readingsByKey = indexReadings(options.readings);
  const findMember = memberMatcher(options.members);

  const parentOf = new Map<string, string | null>();
  for (const annotation of file.annotations) {
    const candidates = annotation.replyTo === null ? [] : [annotation.replyTo, ...annotation.ancestors];
    parentOf.set(annotation.sourceId, candidates.find((id) => byId.has(id)) ?? null);
  }
  const answered = new Set([...parentOf.values()].filter((id): id is string => id !== null));

  const plans = new Map<string, ReadingImportPlan>();
  const planFor = (reading: ImportReading) => {
    let plan = plans.get(reading.id);
    if (!plan) {
      plan = { readingId: reading.id, highlights: [], comments: [], report: { readingId: reading.id, title: reading.title, placed: 0, detached: 0, comments: 0, unchanged: 0, skipped: [] } };
      plans.set(reading.id, plan);
    }
    return plan;
  };
  const unmatched: SkippedAnnotation[] = [];
  const resolved = new Map<string, Resolved>();

  const resolve = (annotation: SourceAnnotation, depth = 0): Resolved => {
    const known = resolved.get(annotation.sourceId);
    if (known) return known;
    const result = depth > 200 ? { ok: false as const, reason: "Its thread is too deep or goes in a circle.", reading: null } : place(annotation, depth);
    resolved.set(annotation.sourceId, result);
    if (!result.ok) {
      const skip = { annotation: annotation.sourceId, reason: result.reason };
      if (result.reading) planFor(result.reading).report.skipped.push(skip);
      else unmatched.push(skip);
    }
    return result;
  };

  const place = (annotation: SourceAnnotation, depth: number): Resolved => {
    const author = findMember(annotation.author);
    const authorId = author ?? options.importerId;
    const attribution = author ? null : `“from ${FORMAT_LABELS[file.format]}, by ${describeAuthor(annotation.author)}”`;
    const created = Math.max(0, Math.min(annotation.created ?? now, now));
    const { kind, otherTags } = kindOf(annotation);
    const text = [annotation.text, otherTags.length ? `Tags: ${otherTags.join(", ")}` : ""].filter(Boolean).join("\n\n");
    // An empty comment that others answer was deleted at its source: it comes in deleted, keeping their place.
    const deleted = !text && !(annotation.replyTo === null && annotation.quote) && answered.has(annotation.sourceId);
    const body = deleted ? "" : [attribution, text].filter(Boolean).join("\n\n");
    const isReply = annotation.replyTo !== null;

    let reading: ImportReading;
    let highlightId: string | null = null;
    let parentId: string | null = null;
    if (isReply) {
      const parentSourceId = parentOf.get(annotation.sourceId);
      const parent = parentSourceId ? byId.get(parentSourceId) : undefined;
      if (!parent) return { ok: false, reason: "It answers an annotation that is not in this file.", reading: null };
      const thread = resolve(parent, depth + 1);
      if (!thread.ok) return { ok: false, reason: "It answers an annotation that was skipped.", reading: thread.reading };
      reading = thread.reading;
      highlightId = thread.highlightId;
      parentId = thread.commentId;
    } else {
      const match = readingFor(annotation.source, readingsByKey);
      if (typeof match === "string") return { ok: false, reason: match, reading: null };
      reading = match;
    }
    const plan = planFor(reading);
    const existing = options.existing(reading.id);
    let unchanged = true;

    if (!isReply && annotation.quote) {
      highlightId = entryId(annotation, "highlight");
      const { target, placed } = targetFor(reading.abstract, annotation);
      if (!existing.highlights.has(highlightId)) {
        unchanged = false;
        plan.highlights.push({ id: highlightId, authorId, kind, target, createdAt: created });
        if (placed) plan.report.placed++;
        else plan.report.detached++;
      }
      // A bare highlight by someone outside the class still says whose it is, in a first comment.
      if (!body) {
        if (unchanged) plan.report.unchanged++;
        return { ok: true, reading, highlightId, commentId: null };
      }
    } else if (!text && !deleted) {
      return { ok: false, reason: "It has neither a quoted passage nor any text.", reading };
    }

    if (body.length > MAX_COMMENT_LENGTH) return { ok: false, reason: `Its text is longer than ${MAX_COMMENT_LENGTH.toLocaleString("en-US")} characters.`, reading };
    const commentId = entryId(annotation, !isReply && annotation.quote ? "first-comment" : "comment");
    if (!existing.comments.has(commentId)) {
      unchanged = false;
      plan.comments.push({
        id: commentId,
        highlightId,
        parentId,
        authorId,
        body,
        createdAt: created,
        editedAt: null,
        resolvedAt: null,
        resolvedBy: null,
        deleted,
      });
      plan.report.comments++;
    }
    if (unchanged) plan.report.unchanged++;
    return { ok: true, reading, highlightId, commentId };
  };

  for (const annotation of file.annotations) resolve(annotation);
  const readings = options.readings.map((reading) => plans.get(reading.id)).filter((plan): plan is ReadingImportPlan => plan !== undefined);
  return { format: file.format, total: file.annotations.length, readings, unmatched };
}

function indexReadings(readings: ImportReading[]): Map<string, ImportReading[]> {
  const index = new Map<string, ImportReading[]>();
  for (const reading of readings) {
    const keys = new Set(reading.links.map(paperKey).filter((key): key is string => key !== null));
    for (const key of keys) index.set(key, [...(index.get(key) ?? []), reading]);
  }
  return index;
}

/** The reading a link names, or why there is none. */
function readingFor(source: string | null, index: Map<string, ImportReading[]>): ImportReading | string {
  if (!source) return "It names no document it was made on.";
  const key = paperKey(source);
  const matches = key ? (index.get(key) ?? []) : [];
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) return `Several readings have the link ${source} (${matches.map((reading) => `“${reading.title}”`).join(", ")}); it was not imported into any of them.`;
  return `No reading of this course has the link ${source}.`;
}

/** Where the quote lands on the abstract; a quote that is not there is kept as it is, detached. */
function targetFor(abstract: string, annotation: SourceAnnotation): { target: TextTarget; placed: boolean } {
  const quote = annotation.quote!;
  const stored = { ...quote, start: annotation.position?.start, end: annotation.position?.end } as TextTarget;
  const anchored = anchorTarget(abstract, stored);
  if (anchored.status !== "detached") {
    try {
      return { target: describeTextRange(abstract, anchored.start, anchored.end), placed: true };
    } catch {
      // A range that cuts a character in half: keep the quote as written, detached.
    }
  }
  const exact = quote.exact.slice(0, MAX_EXACT_LENGTH);
  const start = annotation.position?.start ?? 0;
  return {
    target: { exact, prefix: quote.prefix.slice(-MAX_CONTEXT_LENGTH), suffix: quote.suffix.slice(0, MAX_CONTEXT_LENGTH), start, end: start + exact.length },
    placed: false,
  };
}

/** Ids in our own export are kept (so an export imported elsewhere keeps its ids); others are derived from the file's id. */
function entryId(annotation: SourceAnnotation, role: "highlight" | "first-comment" | "comment"): string {
  const own = OWN_ENTRY.exec(annotation.sourceId)?.[1];
  if (own && role !== "first-comment") return own;
  return createHash("sha256").update(`${annotation.sourceId}\n${role}`).digest("base64url").slice(0, 24);
}

function kindOf(annotation: SourceAnnotation): { kind: HighlightKind; otherTags: string[] } {
  let kind: HighlightKind | null = null;
  const otherTags: string[] = [];
  for (const tag of annotation.tags) {
    const normalized = tag.toLowerCase().replace(/[\s_]+/g, "-");
    if (kind === null && (HIGHLIGHT_KINDS as readonly string[]).includes(normalized)) kind = normalized as HighlightKind;
    else otherTags.push(tag);
  }
  return { kind: kind ?? (annotation.motivation === "questioning" ? "question" : "note"), otherTags };
}

function memberMatcher(members: ImportMember[]): (author: SourceAuthor | null) => string | null {
  const byEmail = new Map<string, string>();
  const bySha1 = new Map<string, string>();
  const byHandle = new Map<string, string>();
  for (const member of members) {
    if (member.email) {
      const email = member.email.toLowerCase();
      byEmail.set(email, member.id);
      bySha1.set(createHash("sha1").update(`mailto:${email}`).digest("hex"), member.id);
    }
    if (member.handle) byHandle.set(member.handle.toLowerCase(), member.id);
  }
  return (author) => {
    if (!author) return null;
    const fromId = author.id ? /^(?:mailto:)(.+)$/i.exec(author.id)?.[1] : undefined;
    const accountHandle = author.id ? /^acct:([^@]+)@/i.exec(author.id)?.[1] : undefined;
    return (
      (author.email && byEmail.get(author.email.toLowerCase())) ||
      (fromId && byEmail.get(fromId.toLowerCase())) ||
      (author.emailSha1 && bySha1.get(author.emailSha1.toLowerCase())) ||
      (author.nickname && byHandle.get(author.nickname.toLowerCase())) ||
      (accountHandle && byHandle.get(accountHandle.toLowerCase())) ||
      null
    );
  };
}

function describeAuthor(author: SourceAuthor | null): string {
  if (!author) return "an unnamed author";
  if (author.id && author.id.startsWith("acct:")) return author.id;
  if (author.name && author.id) return `${author.name} (${author.id})`;
  return author.name ?? author.id ?? author.nickname ?? "an unnamed author";
}
