"use client";

import { useState } from "react";
import { submitJson } from "@/components/ui/submit";

interface Team {
  id: string;
  name: string;
}
interface Member {
  id: string;
  name: string;
  email: string | null;
  role: "INSTRUCTOR" | "STUDENT";
  teamId: string | null;
  lastSeen: string;
}

export function RosterTable({ members, teams }: { members: Member[]; teams: Team[] }) {
  const [status, setStatus] = useState<Record<string, { kind: "saving" | "saved" | "error"; message: string }>>({});

  async function move(member: Member, teamId: string) {
    setStatus((current) => ({ ...current, [member.id]: { kind: "saving", message: "Saving…" } }));
    const result = await submitJson(`/api/console/members/${member.id}`, "PATCH", { teamId: teamId || null });
    setStatus((current) => ({
      ...current,
      [member.id]: result.ok ? { kind: "saved", message: "Saved" } : { kind: "error", message: result.error.message },
    }));
  }

  if (members.length === 0) return <p className="text-muted">Nobody has joined yet. Share the join code with the class.</p>;
  return (
    <div className="overflow-x-auto rounded-xl border border-rule bg-white">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <caption className="sr-only">Class roster</caption>
        <thead className="border-b border-rule bg-paper text-xs uppercase tracking-wider text-muted">
          <tr>
            <th scope="col" className="px-4 py-2 font-semibold">Name</th>
            <th scope="col" className="px-4 py-2 font-semibold">Email</th>
            <th scope="col" className="px-4 py-2 font-semibold">Team</th>
            <th scope="col" className="px-4 py-2 font-semibold">Last seen</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-rule">
          {members.map((member) => (
            <tr key={member.id} data-user-id={member.id}>
              <th scope="row" className="px-4 py-2 font-medium">
                {member.name}
                {member.role === "INSTRUCTOR" ? <span className="ml-2 rounded bg-accent-soft px-1.5 py-0.5 text-xs text-accent">Instructor</span> : null}
              </th>
              <td className="px-4 py-2 text-muted">{member.email}</td>
              <td className="px-4 py-2">
                {member.role === "STUDENT" ? (
                  <div className="flex items-center gap-2">
                    <select
                      aria-label={`Team of ${member.name}`}
                      defaultValue={member.teamId ?? ""}
                      onChange={(event) => void move(member, event.target.value)}
                      className="rounded-md border border-rule bg-white px-2 py-1"
                    >
                      <option value="">No team</option>
                      {teams.map((team) => (
                        <option key={team.id} value={team.id}>
                          {team.name}
                        </option>
                      ))}
                    </select>
                    <span role="status" className={`text-xs ${status[member.id]?.kind === "error" ? "text-red-700" : "text-muted"}`}>
                      {status[member.id]?.message}
                    </span>
                  </div>
                ) : (
                  <span className="text-muted">—</span>
                )}
              </td>
              <td className="px-4 py-2 text-muted">{member.lastSeen}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
