// The kinds a reading's highlight can have (reading-doc.ts's schema uses them). On their own so that a
// page can list them without loading the document's schema and Yjs.
export const HIGHLIGHT_KINDS = ["question", "key-idea", "critique", "method", "note"] as const;
export type HighlightKind = (typeof HIGHLIGHT_KINDS)[number];
