// How the live connection to a draft's threads treats unsaved changes: like a reading's (each comment
// and +1 stands alone, and is named when refused), except that a new passage is a comment on it.
import { describeReadingChange, READING_CONNECTION } from "../annotations/reading-connection-options";
import type { ConnectionOptions } from "../annotations/reading-connection";

export function describeDraftThreadsChange(update: Uint8Array): string {
  const noun = describeReadingChange(update);
  return noun === "highlight" ? "comment on a passage" : noun;
}

export const DRAFT_THREADS_CONNECTION: ConnectionOptions = { ...READING_CONNECTION, describeChange: describeDraftThreadsChange };
