// Deep links into a thread document's page: `#comment-<id>` and `#highlight-<id>` (what Activity,
// Mentions and "Copy link" hand out). The panel reveals the target: opens its thread, scrolls to it and
// moves focus there, for readers and keyboard users alike.
import { useEffect } from "react";

export interface LinkTarget {
  kind: "comment" | "highlight";
  id: string;
}

/** `#comment-<id>` / `#highlight-<id>` (entry ids as the documents store them); null for anything else. */
export function parseDeepLink(hash: string): LinkTarget | null {
  const match = /^#(comment|highlight)-([A-Za-z0-9_-]{8,64})$/.exec(hash);
  return match ? { kind: match[1] as LinkTarget["kind"], id: match[2]! } : null;
}

export function deepLinkFragment(target: LinkTarget): string {
  return `${target.kind}-${target.id}`;
}

/** The element a target is shown as (comment-thread.tsx and highlight-card.tsx set these ids). */
export function targetElementId(target: LinkTarget): string {
  return target.kind === "comment" ? `comment-${target.id}` : `highlight-card-${target.id}`;
}

/** Calls `onTarget` with the page's hash target when it loads and whenever the hash changes. */
export function useHashTarget(onTarget: (target: LinkTarget) => void): void {
  useEffect(() => {
    const follow = () => {
      const target = parseDeepLink(window.location.hash);
      if (target) onTarget(target);
    };
    follow();
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, [onTarget]);
}
