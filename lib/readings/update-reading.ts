import { z } from "zod";
import { AppError } from "../errors/app-error.ts";
import { getDb, type Db } from "../db/client.ts";
import { authorize, type Actor } from "../policies/index.ts";
import { readingLinkSchema, readingSectionSchema } from "./session-text.ts";

export const readingEditSchema = z.object({
  title: z.string().trim().min(1, "A reading needs a title.").max(500, "A title can be at most 500 characters."),
  section: readingSectionSchema,
  url: z.union([z.literal(""), z.url({ protocol: /^https?$/, error: "The link must be an http(s) address." })]).transform((value) => value || null),
  extraLinks: readingLinkSchema.array().max(20, "At most 20 further links."),
  authors: z.array(z.string().trim().min(1).max(200)).max(200, "At most 200 authors."),
  abstract: z.string().max(50_000, "An abstract can be at most 50,000 characters."),
});
export type ReadingEdit = z.input<typeof readingEditSchema>;

/** The instructor corrects a reading's metadata or abstract. Audited with the previous values. */
export async function updateReading({ actor, readingId, edit, db = getDb() }: { actor: Actor | null; readingId: string; edit: z.output<typeof readingEditSchema>; db?: Db }) {
  const instructor = authorize(actor, "reading:edit");
  return db.$transaction(async (tx) => {
    const before = await tx.reading.findUnique({ where: { id: readingId } });
    if (!before) throw new AppError("NOT_FOUND", "There is no reading with that id.");
    const clash = await tx.reading.findFirst({ where: { sessionId: before.sessionId, title: edit.title, NOT: { id: readingId } } });
    if (clash) throw new AppError("CONFLICT", "Another reading of this session already has that title.", [{ field: "title", message: "Another reading of this session already has that title." }]);
    const updated = await tx.reading.update({ where: { id: readingId }, data: edit });
    await tx.auditEvent.create({
      data: {
        actorId: instructor.id,
        action: "reading.update",
        subject: `reading:${readingId}`,
        data: { before: { title: before.title, section: before.section, url: before.url, authors: before.authors, abstract: before.abstract } },
      },
    });
    return updated;
  });
}
