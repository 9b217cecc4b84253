"use client";
// The abstract with everyone's highlights drawn in it. The container is a contentEditable whose
// every editing input is blocked: that is what lets keyboard users move a caret and select with
// Shift+arrow keys, which plain text does not allow. Offsets are into the whole abstract string.
import { lazy, Suspense, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import type { AnchorResult } from "@/lib/anchoring";
import type { Highlight, HighlightKind } from "@/lib/collab/reading-doc";
import type { Peer } from "./awareness-peers";
import { rangeToOffsets, selectOffsets, toolbarPosition } from "./dom-selection";
import { KIND_STYLES, KINDS } from "./kinds";
import type { Member } from "./mention-autocomplete";
import { layoutAbstract, type Segment } from "./segments";
import { normalizeSelection } from "./selection-offsets";
import { useHydrated } from "./use-now";

// The toolbar is loaded when someone first reaches into the abstract (many readers only read), so it is
// there by the time a selection asks for it. React.lazy rather than next/dynamic, whose loader would
// cost the page more than the toolbar does.
const loadToolbar = () => import("./highlight-toolbar");
const HighlightToolbar = lazy(() => loadToolbar().then((module) => ({ default: module.HighlightToolbar })));
const prefetchToolbar = () => void loadToolbar();

export interface NewHighlight {
  kind: HighlightKind;
  start: number;
  end: number;
  /** Trimmed; empty when there is none. */
  firstComment: string;
}

export interface AnnotatedAbstractProps {
  abstract: string;
  highlights: readonly Highlight[];
  /** anchorTarget() of each highlight against `abstract` (see anchorHighlights); detached ones are not drawn. */
  anchors: ReadonlyMap<string, AnchorResult>;
  /** For authors' names in the marks' labels. */
  members: readonly Member[];
  /** Other people on the paper; their current selections are drawn faintly with their names. */
  peers?: readonly Peer[];
  activeHighlightId?: string | null;
  /** Highlights chosen together (a band of the heatmap bar): their marks are outlined. */
  selectedHighlightIds?: ReadonlySet<string>;
  onOpenHighlight: (highlightId: string) => void;
  /** Without it the abstract is read-only: text can be selected, but no toolbar is offered. */
  onCreateHighlight?: (input: NewHighlight) => void;
  /** Why highlights cannot be made just now (the live document is still connecting): the toolbar says so. */
  highlightUnavailable?: string | null;
  /** Our own selection, for awareness (debounced). */
  onSelectionChange?: (selection: { start: number; end: number } | null) => void;
}

type Layer = { type: "highlight"; start: number; end: number; highlight: Highlight } | { type: "peer"; start: number; end: number; peer: Peer };

interface Draft {
  start: number;
  end: number;
  position: { top: number; left: number };
  takeFocus: boolean;
}

const TOOLBAR_WIDTH = 320;
const EDITING_KEYS = new Set(["Enter", "Backspace", "Delete", "Tab"]);
// One empty list for every render: a fresh [] would redo the layout each time.
const NO_PEERS: readonly Peer[] = [];
const NO_SELECTION: ReadonlySet<string> = new Set();

export function AnnotatedAbstract({
  abstract,
  highlights,
  anchors,
  members,
  peers = NO_PEERS,
  activeHighlightId = null,
  selectedHighlightIds = NO_SELECTION,
  onOpenHighlight,
  onCreateHighlight,
  highlightUnavailable = null,
  onSelectionChange,
}: AnnotatedAbstractProps) {
  const hintId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  // The selection whose toolbar was just dismissed: restoring that selection must not reopen it.
  const dismissed = useRef<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // Bumped when something slipped past the input blocking (an IME composition cannot be cancelled),
  // so React rebuilds the DOM it owns instead of reconciling against text it did not write.
  const [renderKey, setRenderKey] = useState(0);
  // Editable only once hydrated: without JavaScript nothing would stop typing into it.
  const hydrated = useHydrated();

  const nameOf = useMemo(() => {
    const names = new Map(members.map((member) => [member.id, member.name]));
    return (id: string) => names.get(id) ?? "a former member";
  }, [members]);

  const paragraphs = useMemo(() => {
    const layers: Layer[] = [];
    for (const highlight of highlights) {
      const anchor = anchors.get(highlight.id);
      if (anchor && anchor.status !== "detached") layers.push({ type: "highlight", start: anchor.start, end: anchor.end, highlight });
    }
    for (const peer of peers) if (peer.selection) layers.push({ type: "peer", ...peer.selection, peer });
    return layoutAbstract(abstract, layers);
  }, [abstract, highlights, anchors, peers]);

  // Where each peer's selection starts, to hang their name tag there only.
  const peerStarts = useMemo(() => new Map(peers.flatMap((peer) => (peer.selection ? [[peer.clientId, peer.selection.start] as const] : []))), [peers]);

  const readSelection = useCallback((): { start: number; end: number; range: Range } | null => {
    const root = rootRef.current;
    const selection = document.getSelection();
    if (!root || !selection || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    const offsets = rangeToOffsets(root, range, abstract.length);
    return offsets ? { ...offsets, range } : null;
  }, [abstract.length]);

  // Follow the selection: open the toolbar for a new selection inside the abstract, close it when
  // the selection collapses there. Selections elsewhere (the toolbar's own textarea) leave it be.
  useEffect(() => {
    const onSelectionChange = () => {
      const root = rootRef.current;
      const frame = frameRef.current;
      const selection = document.getSelection();
      if (!root || !frame || !selection || selection.rangeCount === 0) return;
      if (frame.querySelector("[data-highlight-toolbar]")?.contains(document.activeElement)) return;
      const found = readSelection();
      if (!found) return;
      const span = normalizeSelection(abstract, found.start, found.end);
      if (!span || selection.isCollapsed) {
        dismissed.current = null;
        setDraft(null);
        return;
      }
      if (dismissed.current === `${span.start}:${span.end}`) return;
      dismissed.current = null;
      const position = toolbarPosition(found.range, frame);
      const left = Math.max(0, Math.min(position.left, frame.clientWidth - TOOLBAR_WIDTH));
      setDraft({ ...span, position: { top: position.top, left }, takeFocus: false });
    };
    document.addEventListener("selectionchange", onSelectionChange);
    return () => document.removeEventListener("selectionchange", onSelectionChange);
  }, [abstract, readSelection]);

  // Clicking anywhere outside the abstract and the toolbar dismisses the toolbar.
  useEffect(() => {
    if (!draft) return;
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && frameRef.current?.contains(event.target)) return;
      setDraft(null);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [draft]);

  // Publish our selection for others, at most every 150 ms while it is being dragged.
  const published = draft ? `${draft.start}:${draft.end}` : "";
  useEffect(() => {
    if (!onSelectionChange) return;
    const timer = window.setTimeout(() => {
      const [start, end] = published.split(":").map(Number);
      onSelectionChange(published && start !== undefined && end !== undefined ? { start, end } : null);
    }, 150);
    return () => window.clearTimeout(timer);
  }, [published, onSelectionChange]);

  // Native listeners: React's onBeforeInput only covers typed characters, not deletions, formatting or drops.
  useEffect(() => {
    const root = rootRef.current;
    if (!root || !hydrated) return;
    const block = (event: Event) => event.preventDefault();
    const repair = () => setRenderKey((key) => key + 1);
    root.addEventListener("beforeinput", block);
    root.addEventListener("input", repair);
    return () => {
      root.removeEventListener("beforeinput", block);
      root.removeEventListener("input", repair);
    };
  }, [hydrated, renderKey]);

  const closeToolbar = (restoreSelection: boolean) => {
    const current = draft;
    if (current) dismissed.current = `${current.start}:${current.end}`;
    setDraft(null);
    const root = rootRef.current;
    if (!root) return;
    root.focus({ preventScroll: true });
    if (restoreSelection && current) selectOffsets(root, current.start, current.end);
    else document.getSelection()?.collapseToEnd();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      // Copy, select-all and the browser's own shortcuts stay; cut and paste are blocked by their events.
      return;
    }
    if ((event.key === "h" || event.key === "H" || event.key === "Enter") && onCreateHighlight) {
      event.preventDefault();
      const found = readSelection();
      const span = found ? normalizeSelection(abstract, found.start, found.end) : null;
      if (!found || !span || !frameRef.current) {
        setAnnouncement("Select some text first: hold Shift and use the arrow keys.");
        return;
      }
      const position = toolbarPosition(found.range, frameRef.current);
      const left = Math.max(0, Math.min(position.left, frameRef.current.clientWidth - TOOLBAR_WIDTH));
      setDraft({ ...span, position: { top: position.top, left }, takeFocus: true });
      return;
    }
    if (event.key === "Escape" && draft) {
      event.preventDefault();
      dismissed.current = `${draft.start}:${draft.end}`;
      setDraft(null);
      return;
    }
    // Tab must still move focus; everything else that would edit is stopped here.
    if ((EDITING_KEYS.has(event.key) && event.key !== "Tab") || event.key.length === 1) event.preventDefault();
  };

  // The latest handler, read when a mark is clicked: a parent passing a new function each render must not
  // make every mark be drawn again.
  const openHighlight = useRef(onOpenHighlight);
  useLayoutEffect(() => {
    openHighlight.current = onOpenHighlight;
  }, [onOpenHighlight]);

  // Hundreds of highlights make a thousand marks; a live update that moved none of them (a comment, a +1)
  // reuses the drawn elements as they are, so React has nothing to compare.
  const drawn = useMemo(() => {
    const openFromMark = (ids: string[], event: MouseEvent | KeyboardEvent) => {
      // A drag that started and ended on one mark is a selection, not a click.
      if (event.type === "click" && !(document.getSelection()?.isCollapsed ?? true)) return;
      const target = pickHighlight(ids, highlights, anchors);
      if (target) openHighlight.current(target);
    };

    const renderSegment = (segment: Segment<Layer>) => {
      const covering = segment.covering.flatMap((layer) => (layer.type === "highlight" ? [layer.highlight] : []));
      const selecting = segment.covering.flatMap((layer) => (layer.type === "peer" ? [layer.peer] : []));
      const tagged = selecting.find((peer) => peerStarts.get(peer.clientId) === segment.start);
      const peerStyle = selecting.length > 0 ? { boxShadow: `inset 0 -2px 0 ${selecting[0]!.user.color}`, ...(covering.length === 0 ? { backgroundColor: `${selecting[0]!.user.color}1f` } : {}) } : undefined;
      const peerProps = {
        title: selecting.length > 0 ? `${selecting.map((peer) => peer.user.name).join(", ")} ${selecting.length > 1 ? "are" : "is"} selecting this` : undefined,
        "data-peer-name": tagged?.user.name,
        style: tagged ? { ...peerStyle, ["--peer" as string]: tagged.user.color } : peerStyle,
      };
      const peerTag = tagged
        ? "relative before:pointer-events-none before:absolute before:-top-4 before:left-0 before:z-10 before:whitespace-nowrap before:rounded before:bg-[var(--peer)] before:px-1 before:font-sans before:text-[10px] before:leading-4 before:text-white before:content-[attr(data-peer-name)]"
        : "";
      if (covering.length === 0) {
        return (
          <span key={segment.start} data-start={segment.start} data-end={segment.end} className={peerTag} {...peerProps}>
            {segment.text}
          </span>
        );
      }
      const top = covering.reduce((latest, highlight) => (highlight.createdAt >= latest.createdAt ? highlight : latest));
      const style = KIND_STYLES[top.kind];
      const ids = covering.map((highlight) => highlight.id);
      const active = activeHighlightId !== null && ids.includes(activeHighlightId);
      const selected = ids.some((id) => selectedHighlightIds.has(id));
      return (
        <mark
          key={segment.start}
          data-start={segment.start}
          data-end={segment.end}
          data-highlight-ids={ids.join(" ")}
          data-kind={top.kind}
          data-selected={selected || undefined}
          tabIndex={0}
          aria-label={covering.map((highlight) => `Highlight by ${nameOf(highlight.authorId)}: ${KIND_STYLES[highlight.kind].label}`).join("; ")}
          onClick={(event) => openFromMark(ids, event)}
          onKeyDown={(event) => {
            if (event.key !== "Enter" || event.shiftKey || !document.getSelection()?.isCollapsed) return;
            event.preventDefault();
            event.stopPropagation();
            openFromMark(ids, event);
          }}
          className={`cursor-pointer rounded-sm text-ink underline decoration-2 underline-offset-4 ${covering.length > 1 ? style.markStacked : style.mark} ${active ? "outline-2 outline-offset-1 outline-accent" : ""} ${selected ? "ring-2 ring-ink ring-offset-1" : ""} ${peerTag}`}
          {...peerProps}
        >
          {segment.text}
        </mark>
      );
    };

    return paragraphs.map((paragraph) => (
      <p key={paragraph.start} data-start={paragraph.start} data-end={paragraph.end}>
        {paragraph.segments.map(renderSegment)}
      </p>
    ));
  }, [paragraphs, highlights, anchors, activeHighlightId, selectedHighlightIds, nameOf, peerStarts]);

  return (
    <div ref={frameRef} className="relative">
      {abstract ? (
        <div
          key={renderKey}
          ref={rootRef}
          data-abstract
          contentEditable={hydrated || undefined}
          suppressContentEditableWarning
          role={hydrated ? "textbox" : undefined}
          aria-multiline={hydrated || undefined}
          aria-readonly={hydrated || undefined}
          aria-label="Abstract"
          aria-describedby={onCreateHighlight ? hintId : undefined}
          inputMode={hydrated ? "none" : undefined}
          spellCheck={false}
          autoCorrect="off"
          autoCapitalize="off"
          tabIndex={hydrated ? 0 : undefined}
          onKeyDown={onKeyDown}
          // Someone who reaches into the abstract may be about to select: fetch the toolbar now.
          onFocus={onCreateHighlight ? prefetchToolbar : undefined}
          onPointerDown={onCreateHighlight ? prefetchToolbar : undefined}
          onPaste={(event) => event.preventDefault()}
          onCut={(event) => event.preventDefault()}
          onDrop={(event) => event.preventDefault()}
          onDragOver={(event) => event.preventDefault()}
          className="mt-3 space-y-4 rounded-md font-serif text-lg leading-relaxed text-ink caret-accent"
        >
          {drawn}
        </div>
      ) : (
        <p className="mt-3 text-muted">The reading list gives no abstract for this reading.</p>
      )}

      {draft && onCreateHighlight ? (
        <Suspense fallback={null}>
          <HighlightToolbar
            key={`${draft.start}:${draft.end}`}
            length={draft.end - draft.start}
            members={members}
            takeFocus={draft.takeFocus}
            style={{ top: draft.position.top, left: draft.position.left }}
            unavailable={highlightUnavailable}
            onClose={() => closeToolbar(true)}
            onHighlight={({ kind, firstComment }) => {
              onCreateHighlight({ kind, start: draft.start, end: draft.end, firstComment });
              closeToolbar(false);
            }}
          />
        </Suspense>
      ) : null}

      {abstract && onCreateHighlight ? (
        <p id={hintId} className="mt-3 text-xs text-muted">
          Select a passage to highlight it. From the keyboard: focus the abstract, hold Shift and use the arrow keys, then press H.
        </p>
      ) : null}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>

      <ul aria-label="Highlight colours" className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
        {KINDS.map((kind) => (
          <li key={kind} className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className={`size-3 rounded-sm ring-1 ${KIND_STYLES[kind].swatch}`} />
            {KIND_STYLES[kind].label}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Of the highlights covering a spot, the one to open: the shortest, i.e. the most specific. */
export function pickHighlight(ids: readonly string[], highlights: readonly Highlight[], anchors: ReadonlyMap<string, AnchorResult>): string | null {
  let best: { id: string; length: number } | null = null;
  for (const id of ids) {
    const anchor = anchors.get(id);
    if (!anchor || anchor.status === "detached" || !highlights.some((highlight) => highlight.id === id)) continue;
    const length = anchor.end - anchor.start;
    if (!best || length < best.length) best = { id, length };
  }
  return best?.id ?? null;
}
