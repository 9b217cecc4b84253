"use client";
// Opening the Activity page reads what it shows: the server is told once the page is on screen. The
// items keep their "New" marks for this view; the header's count is current from the next page on.
import { useEffect, useState } from "react";
import { submitJson } from "@/components/ui/submit";

export function MarkActivitySeen() {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void submitJson("/api/last-seen", "POST", { document: "activity" }).then((result) => setError(result.ok ? null : `Could not mark these as read: ${result.error.message}`));
  }, []);
  return (
    <p role="status" className="text-sm text-red-700">
      {error}
    </p>
  );
}
