// How a reading's live connection treats unsaved changes: each comment, highlight and +1 stands
// alone (a refused one is undone without the others), and is named when refused.
import * as Y from "yjs";
import type { ConnectionOptions } from "./reading-connection";

const NOUNS: Record<string, string> = { highlights: "highlight", comments: "comment", reactions: "+1" };

/** "highlight", "comment", "+1" for a new entry; "edit" for a change to an existing one; "change" otherwise. */
export function describeReadingChange(update: Uint8Array): string {
  const roots = new Set<string>();
  let nested = false;
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (typeof struct.parent === "string") roots.add(struct.parent);
    else nested = true;
  }
  // A highlight made with its first comment is a highlight.
  for (const root of ["highlights", "comments", "reactions"]) if (roots.has(root)) return NOUNS[root]!;
  return nested ? "edit" : "change";
}

export const READING_CONNECTION: ConnectionOptions = { independentChanges: true, describeChange: describeReadingChange };
