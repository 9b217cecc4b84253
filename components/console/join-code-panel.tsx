"use client";

import { useState } from "react";
import { submitJson } from "@/components/ui/submit";

export function JoinCodePanel({ initialCode }: { initialCode: string }) {
  const [code, setCode] = useState(initialCode);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function rotate() {
    if (!window.confirm("Replace the join code? The current one stops working at once.")) return;
    setPending(true);
    const result = await submitJson<{ joinCode: string }>("/api/console/join-code", "POST");
    setPending(false);
    if (result.ok) {
      setCode(result.data.joinCode);
      setMessage("New join code in force.");
    } else setMessage(result.error.message);
  }

  return (
    <div className="flex flex-wrap items-center gap-4">
      <code aria-label="Current join code" className="rounded-lg border border-rule bg-white px-4 py-2 font-mono text-lg tracking-widest">
        {code}
      </code>
      <button type="button" onClick={() => void rotate()} disabled={pending} className="rounded-lg border border-rule bg-white px-3 py-2 text-sm font-medium hover:bg-paper disabled:opacity-70">
        {pending ? "Rotating…" : "Rotate join code"}
      </button>
      <span role="status" className="text-sm text-muted">
        {message}
      </span>
    </div>
  );
}
