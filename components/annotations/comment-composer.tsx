"use client";
import { useId, useState, type FormEvent } from "react";
import { commentBodySchema, MAX_COMMENT_LENGTH } from "@/lib/rich-text";
import type { Member } from "./mention-autocomplete";
import { MentionTextarea } from "./mention-textarea";

export interface CommentComposerProps {
  /** The textarea's label, e.g. "Comment", "Reply", "Add a comment". */
  label: string;
  /** The submit button's text, e.g. "Post". */
  submitLabel: string;
  members: readonly Member[];
  /** Gets the checked, trimmed body; returns false when it could not be saved (the text is kept). */
  onSubmit: (body: string) => boolean;
  onCancel?: () => void;
  initialValue?: string;
  autoFocus?: boolean;
  placeholder?: string;
  rows?: number;
}

const NOT_READY = "Not connected to the document yet. Try again in a moment.";

/** The first problem commentBodySchema finds, in its own words. */
export function commentBodyError(value: string): string | null {
  const parsed = commentBodySchema.safeParse(value);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? "This comment cannot be posted.");
}

export function CommentComposer({ label, submitLabel, members, onSubmit, onCancel, initialValue = "", autoFocus, placeholder, rows = 3 }: CommentComposerProps) {
  const id = useId();
  const [value, setValue] = useState(initialValue);
  const [error, setError] = useState<string | null>(null);
  const length = value.trim().length;
  // Going over the limit is shown as it happens, not only on submit.
  const shownError = length > MAX_COMMENT_LENGTH ? commentBodyError(value) : error;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const problem = commentBodyError(value);
    if (problem) {
      setError(problem);
      return;
    }
    if (!onSubmit(value.trim())) {
      setError(NOT_READY);
      return;
    }
    setValue("");
    setError(null);
  };

  return (
    <form onSubmit={submit} className="space-y-2" noValidate>
      <MentionTextarea
        id={`${id}-body`}
        label={label}
        value={value}
        onValueChange={(next) => {
          setValue(next);
          if (error) setError(null);
        }}
        members={members}
        error={shownError}
        hint={length > MAX_COMMENT_LENGTH * 0.9 ? `${length.toLocaleString("en-US")} / ${MAX_COMMENT_LENGTH.toLocaleString("en-US")} characters` : null}
        rows={rows}
        autoFocus={autoFocus}
        placeholder={placeholder}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
            event.preventDefault();
            submit();
          } else if (event.key === "Escape" && onCancel) {
            event.preventDefault();
            onCancel();
          }
        }}
      />
      <div className="flex items-center justify-end gap-2">
        {onCancel ? (
          <button type="button" onClick={onCancel} className="rounded-lg px-3 py-1.5 text-sm font-medium text-muted hover:text-ink">
            Cancel
          </button>
        ) : null}
        <button type="submit" className="rounded-lg bg-ink px-3 py-1.5 text-sm font-medium text-white hover:bg-ink/90">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
