// The threads of one draft (`draft-threads:<draftId>`): the reading document's schema (highlights,
// comments, reactions; see reading-doc.ts), except that a highlight's target is a passage of the live
// draft held by two Yjs relative positions (components/drafts/anchors.ts) with the quote as it read.
// Comments and +1s are read and written with reading-doc.ts's helpers as they are.
import * as Y from "yjs";
import { z } from "zod/mini";
import { MAX_EXACT_LENGTH } from "../anchoring/selectors.ts";
import { can, type Actor, type DraftKind, type SessionTeams } from "../policies/index.ts";
import { createComment, highlightSchema, newEntryId, readingMaps, readEntry, type HighlightKind, type UnreadableEntry } from "./reading-doc.ts";

/** A base64 Yjs relative position, as encodeAnchor writes it. */
export const MAX_RELATIVE_POSITION_LENGTH = 512;
const relativePositionSchema = z.string().check(z.minLength(1), z.maxLength(MAX_RELATIVE_POSITION_LENGTH), z.regex(/^[A-Za-z0-9+/]+={0,2}$/));

export const draftAnchorSchema = z.strictObject({
  exact: z.string().check(z.minLength(1), z.maxLength(MAX_EXACT_LENGTH)),
  from: relativePositionSchema,
  to: relativePositionSchema,
});
export type DraftAnchor = z.infer<typeof draftAnchorSchema>;

export const draftHighlightSchema = z.extend(highlightSchema, { target: draftAnchorSchema });
export type DraftHighlight = z.infer<typeof draftHighlightSchema>;

/** Every passage that can be read, oldest first, and those that cannot. Never throws. */
export function readDraftHighlightEntries(doc: Y.Doc): { highlights: DraftHighlight[]; unreadable: UnreadableEntry[] } {
  const highlights: DraftHighlight[] = [];
  const unreadable: UnreadableEntry[] = [];
  try {
    doc.getMap<unknown>("highlights").forEach((value, key) => {
      const highlight = readEntry(draftHighlightSchema, value, key);
      if (highlight) highlights.push(highlight);
      else unreadable.push({ root: "highlights", id: key, unreadable: true, highlightId: null, parentId: null });
    });
  } catch {
    unreadable.push({ root: "highlights", id: "", unreadable: true, highlightId: null, parentId: null });
  }
  highlights.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return { highlights, unreadable };
}

export function readDraftHighlights(doc: Y.Doc): DraftHighlight[] {
  return readDraftHighlightEntries(doc).highlights;
}

/** A passage of the draft and, usually, the first comment on it: one transaction, as the browser sends it. */
export function createDraftPassage(
  doc: Y.Doc,
  input: { authorId: string; kind?: HighlightKind; target: DraftAnchor; firstComment?: string },
): { highlightId: string; commentId: string | null } {
  const highlightId = newEntryId();
  let commentId: string | null = null;
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    const fields = { id: highlightId, authorId: input.authorId, kind: input.kind ?? "note", target: input.target, createdAt: Date.now() };
    for (const [key, value] of Object.entries(fields)) entry.set(key, value);
    readingMaps(doc).highlights.set(highlightId, entry as Y.Map<unknown>);
    const body = input.firstComment?.trim();
    if (body) commentId = createComment(doc, { authorId: input.authorId, highlightId, parentId: null, body });
  });
  return { highlightId, commentId };
}

/**
 * Who resolves a thread on a draft: whoever resolves a reading's thread (its author, the session's lead
 * team, the instructor) and whoever resolves a draft comment (the draft's own team). Asked by the write
 * check and by the panel, so the button shows exactly when the server will accept it.
 */
export function mayResolveDraftThread(actor: Actor, resource: { threadAuthorId: string; draftKind: DraftKind; session: SessionTeams }): boolean {
  return (
    can(actor, "thread:resolve", { threadAuthorId: resource.threadAuthorId, session: resource.session }) ||
    can(actor, "draft-comment:resolve", { commentAuthorId: resource.threadAuthorId, draftKind: resource.draftKind, session: resource.session })
  );
}
