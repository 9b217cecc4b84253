import type { SessionTeams } from "../policies/index.ts";

/** The teams that gained or lost a session's lead or blog role between two assignments (their members' access changed). */
export function teamsWithChangedRole(before: SessionTeams, after: SessionTeams): string[] {
  const changed = [
    ...(before.leadTeamId === after.leadTeamId ? [] : [before.leadTeamId, after.leadTeamId]),
    ...(before.blogTeamId === after.blogTeamId ? [] : [before.blogTeamId, after.blogTeamId]),
  ];
  return [...new Set(changed)].filter((id): id is string => id !== null);
}
