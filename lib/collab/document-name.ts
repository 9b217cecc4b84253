// Live document names, built and parsed in one place for the browser and the server: `reading:<id>`
// for a reading's highlights and comments, `draft:<id>` for a team draft.
export type DocumentKind = "reading" | "draft";

export interface DocumentRef {
  kind: DocumentKind;
  id: string;
}

const ID = /^[a-z0-9]{20,40}$/;

export function documentName(ref: DocumentRef): string {
  if (!ID.test(ref.id)) throw new Error(`not a valid ${ref.kind} id: ${ref.id}`);
  return `${ref.kind}:${ref.id}`;
}

export function readingDocumentName(readingId: string): string {
  return documentName({ kind: "reading", id: readingId });
}

export function draftDocumentName(draftId: string): string {
  return documentName({ kind: "draft", id: draftId });
}

/** Null for anything that is not exactly `reading:<id>` or `draft:<id>`. */
export function parseDocumentName(name: string): DocumentRef | null {
  const match = /^(reading|draft):([a-z0-9]{20,40})$/.exec(name);
  return match ? { kind: match[1] as DocumentKind, id: match[2]! } : null;
}
