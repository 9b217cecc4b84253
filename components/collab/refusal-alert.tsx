"use client";

/** The server refused a change (the write policy said why) and it was undone; `reason` says what and why. */
export function RefusalAlert({ reason, onDismiss }: { reason: string | null; onDismiss: () => void }) {
  if (!reason) return null;
  return (
    <div role="alert" className="mt-3 flex items-start gap-3 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      <p className="min-w-0 flex-1 break-words">{reason}</p>
      <button type="button" onClick={onDismiss} aria-label="Dismiss" className="-my-1 shrink-0 rounded-md px-2 py-1 text-red-800 hover:bg-red-100">
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
