// "Insert agenda" on the presentation: one section per reading with its top open questions as bullets
// linking back to them, ranked as the question queue ranks them (lib/questions/list-open-questions.ts).
import { getDb, type Db } from "../db/client.ts";
import type { Actor } from "../policies/index.ts";
import { listOpenQuestions } from "../questions/list-open-questions.ts";
import { insertIntoDraft, type UndoableInsertion } from "./draft-insertions.ts";
import { buildAgenda, type AgendaSection } from "./insertion-content.ts";

export interface InsertAgendaOptions {
  /** Who asks: the session's lead team or the instructor. */
  actor: Actor | null;
  /** The session's presentation. */
  draftId: string;
  db?: Db;
}

export async function insertAgenda({ actor, draftId, db = getDb() }: InsertAgendaOptions): Promise<UndoableInsertion> {
  return insertIntoDraft({
    actor,
    draftId,
    kind: "agenda",
    db,
    build: async ({ writer, sessionId }) => {
      // Read as the asker, through the queue's own authorization: only what their question page shows.
      const queue = await listOpenQuestions({ actor: writer, sessionId, db });
      const sections: AgendaSection[] = queue.readings.map((reading) => ({
        reading,
        questions: queue.questions.filter((question) => question.reading.id === reading.id),
      }));
      return buildAgenda(sections);
    },
  });
}
