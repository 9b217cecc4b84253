// How each highlight kind looks. Class names are spelled out in full so Tailwind's scanner keeps them.
import { HIGHLIGHT_KINDS, type HighlightKind } from "@/lib/collab/highlight-kinds";

export interface KindStyle {
  label: string;
  /** A segment covered by one highlight. */
  mark: string;
  /** A segment covered by several: darker, so overlaps read as overlaps. */
  markStacked: string;
  /** The swatch in the legend and the badge in the comments panel. */
  swatch: string;
  badge: string;
  /** The left rule of a quoted passage. */
  quote: string;
}

export const KIND_STYLES: Record<HighlightKind, KindStyle> = {
  question: {
    label: "question",
    mark: "bg-sky-100 decoration-sky-500",
    markStacked: "bg-sky-300 decoration-sky-700",
    swatch: "bg-sky-200 ring-sky-500",
    badge: "bg-sky-100 text-sky-900 ring-sky-300",
    quote: "border-sky-400",
  },
  "key-idea": {
    label: "key idea",
    mark: "bg-amber-100 decoration-amber-500",
    markStacked: "bg-amber-300 decoration-amber-700",
    swatch: "bg-amber-200 ring-amber-500",
    badge: "bg-amber-100 text-amber-900 ring-amber-300",
    quote: "border-amber-400",
  },
  critique: {
    label: "critique",
    mark: "bg-rose-100 decoration-rose-500",
    markStacked: "bg-rose-300 decoration-rose-700",
    swatch: "bg-rose-200 ring-rose-500",
    badge: "bg-rose-100 text-rose-900 ring-rose-300",
    quote: "border-rose-400",
  },
  method: {
    label: "method",
    mark: "bg-emerald-100 decoration-emerald-500",
    markStacked: "bg-emerald-300 decoration-emerald-700",
    swatch: "bg-emerald-200 ring-emerald-500",
    badge: "bg-emerald-100 text-emerald-900 ring-emerald-300",
    quote: "border-emerald-400",
  },
  note: {
    label: "note",
    mark: "bg-violet-100 decoration-violet-500",
    markStacked: "bg-violet-300 decoration-violet-700",
    swatch: "bg-violet-200 ring-violet-500",
    badge: "bg-violet-100 text-violet-900 ring-violet-300",
    quote: "border-violet-400",
  },
};

/** Kinds in the order the legend and the toolbar list them. */
export const KINDS: readonly HighlightKind[] = HIGHLIGHT_KINDS;

export const DEFAULT_KIND: HighlightKind = "note";
