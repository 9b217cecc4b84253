"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { submitJson } from "@/components/ui/submit";

export function MarkSeenButton() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-3">
      <button
        type="button"
        onClick={async () => {
          const result = await submitJson("/api/notifications/seen", "POST");
          if (result.ok) router.refresh();
          else setError(result.error.message);
        }}
        className="rounded-lg border border-rule bg-white px-3 py-1.5 text-sm font-medium hover:bg-paper"
      >
        Mark all as seen
      </button>
      <span role="status" className="text-sm text-red-700">
        {error}
      </span>
    </div>
  );
}
