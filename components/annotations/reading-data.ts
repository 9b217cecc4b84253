// The annotations a thread page renders, as plain data: from the server's render first, then from the
// live document. Free of Yjs, so that rendering them is all a page's first load carries.
import { useMemo, useState } from "react";
import type { AnchorResult } from "@/lib/anchoring/anchor";
import { memoizeAnchors } from "@/lib/anchoring/memoize-anchors";
import type { Comment, Highlight } from "@/lib/collab/reading-doc";
import type { ReadingAnnotations } from "@/lib/readings/get-reading-annotations";

/** A thread document read as plain data; a draft's threads carry their own kind of highlight. */
export interface ReadingData<H = Highlight> {
  highlights: H[];
  comments: Comment[];
  /** commentId -> ids of the users who gave it +1 */
  reactions: Map<string, string[]>;
}

/** What the server read from a reading's stored document, in the form the live document's readers give. */
export function readingDataOf(annotations: ReadingAnnotations): ReadingData {
  return { highlights: annotations.highlights, comments: annotations.comments, reactions: new Map(annotations.reactions) };
}

/**
 * Where each highlight sits in `abstract` now (anchorTarget), re-anchored only when the abstract or that
 * highlight's stored target changed; the same Map comes back while nothing moved.
 */
export function useAnchors(abstract: string, highlights: readonly Highlight[]): ReadonlyMap<string, AnchorResult> {
  const [anchorAll] = useState(() => memoizeAnchors());
  return useMemo(() => anchorAll(abstract, highlights), [anchorAll, abstract, highlights]);
}
