export function TeamBadge({ role, team }: { role: string; team: { name: string } | null }) {
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-accent-soft px-2.5 py-0.5 text-xs font-medium text-accent">
      {role}: {team ? team.name : "not assigned"}
    </span>
  );
}
