"use client";
// The formatting toolbar above the draft. Tiptap is only a type here: the page renders the toolbar
// (disabled) with the server-rendered draft, before the editor's code has arrived.
import { useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import type { ChainedCommands, Editor } from "@tiptap/react";
import { buttonLabel, describeShortcut, TOOLBAR_BUTTONS, toolbarFocusTarget, type ToolbarButtonName } from "./toolbar";

type Command = (chain: ChainedCommands) => ChainedCommands;

const COMMANDS: Record<Exclude<ToolbarButtonName, "Link">, Command> = {
  Bold: (chain) => chain.toggleBold(),
  Italic: (chain) => chain.toggleItalic(),
  Strike: (chain) => chain.toggleStrike(),
  Code: (chain) => chain.toggleCode(),
  "Heading 1": (chain) => chain.toggleHeading({ level: 1 }),
  "Heading 2": (chain) => chain.toggleHeading({ level: 2 }),
  "Heading 3": (chain) => chain.toggleHeading({ level: 3 }),
  "Bullet list": (chain) => chain.toggleBulletList(),
  "Numbered list": (chain) => chain.toggleOrderedList(),
  Quote: (chain) => chain.toggleBlockquote(),
  "Code block": (chain) => chain.toggleCodeBlock(),
  Divider: (chain) => chain.setHorizontalRule(),
};

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const noSubscription = () => () => undefined;

/** Cmd or Ctrl in shortcut hints; the server renders Ctrl, and the client corrects it after hydration. */
export function useMac(): boolean {
  return useSyncExternalStore(noSubscription, isMac, () => false);
}

export interface FormattingToolbarProps {
  /** null until the editor has loaded: the buttons are shown, disabled. */
  editor: Editor | null;
  pressed: Record<ToolbarButtonName, boolean> | null;
  mac: boolean;
  onLink: () => void;
}

/** One tab stop; arrow keys, Home and End move between the buttons (the WAI-ARIA toolbar pattern). */
export function FormattingToolbar({ editor, pressed, mac, onLink }: FormattingToolbarProps) {
  const [focused, setFocused] = useState(0);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = toolbarFocusTarget(event.key, focused, TOOLBAR_BUTTONS.length);
    if (target === null) return;
    event.preventDefault();
    setFocused(target);
    buttons.current[target]?.focus();
  };

  return (
    <div
      role="toolbar"
      aria-label="Formatting"
      onKeyDown={onKeyDown}
      className="sticky top-0 z-10 flex flex-wrap items-center gap-0.5 rounded-t-xl border-b border-rule bg-white/95 px-2 py-1.5 backdrop-blur"
    >
      {TOOLBAR_BUTTONS.map((button, index) => {
        const shortcut = button.shortcut ? describeShortcut(button.shortcut, mac) : null;
        const toggle = button.active !== null;
        return (
          <span key={button.name} className="contents">
            {button.groupStart ? <span aria-hidden="true" className="mx-1 h-5 w-px bg-rule" /> : null}
            <button
              ref={(element) => {
                buttons.current[index] = element;
              }}
              type="button"
              tabIndex={index === focused ? 0 : -1}
              disabled={!editor}
              aria-label={buttonLabel(button)}
              aria-pressed={toggle ? (pressed?.[button.name] ?? false) : undefined}
              aria-keyshortcuts={shortcut?.aria}
              title={shortcut ? `${button.name} (${shortcut.text})` : button.name}
              onFocus={() => setFocused(index)}
              // Keep the editor's selection: a mouse press on the button must not blur the editor.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                if (!editor) return;
                if (button.name === "Link") onLink();
                else COMMANDS[button.name](editor.chain().focus()).run();
              }}
              className={`inline-flex min-h-9 min-w-9 items-center justify-center rounded-md px-2 text-sm text-ink hover:bg-accent-soft/60 disabled:opacity-50 aria-pressed:bg-accent-soft aria-pressed:text-accent ${
                button.name === "Bold" ? "font-bold" : button.name === "Italic" ? "italic" : button.name === "Strike" ? "line-through" : button.name === "Code" || button.name === "Code block" ? "font-mono text-xs" : "font-medium"
              }`}
            >
              <span aria-hidden="true">{button.glyph}</span>
            </button>
          </span>
        );
      })}
    </div>
  );
}
