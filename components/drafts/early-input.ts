// What someone does to the server-rendered draft before the editor has arrived: whether it has focus,
// and, for a writer, where they clicked and what they typed. A plain object outside React, because
// the page replaces the static view (when the editor's code arrives, then with the editor itself), and
// the editor replays it when it is ready, so that no click or keystroke is dropped.

/** One thing done to the draft, in order. A click is where it landed, relative to the draft's top left corner. */
export type EarlyAction = { kind: "click"; x: number; y: number } | { kind: "text"; text: string } | { kind: "key"; key: EarlyKeyName };

/** The keys that change text besides characters. */
export type EarlyKeyName = "Enter" | "Backspace" | "Delete";

export interface EarlyKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing: boolean;
}

/** What a keystroke means to the text, or null for one that only moves or does nothing to it (arrows, shortcuts). */
export function earlyKeyAction(event: EarlyKey): EarlyAction | null {
  if (event.isComposing || event.ctrlKey || event.metaKey) return null;
  if (event.key === "Enter" || event.key === "Backspace" || event.key === "Delete") return event.altKey ? null : { kind: "key", key: event.key };
  // A printable key names the character it types (AltGr gives some of them, so Alt alone is fine).
  return [...event.key].length === 1 ? { kind: "text", text: event.key } : null;
}

export class EarlyInput {
  private hasFocus = false;
  private actions: EarlyAction[] = [];

  /** The static view has (or had, when it was replaced) keyboard focus: the editor takes it over. */
  get focused(): boolean {
    return this.hasFocus;
  }

  setFocused(focused: boolean): void {
    this.hasFocus = focused;
  }

  record(action: EarlyAction): void {
    const last = this.actions.at(-1);
    if (action.kind === "text" && last?.kind === "text") {
      // Consecutive characters are typed as one run.
      last.text += action.text;
    } else if (action.kind === "key" && action.key === "Backspace" && last?.kind === "text") {
      // Taking back a character just typed (a whole one, not half an emoji).
      last.text = [...last.text].slice(0, -1).join("");
      if (last.text === "") this.actions.pop();
    } else {
      this.actions.push(action);
    }
  }

  /** Everything recorded, once: the editor replays it when it is ready. */
  take(): { focused: boolean; actions: EarlyAction[] } {
    const taken = { focused: this.hasFocus, actions: this.actions };
    this.hasFocus = false;
    this.actions = [];
    return taken;
  }
}
