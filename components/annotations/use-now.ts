"use client";
// The clock behind relative timestamps ("5 min ago"), and whether the page is past hydration: a page
// rendered on the server must hydrate to the very same words before the browser's own clock and time
// zone take over.
import { useMemo, useSyncExternalStore } from "react";

const subscribeNothing = () => () => undefined;

/** False in the server's render and while hydrating it, true from then on: for what only the browser knows (its time zone). */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribeNothing, () => true, () => false);
}

/** The time now, read again every `intervalMs` while someone is subscribed. */
function clock(intervalMs: number) {
  let now = Date.now();
  return {
    subscribe(listener: () => void) {
      const timer = window.setInterval(() => {
        now = Date.now();
        listener();
      }, intervalMs);
      return () => window.clearInterval(timer);
    },
    getSnapshot: () => now,
  };
}

/**
 * The current time, refreshed every `intervalMs`. `renderedAt` is when the server rendered the page: its
 * render and the hydration both use it, so the words match; the browser's clock takes over right after.
 */
export function useNow(intervalMs = 60_000, renderedAt?: number): number {
  const { subscribe, getSnapshot } = useMemo(() => clock(intervalMs), [intervalMs]);
  return useSyncExternalStore(subscribe, getSnapshot, () => renderedAt ?? getSnapshot());
}
