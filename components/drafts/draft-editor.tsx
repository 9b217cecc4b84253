"use client";
// The draft's editor: Tiptap bound to the live Y.Doc (Collaboration), co-editors' carets, the
// formatting toolbar for writers, the word count and the "Comment on selection" button for everyone.
// Mounted once the document's provider exists, and re-mounted (keyed by the Y.Doc) when a refused
// change makes the connection replace the document: Collaboration binds one Y.Doc for life. Until the
// workspace says it is ready (in sync with the server, or known to be offline), it stays hidden behind
// the server-rendered draft, and then replays what was done to that (early-input.ts).
import { TextSelection } from "@tiptap/pm/state";
import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from "react";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { CharacterCount, Placeholder } from "@tiptap/extensions";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import type * as Y from "yjs";
import { DRAFT_FRAGMENT, draftContentExtensions } from "@/lib/drafts/editor-schema";
import { fallbackColor } from "../annotations/awareness-peers";
import { renderCaret, renderSelection } from "./carets";
import { CommentAnchors, selectionAnchor, type SelectionAnchor } from "./comment-anchors";
import { DraftFrame, SELECT_HINT } from "./draft-frame";
import { READER_PLACEHOLDER } from "./draft-layout";
import type { EarlyAction, EarlyInput, EarlyKeyName } from "./early-input";
import { FormattingToolbar, useMac } from "./formatting-toolbar";
import { describeShortcut, parseLinkInput, toolbarState } from "./toolbar";
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
  /** In sync with the server (or known to be offline): the editor replaces `fallback`. */
  ready: boolean;
  /** Shown until the editor is ready: the server-rendered draft, at first. */
  fallback: ReactNode;
  /** The word count shown with `fallback`. */
  fallbackWords: number;
  /** What was done to the server-rendered draft, replayed once the editor is shown. */
  input: EarlyInput;
  onEditor: (editor: Editor | null) => void;
  onCommentOnSelection: (anchor: SelectionAnchor) => void;
}

function editorAttributes(title: string, canWrite: boolean): Record<string, string> {
  const attributes: Record<string, string> = { "aria-label": title, role: "textbox", "aria-multiline": "true", "aria-readonly": String(!canWrite), spellcheck: "true" };
  // A read-only view is not contenteditable, so it would drop out of the tab order; readers still
  // need to reach it to select a passage to comment on.
  if (!canWrite) attributes.tabindex = "0";
  return attributes;
}

export function DraftEditor({ doc, provider, title, placeholder, canWrite, self, ready, fallback, fallbackWords, input, onEditor, onCommentOnSelection }: DraftEditorProps) {
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
        Placeholder.configure({ showOnlyWhenEditable: false, placeholder: ({ editor: current }) => (current.isEditable ? placeholder : READER_PLACEHOLDER) }),
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

  const shown = ready && editor !== null;
  // Once shown, the editor takes over focus, clicks and keys from the server-rendered draft.
  useEffect(() => {
    if (!shown || !editor) return;
    const { focused, actions } = input.take();
    if (focused || actions.length > 0) replay(editor, actions);
  }, [shown, editor, input]);

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

  return (
    <DraftFrame
      top={
        canWrite ? (
          <>
            <FormattingToolbar editor={shown ? editor : null} pressed={view?.pressed ?? null} mac={mac} onLink={() => setLinkOpen(true)} />
            {linkOpen && shown && editor ? <LinkForm editor={editor} onClose={() => setLinkOpen(false)} /> : null}
          </>
        ) : null
      }
      words={shown ? (view?.words ?? 0) : fallbackWords}
      action={
        shown && view?.hasSelection ? (
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
          SELECT_HINT
        )
      }
    >
      {shown ? null : fallback}
      {editor ? <EditorContent editor={editor} hidden={!shown} className={styles.content} onKeyDown={onEditorKeyDown} /> : null}
    </DraftFrame>
  );
}

/** Where a click on the server-rendered draft landed is where the caret goes: the editor shows the same text in the same place. */
function replay(editor: Editor, actions: readonly EarlyAction[]) {
  const box = editor.view.dom.getBoundingClientRect();
  for (const action of actions) {
    if (action.kind === "click") {
      const at = editor.view.posAtCoords({ left: box.left + action.x, top: box.top + action.y });
      if (at) editor.commands.setTextSelection(at.pos);
    } else if (!editor.isEditable) {
      // Made a reader meanwhile: the keys would be refused.
      break;
    } else if (action.kind === "text") {
      // As a text node: typed characters are never read as HTML.
      editor.commands.insertContent({ type: "text", text: action.text });
    } else if (!deleteCharacter(editor, action.key)) {
      // Through the editor's own key bindings: Enter splits a block or list item, Backspace at a block's start joins it to the one before.
      editor.commands.keyboardShortcut(action.key);
    }
  }
  editor.commands.focus();
}

/** Backspace or Delete inside a block's text: the character is deleted (the browser's job in an editor, which no key binding does). */
function deleteCharacter(editor: Editor, key: EarlyKeyName): boolean {
  const { empty, $from } = editor.state.selection;
  if (key === "Enter" || !empty) return false;
  if (key === "Backspace" ? $from.parentOffset === 0 : $from.parentOffset === $from.parent.content.size) return false;
  const at = $from.pos;
  return editor.commands.deleteRange(key === "Backspace" ? { from: at - 1, to: at } : { from: at, to: at + 1 });
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
