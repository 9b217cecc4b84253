"use client";
import { statusLabel, type ConnectionStatus as Status } from "./connection-state";

export interface ConnectionStatusProps {
  status: Status;
  /** Local changes the server has not confirmed yet. */
  unsyncedChanges: number;
  className?: string;
}

const DOT: Record<Status, string> = {
  live: "bg-emerald-500",
  connecting: "bg-amber-400 motion-safe:animate-pulse",
  reconnecting: "bg-amber-500 motion-safe:animate-pulse",
  offline: "bg-red-600",
};

/** A polite live region, so screen readers hear "Offline" and "Live" as they happen without losing their place. */
export function ConnectionStatus({ status, unsyncedChanges, className = "" }: ConnectionStatusProps) {
  return (
    <p
      role="status"
      data-connection-status={status}
      className={`inline-flex items-center gap-2 rounded-full border border-rule bg-white px-3 py-1 text-xs font-medium text-ink ${className}`}
    >
      <span aria-hidden="true" className={`size-2 shrink-0 rounded-full ${DOT[status]}`} />
      {statusLabel(status, unsyncedChanges)}
    </p>
  );
}
