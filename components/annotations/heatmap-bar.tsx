"use client";
// "Where the class highlighted": a bar beside the abstract with one band per highlighted stretch, placed
// by its position in the text (characters, so roughly by line), coloured by its most frequent kind and
// darker where more highlights overlap. Each band is a button: choosing it selects its highlights.
import { useMemo } from "react";
import type { AnchorResult } from "@/lib/anchoring";
import type { Highlight } from "@/lib/collab/reading-doc";
import { highlightDensity, type DensityBand } from "@/lib/questions/highlight-density";
import { KIND_STYLES } from "./kinds";

export interface HeatmapSelection {
  start: number;
  end: number;
  highlightIds: string[];
}

export interface HeatmapBarProps {
  abstract: string;
  highlights: readonly Highlight[];
  anchors: ReadonlyMap<string, AnchorResult>;
  selected: HeatmapSelection | null;
  onSelect: (selection: HeatmapSelection | null) => void;
}

/** The bands of the anchored highlights (detached ones have no place in the text). */
export function bandsFor(abstract: string, highlights: readonly Highlight[], anchors: ReadonlyMap<string, AnchorResult>): DensityBand[] {
  const placed = [];
  for (const highlight of highlights) {
    const anchor = anchors.get(highlight.id);
    if (anchor && anchor.status !== "detached") placed.push({ id: highlight.id, start: anchor.start, end: anchor.end, kind: highlight.kind });
  }
  return highlightDensity(abstract.length, placed);
}

function describeBand(abstract: string, band: DensityBand): string {
  const text = abstract.slice(band.start, band.end).replace(/\s+/g, " ").trim();
  const quote = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  const kinds = Object.entries(band.kinds)
    .map(([kind, count]) => `${count} ${KIND_STYLES[kind as keyof typeof KIND_STYLES].label}`)
    .join(", ");
  return `“${quote}”: ${band.count} ${band.count === 1 ? "highlight" : "highlights"} (${kinds})`;
}

export function HeatmapBar({ abstract, highlights, anchors, selected, onSelect }: HeatmapBarProps) {
  const bands = useMemo(() => bandsFor(abstract, highlights, anchors), [abstract, highlights, anchors]);
  if (!abstract) return null;
  const length = abstract.length;
  const isSelected = (band: DensityBand) => selected !== null && selected.start === band.start && selected.end === band.end;
  return (
    <section aria-label="Where the class highlighted" className="relative w-4 shrink-0 self-stretch" title="Where the class highlighted">
      <div aria-hidden="true" className="absolute inset-y-0 left-1/2 w-1 -translate-x-1/2 rounded-full bg-rule/60" />
      <ol className="absolute inset-0" aria-label="Highlighted passages">
        {bands.map((band) => {
          const pressed = isSelected(band);
          return (
            <li key={`${band.start}-${band.end}`} className="absolute inset-x-0" style={{ top: `${(band.start / length) * 100}%`, height: `max(6px, ${((band.end - band.start) / length) * 100}%)` }}>
              <button
                type="button"
                aria-pressed={pressed}
                aria-label={describeBand(abstract, band)}
                title={describeBand(abstract, band)}
                data-band-count={band.count}
                onClick={() => onSelect(pressed ? null : { start: band.start, end: band.end, highlightIds: band.highlightIds })}
                className={`block h-full w-full rounded-sm ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent ${KIND_STYLES[band.kind].swatch} ${pressed ? "outline-2 outline-offset-1 outline-ink" : ""}`}
                style={{ opacity: 0.35 + 0.65 * band.density }}
              />
            </li>
          );
        })}
      </ol>
      <p role="status" className="sr-only">
        {selected ? `${selected.highlightIds.length} ${selected.highlightIds.length === 1 ? "highlight" : "highlights"} selected` : ""}
      </p>
    </section>
  );
}
