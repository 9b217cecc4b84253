"use client";
// The box the draft is shown in (toolbar, content, word count), and the server-rendered draft that
// fills it until the editor is ready. The static content sits in the editor's own elements and classes
// (`.tiptap.ProseMirror` inside draft-editor.module.css's `.content`), so it looks exactly like the
// editor that replaces it. Part of the page's first load: no Tiptap or Yjs here.
import { useLayoutEffect, useRef, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { earlyKeyAction, type EarlyInput } from "./early-input";
import { FormattingToolbar, useMac } from "./formatting-toolbar";
import styles from "./draft-editor.module.css";

export interface DraftFrameProps {
  /** The formatting toolbar (writers) and the link field under it. */
  top?: ReactNode;
  children: ReactNode;
  words: number;
  /** The footer's right end: "Comment on selection", or a hint. */
  action: ReactNode;
}

export function DraftFrame({ top, children, words, action }: DraftFrameProps) {
  return (
    <div className="min-w-0 rounded-xl border border-rule bg-white shadow-sm">
      {top}
      {children}
      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 rounded-b-xl border-t border-rule bg-white/95 px-3 py-2 backdrop-blur">
        <p className="text-xs tabular-nums text-muted">{words === 1 ? "1 word" : `${words.toLocaleString("en-US")} words`}</p>
        {action}
      </div>
    </div>
  );
}

const noLink = () => undefined;

/** The frame as it looks before the editor is mounted: the toolbar disabled for writers, the word count the server counted. */
export function StaticDraftFrame({ canWrite, words, children }: { canWrite: boolean; words: number; children: ReactNode }) {
  const mac = useMac();
  return (
    <DraftFrame top={canWrite ? <FormattingToolbar editor={null} pressed={null} mac={mac} onLink={noLink} /> : null} words={words} action={SELECT_HINT}>
      {children}
    </DraftFrame>
  );
}

export const SELECT_HINT = <p className="ml-auto hidden text-xs text-muted sm:block">Select text to comment on it.</p>;

/** What the editor shows while it has nothing to show yet (the server could not render the draft, or a rebuilt document is loading). */
export const LOADING_DRAFT = (
  <p role="status" className="min-h-96 px-5 py-4 text-sm text-muted">
    Loading the draft…
  </p>
);

export interface StaticDraftViewProps {
  /** The draft's title: the content's accessible name, as the editor's. */
  title: string;
  /** The server-rendered content; null for an empty draft. */
  content: ReactNode;
  /** Shown, as the editor shows it, when the draft is empty. */
  placeholder: string;
  /** A writer's clicks and keys are kept for the editor; a reader's only move focus. */
  canWrite: boolean;
  input: EarlyInput;
}

/** The server's copy of the draft, read-only, keeping what is done to it for the editor (see early-input.ts). */
export function StaticDraftView({ title, content, placeholder, canWrite, input }: StaticDraftViewProps) {
  const root = useRef<HTMLDivElement>(null);

  // Focus outlives the swap from this view to the next (the same draft, rendered by the live workspace).
  useLayoutEffect(() => {
    const element = root.current!;
    if (input.focused) element.focus({ preventScroll: true });
    return () => {
      if (document.activeElement === element) input.setFocused(true);
    };
  }, [input]);

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if (!canWrite) return;
    // The editor does not follow links either: a writer's click places the caret.
    if (event.target instanceof Element && event.target.closest("a")) event.preventDefault();
    const box = event.currentTarget.getBoundingClientRect();
    input.record({ kind: "click", x: event.clientX - box.left, y: event.clientY - box.top });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!canWrite) return;
    const action = earlyKeyAction(event.nativeEvent);
    if (!action) return;
    // Kept for the editor, and not also a page scroll (Space) or anything else the browser would do.
    event.preventDefault();
    input.record(action);
  };

  return (
    <div className={styles.content}>
      <div
        ref={root}
        role="document"
        aria-label={title}
        // Like a read-only editor, reachable by keyboard (and a writer's keys are kept).
        tabIndex={0}
        className="tiptap ProseMirror"
        onClick={onClick}
        onKeyDown={onKeyDown}
        onFocus={() => input.setFocused(true)}
        onBlur={() => input.setFocused(false)}
      >
        {content ?? (
          <p className="is-empty is-editor-empty" data-placeholder={placeholder}>
            <br className="ProseMirror-trailingBreak" />
          </p>
        )}
      </div>
    </div>
  );
}
