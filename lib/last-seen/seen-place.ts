// What a member can have seen up to some moment: a thread document (a reading's, or a draft's threads,
// named as the live documents are) or their Activity page. Parsed in one place for the route and pages.
import { z } from "zod";
import { parseDocumentName } from "../collab/document-name.ts";

export type SeenPlace = { documentKind: "reading" | "draft-threads"; documentId: string } | { documentKind: "activity"; documentId: "" };

export const ACTIVITY_PLACE: SeenPlace = { documentKind: "activity", documentId: "" };

/** `reading:<id>`, `draft-threads:<draftId>` or `activity`. */
export const seenPlaceSchema = z.string().transform((name, context): SeenPlace => {
  if (name === "activity") return ACTIVITY_PLACE;
  const ref = parseDocumentName(name);
  if (ref && (ref.kind === "reading" || ref.kind === "draft-threads")) return { documentKind: ref.kind, documentId: ref.id };
  context.addIssue({ code: "custom", message: "Say what you have seen: reading:<id>, draft-threads:<draftId> or activity." });
  return z.NEVER;
});

export const markSeenInputSchema = z.strictObject({ document: seenPlaceSchema });
