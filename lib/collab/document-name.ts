// Live document names, built and parsed in one place for the browser and the server: `reading:<id>`
// for a reading's highlights and comments, `draft:<id>` for a team draft, `draft-threads:<draftId>` for
// the comment threads on a draft. The server's table of kinds (kinds/index.ts) has one module per name
// listed here.
export const LIVE_DOCUMENT_KINDS = ["reading", "draft", "draft-threads"] as const;
export type DocumentKind = (typeof LIVE_DOCUMENT_KINDS)[number];

export interface DocumentRef {
  kind: DocumentKind;
  id: string;
}

/** What the server answers when a document's facts are gone (an archived reading); the browser stops retrying on it. */
export const DOCUMENT_GONE_REASON = "That document does not exist.";

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

export function draftThreadsDocumentName(draftId: string): string {
  return documentName({ kind: "draft-threads", id: draftId });
}

function isKind(kind: string): kind is DocumentKind {
  return (LIVE_DOCUMENT_KINDS as readonly string[]).includes(kind);
}

/** Null for anything that is not exactly `<known kind>:<id>`. */
export function parseDocumentName(name: string): DocumentRef | null {
  const match = /^([a-z-]{1,32}):([a-z0-9]{20,40})$/.exec(name);
  if (!match || !isKind(match[1]!)) return null;
  return { kind: match[1], id: match[2]! };
}

/** Why a name is not a live document's, in words for the client; null when it is one. */
export function documentNameProblem(name: string): string | null {
  if (parseDocumentName(name)) return null;
  const kind = /^([a-z-]{1,32}):/.exec(name)?.[1];
  if (kind && !isKind(kind)) return `There is no kind of live document called "${kind}".`;
  return "That is not the name of a live document.";
}
