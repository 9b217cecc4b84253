"use client";
import { useEffect, useId, useRef, useState, type CSSProperties, type FormEvent } from "react";
import { MAX_EXACT_LENGTH } from "@/lib/anchoring";
import type { HighlightKind } from "@/lib/collab/reading-doc";
import { commentBodyError } from "./comment-rules";
import { DEFAULT_KIND, KIND_STYLES, KINDS } from "./kinds";
import type { Member } from "./mention-autocomplete";
import { MentionTextarea } from "./mention-textarea";

export interface HighlightToolbarProps {
  /** Characters selected; over MAX_EXACT_LENGTH the toolbar explains instead of offering to highlight. */
  length: number;
  members: readonly Member[];
  /** Put focus on the kind choice when it opens (keyboard users asked for it). */
  takeFocus: boolean;
  style?: CSSProperties;
  /** Why highlighting is not possible just now (the live document is still connecting); null when it is. */
  unavailable?: string | null;
  onHighlight: (input: { kind: HighlightKind; firstComment: string }) => void;
  onClose: () => void;
}

export function HighlightToolbar({ length, members, takeFocus, style, unavailable = null, onHighlight, onClose }: HighlightToolbarProps) {
  const id = useId();
  const [kind, setKind] = useState<HighlightKind>(DEFAULT_KIND);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const checkedRadio = useRef<HTMLInputElement>(null);
  const tooLong = length > MAX_EXACT_LENGTH;

  useEffect(() => {
    if (takeFocus) checkedRadio.current?.focus();
  }, [takeFocus]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (tooLong || unavailable) return;
    const problem = comment.trim() ? commentBodyError(comment) : null;
    if (problem) {
      setError(problem);
      return;
    }
    onHighlight({ kind, firstComment: comment.trim() });
  };

  return (
    <form
      role="group"
      aria-label="Highlight the selected passage"
      data-highlight-toolbar
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onClose();
        }
      }}
      // Clicking the toolbar's own labels and buttons must not drop the selection it acts on.
      onMouseDown={(event) => {
        if (!(event.target instanceof HTMLTextAreaElement)) event.preventDefault();
      }}
      style={style}
      className="absolute z-20 w-80 max-w-full space-y-3 rounded-xl border border-rule bg-white p-3 text-sm shadow-xl"
    >
      <fieldset>
        <legend className="text-xs font-semibold uppercase tracking-wider text-muted">Kind</legend>
        <div className="mt-1.5 flex flex-wrap gap-1.5">
          {KINDS.map((option, index) => (
            <label
              key={option}
              // While the form cancels mousedown (to keep the selection), a click on the label did not
              // reach its hidden radio in Chromium (the browser tests caught it): the label chooses too.
              onClick={() => setKind(option)}
              className="relative inline-flex min-h-8 cursor-pointer items-center gap-1.5 rounded-full border border-rule px-2.5 text-xs font-medium text-ink has-checked:border-accent has-checked:bg-accent-soft has-focus-visible:ring-2 has-focus-visible:ring-accent"
            >
              <input
                ref={index === KINDS.indexOf(kind) ? checkedRadio : undefined}
                type="radio"
                name={`${id}-kind`}
                value={option}
                checked={kind === option}
                onChange={() => setKind(option)}
                className="sr-only"
              />
              <span aria-hidden="true" className={`size-2.5 rounded-full ring-1 ${KIND_STYLES[option].swatch}`} />
              {KIND_STYLES[option].label}
            </label>
          ))}
        </div>
      </fieldset>
      {tooLong ? (
        <p className="text-sm text-red-700">A highlight can cover at most {MAX_EXACT_LENGTH.toLocaleString("en-US")} characters; select a shorter passage.</p>
      ) : (
        <MentionTextarea
          id={`${id}-comment`}
          label="First comment (optional)"
          value={comment}
          onValueChange={(value) => {
            setComment(value);
            setError(null);
          }}
          members={members}
          error={error}
          rows={2}
        />
      )}
      {unavailable && !tooLong ? (
        <p id={`${id}-unavailable`} className="text-xs text-muted">
          {unavailable}
        </p>
      ) : null}
      <div className="flex items-center justify-end gap-2">
        <button type="button" onClick={onClose} className="min-h-8 rounded-lg px-3 text-sm font-medium text-muted hover:text-ink">
          Cancel
        </button>
        <button
          type="submit"
          disabled={tooLong}
          aria-disabled={unavailable ? true : undefined}
          aria-describedby={unavailable && !tooLong ? `${id}-unavailable` : undefined}
          className="min-h-8 rounded-lg bg-ink px-3 text-sm font-medium text-white hover:bg-ink/90 disabled:opacity-50 aria-disabled:cursor-not-allowed aria-disabled:opacity-50"
        >
          Highlight
        </button>
      </div>
    </form>
  );
}
