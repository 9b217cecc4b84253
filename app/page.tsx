import Link from "next/link";
import { requireMember } from "@/lib/auth/page-guard";
import { listSessions } from "@/lib/sessions/list-sessions";
import { EmptyState } from "@/components/ui/empty-state";
import { TeamBadge } from "@/components/ui/team-badge";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const actor = await requireMember("/");
  const sessions = await listSessions({ actor });
  return (
    <div>
      <h1 className="font-serif text-3xl font-semibold tracking-tight sm:text-4xl">Sessions</h1>
      <p className="mt-2 text-muted">Each class session has a reading list. Open one to read the abstracts and mark them up together.</p>
      {sessions.length === 0 ? (
        <EmptyState title="No sessions yet">An instructor can import a session&apos;s reading list.</EmptyState>
      ) : (
        <ol className="mt-8 grid gap-4" aria-label="Sessions">
          {sessions.map((session) => (
            <li key={session.id}>
              <Link
                href={`/sessions/${session.slug}`}
                className="block rounded-xl border border-rule bg-white p-5 shadow-sm transition hover:border-accent/40 hover:shadow"
              >
                <h2 className="font-serif text-xl font-semibold text-ink">{session.title}</h2>
                <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-muted">
                  <TeamBadge role="Lead" team={session.leadTeam} />
                  <TeamBadge role="Blog" team={session.blogTeam} />
                  <span>
                    {session.readingCount} {session.readingCount === 1 ? "reading" : "readings"}
                  </span>
                </p>
              </Link>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
