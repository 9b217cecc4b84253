"use client";
// A textarea that offers members' handles after "@". The textarea keeps its textbox role (so it
// stays findable by its label); the open list is tied to it with aria-controls and
// aria-activedescendant, the pattern screen readers follow for inline suggestions.
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type TextareaHTMLAttributes } from "react";
import type { Member } from "./mention-autocomplete";

type Autocomplete = typeof import("./mention-autocomplete");
let loaded: Autocomplete | null = null;

/** The suggestion logic, loaded once someone types "@" (most comments mention nobody). */
function useAutocomplete(value: string): Autocomplete | null {
  const [autocomplete, setAutocomplete] = useState(loaded);
  const wanted = value.includes("@");
  useEffect(() => {
    if (!wanted || autocomplete) return;
    let current = true;
    void import("./mention-autocomplete").then((module) => {
      loaded = module;
      if (current) setAutocomplete(module);
    });
    return () => {
      current = false;
    };
  }, [wanted, autocomplete]);
  return autocomplete;
}

export interface MentionTextareaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "onChange" | "id"> {
  id: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  members: readonly Member[];
  /** Shown under the field and tied to it with aria-describedby. */
  error?: string | null;
  hint?: string | null;
}

export function MentionTextarea({ id, label, value, onValueChange, members, error, hint, onKeyDown, className = "", ...textarea }: MentionTextareaProps) {
  const listId = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  // The "@" whose suggestions were dismissed with Escape, so they stay closed until a new mention starts.
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const pendingCaret = useRef<number | null>(null);

  const autocomplete = useAutocomplete(value);
  const query = caret === null || !autocomplete ? null : autocomplete.mentionQuery(value, caret);
  const options = query && query.start !== dismissedAt && autocomplete ? autocomplete.matchMembers(members, query.query) : [];
  const open = options.length > 0;
  const activeIndex = Math.min(active, options.length - 1);
  const optionId = (index: number) => `${listId}-option-${index}`;

  useLayoutEffect(() => {
    const target = pendingCaret.current;
    if (target === null || !ref.current) return;
    pendingCaret.current = null;
    ref.current.setSelectionRange(target, target);
  }, [value]);

  const track = (element: HTMLTextAreaElement) => setCaret(element.selectionStart === element.selectionEnd ? element.selectionStart : null);

  const pick = (member: Member) => {
    if (!query || caret === null || !member.handle || !autocomplete) return;
    const next = autocomplete.insertMention(value, query.start, caret, member.handle);
    pendingCaret.current = next.caret;
    setCaret(next.caret);
    setActive(0);
    onValueChange(next.value);
    ref.current?.focus();
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((activeIndex + step + options.length) % options.length);
        return;
      }
      if ((event.key === "Enter" && !event.shiftKey && !event.metaKey && !event.ctrlKey) || event.key === "Tab") {
        event.preventDefault();
        pick(options[activeIndex]!);
        return;
      }
      if (event.key === "Escape") {
        // Only the list closes; whatever surrounds the field (a toolbar, an edit box) stays open.
        event.preventDefault();
        event.stopPropagation();
        setDismissedAt(query?.start ?? null);
        return;
      }
    }
    onKeyDown?.(event);
  };

  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

  return (
    <div className="relative">
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {label}
      </label>
      <textarea
        {...textarea}
        ref={ref}
        id={id}
        value={value}
        onChange={(event) => {
          onValueChange(event.target.value);
          track(event.target);
        }}
        onSelect={(event) => track(event.currentTarget)}
        onBlur={() => setCaret(null)}
        onKeyDown={handleKeyDown}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(activeIndex) : undefined}
        className={`mt-1 block w-full resize-y rounded-lg border border-rule bg-white px-3 py-2 text-sm text-ink shadow-sm placeholder:text-muted/70 focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/30 aria-[invalid=true]:border-red-600 ${className}`}
      />
      {open ? (
        <ul
          id={listId}
          role="listbox"
          aria-label="Mention someone"
          className="absolute left-0 right-0 z-30 mt-1 max-h-56 overflow-auto rounded-lg border border-rule bg-white py-1 text-sm shadow-lg"
        >
          {options.map((member, index) => (
            <li
              key={member.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              // mousedown, not click: picking must not blur the textarea first.
              onMouseDown={(event) => {
                event.preventDefault();
                pick(member);
              }}
              onMouseEnter={() => setActive(index)}
              className="flex cursor-pointer items-baseline gap-2 px-3 py-1.5 aria-selected:bg-accent-soft"
            >
              <span className="font-medium text-ink">{member.name}</span>
              <span className="truncate text-xs text-muted">@{member.handle}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
