// The table of live-document kinds. Adding a kind means adding its module here; its name must also be
// listed in document-name.ts (shared with the browser), and the type below makes the two agree.
import { LIVE_DOCUMENT_KINDS, type DocumentKind } from "../document-name.ts";
import { draftKind } from "./draft.ts";
import { draftThreadsKind } from "./draft-threads.ts";
import { readingKind } from "./reading.ts";
import type { LiveDocumentKind } from "./types.ts";

export const KINDS: { [K in DocumentKind]: LiveDocumentKind } = {
  reading: readingKind,
  draft: draftKind,
  "draft-threads": draftThreadsKind,
};

for (const name of LIVE_DOCUMENT_KINDS) {
  if (KINDS[name].name !== name) throw new Error(`live-document kind table: "${name}" maps to the module for "${KINDS[name].name}"`);
}

export type { LiveDocumentKind } from "./types.ts";
