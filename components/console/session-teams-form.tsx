"use client";

import { useState, type FormEvent } from "react";
import { submitJson } from "@/components/ui/submit";

interface Props {
  session: { id: string; title: string; leadTeamId: string | null; blogTeamId: string | null };
  teams: Array<{ id: string; name: string }>;
}

export function SessionTeamsForm({ session, teams }: Props) {
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await submitJson(`/api/console/sessions/${session.id}`, "PATCH", {
      leadTeamId: String(form.get("leadTeamId") ?? "") || null,
      blogTeamId: String(form.get("blogTeamId") ?? "") || null,
    });
    setPending(false);
    setMessage(result.ok ? { error: false, text: "Teams saved." } : { error: true, text: result.error.message });
  }

  const select = (name: string, label: string, value: string | null) => (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      <select name={name} defaultValue={value ?? ""} aria-label={`${label} for ${session.title}`} className="rounded-md border border-rule bg-white px-2 py-1.5">
        <option value="">Not assigned</option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
      {select("leadTeamId", "Lead team", session.leadTeamId)}
      {select("blogTeamId", "Blog team", session.blogTeamId)}
      <button type="submit" disabled={pending} className="rounded-lg bg-ink px-3 py-1.5 text-sm font-medium text-white hover:bg-ink/90 disabled:opacity-70">
        {pending ? "Saving…" : `Save teams for ${session.title}`}
      </button>
      <span role="status" className={`text-sm ${message?.error ? "text-red-700" : "text-muted"}`}>
        {message?.text}
      </span>
    </form>
  );
}
