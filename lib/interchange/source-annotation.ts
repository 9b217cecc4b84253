// What the importer understands of one annotation from any file format: the W3C and Hypothesis parsers
// both produce this, and the import plan reads nothing else.

export type AnnotationFormat = "w3c" | "hypothesis";

export const FORMAT_LABELS: Record<AnnotationFormat, string> = {
  w3c: "a W3C annotation file",
  hypothesis: "Hypothesis",
};

/** Who wrote an annotation, as the file names them; matched to a class member by email or handle. */
export interface SourceAuthor {
  /** An IRI or account (`acct:alice@hypothes.is`), as the file gives it. */
  id: string | null;
  name: string | null;
  /** A handle (W3C `nickname`). */
  nickname: string | null;
  /** Lower-cased address, without `mailto:`. */
  email: string | null;
  /** Hex SHA-1 of `mailto:<address>` (W3C `email_sha1`). */
  emailSha1: string | null;
}

export interface SourceAnnotation {
  /** Its id in the file: stable entry ids are derived from it, so a second import changes nothing. */
  sourceId: string;
  /** The link of the document it was made on; null for a reply that names only what it answers. */
  source: string | null;
  /** The annotation it answers (its direct parent), by id in the file. */
  replyTo: string | null;
  /** Further ancestors, nearest first, for when the direct parent is not in the file (Hypothesis `references`). */
  ancestors: string[];
  quote: { exact: string; prefix: string; suffix: string } | null;
  position: { start: number; end: number } | null;
  /** The annotation's text (may be empty: a bare highlight). */
  text: string;
  tags: string[];
  /** W3C motivation (`questioning`, ...), when given. */
  motivation: string | null;
  author: SourceAuthor | null;
  /** Milliseconds since the epoch; null when the file does not say. */
  created: number | null;
}

export interface ParsedAnnotationFile {
  format: AnnotationFormat;
  annotations: SourceAnnotation[];
}

/** An ISO date-time as milliseconds, or null when it is missing or not a date. */
export function parseTime(value: string | null | undefined): number | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isFinite(time) ? time : null;
}
