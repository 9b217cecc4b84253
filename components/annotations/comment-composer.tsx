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
  /**
   * Gets the checked, trimmed body. Live-document writes answer at once: false when the document is not
   * ready. Writes over HTTP answer later: the server's message when it was not saved, or null. Either
   * way a failed save keeps the text.
   */
  onSubmit: (body: string) => boolean | Promise<string | null>;
  /** Base for the textarea's id (to focus it from elsewhere); generated when absent. */
  id?: string;
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

export function CommentComposer({ id: givenId, label, submitLabel, members, onSubmit, onCancel, initialValue = "", autoFocus, placeholder, rows = 3 }: CommentComposerProps) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const [value, setValue] = useState(initialValue);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const length = value.trim().length;
  // Going over the limit is shown as it happens, not only on submit.
  const shownError = length > MAX_COMMENT_LENGTH ? commentBodyError(value) : error;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (sending) return;
    const problem = commentBodyError(value);
    if (problem) {
      setError(problem);
      return;
    }
    const answer = onSubmit(value.trim());
    let failure: string | null;
    if (typeof answer === "boolean") failure = answer ? null : NOT_READY;
    else {
      setSending(true);
      failure = await answer;
      setSending(false);
    }
    if (failure) {
      setError(failure);
      return;
    }
    setValue("");
    setError(null);
  };

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-2" noValidate aria-busy={sending || undefined}>
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
            void submit();
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
        <button type="submit" disabled={sending} className="rounded-lg bg-ink px-3 py-1.5 text-sm font-medium text-white hover:bg-ink/90 disabled:cursor-wait disabled:opacity-70">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
