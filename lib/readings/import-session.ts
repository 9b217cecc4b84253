// Imports one session's reading list: all of it in one transaction or nothing. Re-importing the same
// session (matched by its title's slug) updates it in place; readings are matched by title, so their
// ids, and everything that hangs off them, survive. A reading the new file no longer lists is archived, and
// whoever has it open, or belongs to a team whose role in the session changed, is reconnected.
import { AppError } from "../errors/app-error.ts";
import { getDb, type Db } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";
import { readingDocumentName } from "../collab/document-name.ts";
import { liveDocuments } from "../collab/live-registry.ts";
import { sessionDocumentNames } from "../sessions/session-document-names.ts";
import { teamsWithChangedRole } from "../sessions/teams-with-changed-role.ts";
import { decodeSessionFile, parseSessionText, type ParsedSession } from "./session-text.ts";

export interface ImportSessionOptions {
  /** The file's raw bytes (decoded and checked here) or already-decoded text. */
  input: Uint8Array | string;
  /** Who imports (checked against the policy and audited); omitted for the system's own imports. */
  actor?: Actor | null;
  /** Database client (default: the process-wide one). */
  db?: Db;
}

export interface ImportSessionResult {
  session: { id: string; slug: string; title: string };
  created: number;
  updated: number;
  archived: number;
}

/** Parses and imports; throws AppError INVALID_INPUT with line-numbered issues when the file is bad. */
export async function importSession({ input, actor, db = getDb() }: ImportSessionOptions): Promise<ImportSessionResult> {
  const importer = actor === undefined ? null : authorize(actor, "session:import");
  const session = parseInput(input);
  const { result, archivedIds, changedTeamIds, sessionDocuments } = await db.$transaction(async (tx) => {
    const teamId = async (slug: string | null) => {
      if (!slug) return undefined;
      const team = await tx.team.upsert({
        where: { slug },
        create: { slug, name: teamName(slug) },
        update: {},
        select: { id: true },
      });
      return team.id;
    };
    const leadTeamId = await teamId(session.leadTeam);
    const blogTeamId = await teamId(session.blogTeam);

    const existing = await tx.classSession.findUnique({ where: { slug: session.slug }, select: { id: true, leadTeamId: true, blogTeamId: true } });
    const last = await tx.classSession.aggregate({ _max: { position: true } });
    const saved = existing
      ? await tx.classSession.update({
          where: { id: existing.id },
          data: { title: session.title, leadTeamId, blogTeamId },
        })
      : await tx.classSession.create({
          data: { slug: session.slug, title: session.title, position: (last._max.position ?? -1) + 1, leadTeamId, blogTeamId },
        });

    const before = await tx.reading.findMany({ where: { sessionId: saved.id }, select: { id: true, title: true, archivedAt: true } });
    const byTitle = new Map(before.map((reading) => [reading.title, reading]));
    let created = 0;
    let updated = 0;
    for (const [position, reading] of session.readings.entries()) {
      const data = {
        section: reading.section,
        url: reading.url,
        extraLinks: reading.extraLinks,
        authors: reading.authors,
        abstract: reading.abstract,
        position,
        archivedAt: null,
      };
      const found = byTitle.get(reading.title);
      if (found) {
        await tx.reading.update({ where: { id: found.id }, data });
        byTitle.delete(reading.title);
        updated++;
      } else {
        await tx.reading.create({ data: { ...data, sessionId: saved.id, title: reading.title } });
        created++;
      }
    }
    const gone = [...byTitle.values()].filter((reading) => reading.archivedAt === null).map((reading) => reading.id);
    if (gone.length > 0) await tx.reading.updateMany({ where: { id: { in: gone } }, data: { archivedAt: new Date() } });

    const result = { session: { id: saved.id, slug: saved.slug, title: saved.title }, created, updated, archived: gone.length };
    await tx.auditEvent.create({
      data: { actorId: importer?.id ?? null, action: "session.import", subject: `session:${saved.id}`, data: { created, updated, archived: gone.length } },
    });
    const changedTeamIds = existing ? teamsWithChangedRole(existing, saved) : [];
    const sessionDocuments = changedTeamIds.length > 0 ? await sessionDocumentNames(tx, saved.id) : [];
    return { result, archivedIds: gone, changedTeamIds, sessionDocuments };
  });
  const live = liveDocuments();
  await live?.closeDocumentConnections(archivedIds.map(readingDocumentName), "access-changed");
  await live?.closeTeamConnections(changedTeamIds, sessionDocuments, "access-changed");
  return result;
}

function parseInput(input: Uint8Array | string): ParsedSession {
  let text: string;
  if (typeof input === "string") {
    text = input;
    if (Buffer.byteLength(text) > 1024 * 1024) throw new AppError("INVALID_INPUT", "The reading list is over 1 MB.");
  } else {
    const decoded = decodeSessionFile(input);
    if (!decoded.ok) throw new AppError("INVALID_INPUT", "The file could not be read as a reading list.", decoded.issues);
    text = decoded.text;
  }
  const parsed = parseSessionText(text);
  if (!parsed.ok) throw new AppError("INVALID_INPUT", "The reading list has errors; nothing was imported.", parsed.issues);
  return parsed.session;
}

/** "team-5" -> "Team 5". */
export function teamName(slug: string): string {
  const words = slug.split("-").filter(Boolean);
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(" ");
}
