"use client";
// The draft's editor: Tiptap bound to the live Y.Doc (Collaboration), co-editors' carets, the
// formatting toolbar for writers, the word count and the "Comment on selection" button for everyone.
// Mounted only once the document's provider exists, and re-mounted (keyed by the Y.Doc) when a
// refused change makes the connection replace the document: Collaboration binds one Y.Doc for life.
import { TextSelection } from "@tiptap/pm/state";
import { useEffect, useId, useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import { EditorContent, useEditor, useEditorState, type ChainedCommands, type Editor } from "@tiptap/react";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { CharacterCount, Placeholder } from "@tiptap/extensions";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import type * as Y from "yjs";
import { DRAFT_FRAGMENT, draftContentExtensions } from "@/lib/drafts/editor-schema";
import { fallbackColor } from "../annotations/awareness-peers";
import { renderCaret, renderSelection } from "./carets";
import { CommentAnchors, selectionAnchor, type SelectionAnchor } from "./comment-anchors";
import { buttonLabel, describeShortcut, parseLinkInput, TOOLBAR_BUTTONS, toolbarFocusTarget, toolbarState, type ToolbarButtonName } from "./toolbar";
import styles from "./draft-editor.module.css";

export interface DraftEditorProps {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** The draft's title: the editable area's accessible name. */
  title: string;
  placeholder: string;
  canWrite: boolean;
  /** Who we are, for our own caret (the server sets the `user` that others see). */
  self: { id: string; name: string };
  onEditor: (editor: Editor | null) => void;
  onCommentOnSelection: (anchor: SelectionAnchor) => void;
}

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

function editorAttributes(title: string, canWrite: boolean): Record<string, string> {
  const attributes: Record<string, string> = { "aria-label": title, role: "textbox", "aria-multiline": "true", "aria-readonly": String(!canWrite), spellcheck: "true" };
  // A read-only view is not contenteditable, so it would drop out of the tab order; readers still
  // need to reach it to select a passage to comment on.
  if (!canWrite) attributes.tabindex = "0";
  return attributes;
}

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const noSubscription = () => () => undefined;

/** Cmd or Ctrl in shortcut hints; the server renders Ctrl, and the client corrects it after hydration. */
function useMac(): boolean {
  return useSyncExternalStore(noSubscription, isMac, () => false);
}

export function DraftEditor({ doc, provider, title, placeholder, canWrite, self, onEditor, onCommentOnSelection }: DraftEditorProps) {
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: canWrite,
      extensions: [
        ...draftContentExtensions(),
        Collaboration.configure({ document: doc, field: DRAFT_FRAGMENT }),
        CollaborationCaret.configure({
          provider,
          // Only a local default: the collaboration server replaces `user` with the signed-in identity for everyone else.
          user: { id: self.id, name: self.name, color: fallbackColor(self.id) },
          render: renderCaret,
          selectionRender: renderSelection,
        }),
        // Readers see the placeholder too (not "Start the …", which they cannot do).
        Placeholder.configure({ showOnlyWhenEditable: false, placeholder: ({ editor: current }) => (current.isEditable ? placeholder : "Nothing written yet.") }),
        CharacterCount,
        CommentAnchors,
      ],
      editorProps: { attributes: editorAttributes(title, canWrite) },
    },
    [doc, provider],
  );

  useEffect(() => {
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);

  // Permission can change while the page is open (the instructor reassigns teams).
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.setEditable(canWrite);
    editor.setOptions({ editorProps: { attributes: editorAttributes(title, canWrite) } });
  }, [editor, canWrite, title]);

  // ProseMirror does not read the browser's selection into its state while the editor is read-only,
  // yet readers comment on what they select: copy a selection made inside the editor across.
  useEffect(() => {
    if (!editor || canWrite) return;
    const sync = () => {
      if (editor.isDestroyed) return;
      const selection = document.getSelection();
      if (!selection || selection.rangeCount === 0 || !editor.view.dom.contains(selection.anchorNode) || !editor.view.dom.contains(selection.focusNode)) return;
      try {
        const anchor = editor.view.posAtDOM(selection.anchorNode!, selection.anchorOffset);
        const head = editor.view.posAtDOM(selection.focusNode!, selection.focusOffset);
        const current = editor.state.selection;
        if (current.anchor === anchor && current.head === head) return;
        editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, anchor, head)));
      } catch {
        // A selection on something that is not text (a divider, say): nothing to comment on.
      }
    };
    document.addEventListener("selectionchange", sync);
    return () => document.removeEventListener("selectionchange", sync);
  }, [editor, canWrite]);

  const view = useEditorState({
    editor,
    selector: ({ editor: current }) => {
      if (!current) return null;
      const { selection, doc: content } = current.state;
      return {
        pressed: toolbarState((type, attrs) => current.isActive(type, attrs)),
        words: current.storage.characterCount.words(),
        hasSelection: !selection.empty && content.textBetween(selection.from, selection.to, " ", " ").trim() !== "",
      };
    },
  });

  const [linkOpen, setLinkOpen] = useState(false);

  const commentOnSelection = () => {
    if (!editor) return;
    const anchor = selectionAnchor(editor);
    if (anchor) onCommentOnSelection(anchor);
  };

  const mac = useMac();

  // Two shortcuts of our own, caught as the keydown bubbles out of the editor: Mod-K opens the link
  // field (writers), Mod-Alt-M comments on the selection (everyone).
  const onEditorKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const mod = mac ? event.metaKey : event.ctrlKey;
    if (!mod || event.shiftKey) return;
    if (event.code === "KeyK" && !event.altKey && canWrite) {
      event.preventDefault();
      setLinkOpen(true);
    } else if (event.code === "KeyM" && event.altKey) {
      event.preventDefault();
      commentOnSelection();
    }
  };

  const words = view?.words ?? 0;

  return (
    <div className="min-w-0 rounded-xl border border-rule bg-white shadow-sm">
      {canWrite ? (
        <FormattingToolbar editor={editor} pressed={view?.pressed ?? null} mac={mac} onLink={() => setLinkOpen(true)} />
      ) : null}
      {canWrite && linkOpen && editor ? <LinkForm editor={editor} onClose={() => setLinkOpen(false)} /> : null}
      {editor ? (
        <EditorContent editor={editor} className={styles.content} onKeyDown={onEditorKeyDown} />
      ) : (
        <p role="status" className="min-h-96 px-5 py-4 text-sm text-muted">
          Loading the draft…
        </p>
      )}
      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 rounded-b-xl border-t border-rule bg-white/95 px-3 py-2 backdrop-blur">
        <p className="text-xs tabular-nums text-muted">
          {words === 1 ? "1 word" : `${words.toLocaleString("en-US")} words`}
        </p>
        {view?.hasSelection ? (
          <button
            type="button"
            onClick={commentOnSelection}
            // Keeps the editor's selection visible while the button is pressed.
            onMouseDown={(event) => event.preventDefault()}
            aria-keyshortcuts={describeShortcut("Mod-Alt-m", mac).aria}
            className="ml-auto rounded-lg bg-ink px-3 py-1.5 text-sm font-medium text-white hover:bg-ink/90"
          >
            Comment on selection
          </button>
        ) : (
          <p className="ml-auto hidden text-xs text-muted sm:block">Select text to comment on it.</p>
        )}
      </div>
    </div>
  );
}

interface FormattingToolbarProps {
  editor: Editor | null;
  pressed: Record<ToolbarButtonName, boolean> | null;
  mac: boolean;
  onLink: () => void;
}

/** One tab stop; arrow keys, Home and End move between the buttons (the WAI-ARIA toolbar pattern). */
function FormattingToolbar({ editor, pressed, mac, onLink }: FormattingToolbarProps) {
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

/** The Link button's field: validates the address (http, https, mailto only) before touching the document. */
function LinkForm({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const id = useId();
  const current = editor.getAttributes("link").href;
  const [value, setValue] = useState(typeof current === "string" ? current : "");
  const [error, setError] = useState<string | null>(null);
  const hasLink = editor.isActive("link");

  const close = () => {
    onClose();
    editor.commands.focus();
  };

  const apply = () => {
    const parsed = parseLinkInput(value);
    if (parsed.kind === "invalid") {
      setError(parsed.message);
      return;
    }
    const chain = editor.chain().focus().extendMarkRange("link");
    if (parsed.kind === "remove") chain.unsetLink().run();
    else if (editor.state.selection.empty && !hasLink)
      // Nothing selected: the address itself becomes the linked text.
      chain.insertContent({ type: "text", text: parsed.href, marks: [{ type: "link", attrs: { href: parsed.href } }] }).run();
    else chain.setLink({ href: parsed.href }).run();
    onClose();
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          close();
        }
      }}
      noValidate
      className="flex flex-wrap items-start gap-2 border-b border-rule bg-paper px-3 py-2"
    >
      <div className="min-w-0 flex-1 basis-56">
        <label htmlFor={`${id}-url`} className="sr-only">
          Link URL
        </label>
        <input
          id={`${id}-url`}
          type="text"
          inputMode="url"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          placeholder="https://example.com"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          className="block w-full rounded-lg border border-rule bg-white px-3 py-1.5 text-sm text-ink focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/30 aria-[invalid=true]:border-red-600"
        />
        {error ? (
          <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        ) : (
          <p id={`${id}-hint`} className="mt-1 text-xs text-muted">
            Web (http, https) or email (mailto) links. Leave empty to remove the link.
          </p>
        )}
      </div>
      <button type="submit" className="rounded-lg bg-ink px-3 py-1.5 text-sm font-medium text-white hover:bg-ink/90">
        Apply link
      </button>
      {hasLink ? (
        <button
          type="button"
          onClick={() => {
            editor.chain().focus().extendMarkRange("link").unsetLink().run();
            onClose();
          }}
          className="rounded-lg px-3 py-1.5 text-sm font-medium text-muted hover:text-ink"
        >
          Remove link
        </button>
      ) : null}
      <button type="button" onClick={close} className="rounded-lg px-3 py-1.5 text-sm font-medium text-muted hover:text-ink">
        Cancel
      </button>
    </form>
  );
}
