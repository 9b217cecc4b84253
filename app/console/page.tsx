import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/page-guard";
import { getJoinCode } from "@/lib/course/course-settings";
import { listRoster } from "@/lib/members/roster";
import { listTeams } from "@/lib/members/teams";
import { listSessionsForConsole } from "@/lib/sessions/list-sessions-for-console";
import { AddTeamForm } from "@/components/console/add-team-form";
import { ImportAnnotationsForm } from "@/components/console/import-annotations-form";
import { JoinCodePanel } from "@/components/console/join-code-panel";
import { RosterTable } from "@/components/console/roster-table";
import { SessionTeamsForm } from "@/components/console/session-teams-form";
import { formatLastSeen } from "@/components/console/format";

export const metadata: Metadata = { title: "Instructor console" };
export const dynamic = "force-dynamic";

export default async function ConsolePage() {
  const actor = await requirePermission("/console", "console:view");
  const [roster, teams, sessions, joinCode] = await Promise.all([
    listRoster({ actor }),
    listTeams(),
    listSessionsForConsole({ actor }),
    getJoinCode({ actor }),
  ]);
  return (
    <div className="space-y-12">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="font-serif text-3xl font-semibold tracking-tight">Instructor console</h1>
        <Link href="/console/import" className="rounded-lg bg-ink px-4 py-2 text-sm font-medium text-white hover:bg-ink/90">
          Import a session
        </Link>
      </div>

      <section aria-labelledby="join-heading">
        <h2 id="join-heading" className="text-lg font-semibold">Join code</h2>
        <p className="mb-3 text-sm text-muted">Students need it to create an account.</p>
        <JoinCodePanel initialCode={joinCode.joinCode} />
      </section>

      <section aria-labelledby="roster-heading">
        <h2 id="roster-heading" className="mb-3 text-lg font-semibold">Roster</h2>
        <RosterTable
          teams={teams}
          members={roster.map((member) => ({
            id: member.id,
            name: member.name,
            email: member.email,
            role: member.role,
            teamId: member.team?.id ?? null,
            lastSeen: formatLastSeen(member.lastSeenAt),
          }))}
        />
        <div className="mt-4">
          <AddTeamForm />
        </div>
      </section>

      <section aria-labelledby="annotations-import-heading">
        <h2 id="annotations-import-heading" className="text-lg font-semibold">Import annotations</h2>
        <p className="mb-3 text-sm text-muted">
          Highlights and threads from a W3C Web Annotation file (ours or another tool&apos;s) or a Hypothesis export. Each one goes to the reading with
          the same paper, in the name of the class member with that email or handle; importing the same file again changes nothing.
        </p>
        <ImportAnnotationsForm />
      </section>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="mb-3 text-lg font-semibold">Sessions</h2>
        <ol className="space-y-6">
          {sessions.map((session) => (
            <li key={session.id} className="rounded-xl border border-rule bg-white p-5">
              <h3 className="font-serif text-lg font-semibold">{session.title}</h3>
              <div className="mt-3">
                <SessionTeamsForm session={session} teams={teams} />
              </div>
              <details className="mt-4">
                <summary className="cursor-pointer text-sm font-medium text-accent">Edit readings ({session.readings.length})</summary>
                <ul className="mt-2 space-y-1 text-sm">
                  {session.readings.map((reading) => (
                    <li key={reading.id}>
                      <Link href={`/console/readings/${reading.id}`} className="underline hover:text-accent">
                        {reading.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
