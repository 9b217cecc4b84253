"use client";
import { useEffect, useState } from "react";
import { SESSION_RECHECK_MS, shouldProbeSession, statusLabel, withSession, type ConnectionStatus as Status, type SessionProbe } from "./connection-state";

export interface ConnectionStatusProps {
  status: Status;
  /** Local changes the server has not confirmed yet. */
  unsyncedChanges: number;
  /** What the page shows, for "This reading is no longer available" (default "reading"). */
  noun?: string;
  className?: string;
}

const DOT: Record<Status, string> = {
  live: "bg-emerald-500",
  connecting: "bg-amber-400 motion-safe:animate-pulse",
  reconnecting: "bg-amber-500 motion-safe:animate-pulse",
  offline: "bg-red-600",
  "signed-out": "bg-slate-500",
  gone: "bg-slate-500",
};

/** A polite live region, so screen readers hear "Offline" and "Live" as they happen without losing their place. */
export function ConnectionStatus({ status, unsyncedChanges, noun, className = "" }: ConnectionStatusProps) {
  const shown = withSession(status, useSessionWhileDown(status));
  return (
    <p
      role="status"
      data-connection-status={shown}
      className={`inline-flex items-center gap-2 rounded-full border border-rule bg-white px-3 py-1 text-xs font-medium text-ink ${className}`}
    >
      <span aria-hidden="true" className={`size-2 shrink-0 rounded-full ${DOT[shown]}`} />
      {shown === "signed-out" ? (
        <span>
          Your session ended;{" "}
          <a href={signInAgainHref()} className="text-accent underline">
            sign in again
          </a>
        </span>
      ) : (
        statusLabel(shown, unsyncedChanges, noun)
      )}
    </p>
  );
}

/** While the socket is down, asks (now, then every SESSION_RECHECK_MS) whether the session still signs in. */
function useSessionWhileDown(status: Status): SessionProbe {
  const down = shouldProbeSession(status);
  const [session, setSession] = useState<SessionProbe>("unknown");
  useEffect(() => {
    if (!down) return;
    let cancelled = false;
    let timer: number | undefined;
    const check = async () => {
      // Fetched when the socket first drops; if even that fails, the answer is just not known yet.
      const answer = await import("./session-probe").then(({ probeSession }) => probeSession(), (): SessionProbe => "unknown");
      if (cancelled) return;
      setSession(answer);
      // An ended session stays ended until the user signs in (then the socket comes back and `down` clears).
      if (answer !== "signed-out") timer = window.setTimeout(() => void check(), SESSION_RECHECK_MS);
    };
    void check();
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
      setSession("unknown");
    };
  }, [down]);
  return session;
}

function signInAgainHref(): string {
  const here = typeof window === "undefined" ? "/" : `${window.location.pathname}${window.location.search}`;
  return `/signin?callbackUrl=${encodeURIComponent(here)}`;
}
