"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { submitJson } from "@/components/ui/submit";

export function AddTeamForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const result = await submitJson("/api/console/teams", "POST", { slug: String(new FormData(formElement).get("slug") ?? "") });
    if (result.ok) {
      setError(null);
      formElement.reset();
      router.refresh();
    } else setError(result.error.message);
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2">
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">New team</span>
        <input name="slug" placeholder="team-7" maxLength={63} required className="rounded-md border border-rule bg-white px-2 py-1.5" aria-describedby="add-team-error" />
      </label>
      <button type="submit" className="rounded-lg border border-rule bg-white px-3 py-1.5 text-sm font-medium hover:bg-paper">
        Add team
      </button>
      <span id="add-team-error" role="status" className="text-sm text-red-700">
        {error}
      </span>
    </form>
  );
}
