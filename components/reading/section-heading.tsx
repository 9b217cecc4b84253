import type { ReadingSectionName } from "@/lib/readings/session-text";

export const SECTION_LABELS: Record<ReadingSectionName, string> = {
  REQUIRED: "Required readings",
  MORE: "More readings",
  RELATED: "Related",
};

export const SECTION_BADGES: Record<ReadingSectionName, string> = {
  REQUIRED: "Required",
  MORE: "More reading",
  RELATED: "Related",
};
