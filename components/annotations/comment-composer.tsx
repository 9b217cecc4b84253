"use client";
import { useEffect, useId, useState, type FormEvent } from "react";
import type { Member } from "./mention-autocomplete";
import { MentionTextarea } from "./mention-textarea";

type Rules = typeof import("./comment-rules");
let loadedRules: Rules | null = null;
const loadRules = () => import("./comment-rules").then((rules) => (loadedRules = rules));

/** The body rules, fetched once something is typed (a page full of comment boxes need not carry them). */
function useRules(wanted: boolean): Rules | null {
  const [rules, setRules] = useState(loadedRules);
  useEffect(() => {
    if (!wanted || rules) return;
    let current = true;
    void loadRules().then((loaded) => {
      if (current) setRules(loaded);
    });
    return () => {
      current = false;
    };
  }, [wanted, rules]);
  return rules;
}

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
  /**
   * While posting is not possible yet (the live document is still connecting), the id of the element
   * saying why: the submit button points at it and does nothing; typing is fine meanwhile.
   */
  unavailableId?: string | null;
}

const NOT_READY = "Not connected to the document yet. Try again in a moment.";

export function CommentComposer({ id: givenId, label, submitLabel, members, onSubmit, onCancel, initialValue = "", autoFocus, placeholder, rows = 3, unavailableId = null }: CommentComposerProps) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const [value, setValue] = useState(initialValue);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const rules = useRules(value !== "");
  const length = value.trim().length;
  // Going over the limit is shown as it happens, not only on submit.
  const shownError = rules && length > rules.MAX_COMMENT_LENGTH ? rules.commentBodyError(value) : error;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (sending || unavailableId) return;
    const problem = (rules ?? (await loadRules())).commentBodyError(value);
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
        hint={rules && length > rules.MAX_COMMENT_LENGTH * 0.9 ? `${length.toLocaleString("en-US")} / ${rules.MAX_COMMENT_LENGTH.toLocaleString("en-US")} characters` : null}
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
        <button
          type="submit"
          disabled={sending}
          aria-disabled={unavailableId ? true : undefined}
          aria-describedby={unavailableId ?? undefined}
          className="rounded-lg bg-ink px-3 py-1.5 text-sm font-medium text-white hover:bg-ink/90 disabled:cursor-wait disabled:opacity-70 aria-disabled:cursor-not-allowed aria-disabled:opacity-50"
        >
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
