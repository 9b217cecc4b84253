// `reading:<id>`: a reading's highlights, comment threads and +1s. Every class member reads and writes
// it (entries in their own name); the checks are in check/reading-check.ts. Client hook:
// components/annotations/use-reading-document.ts.
import { can } from "../../policies/index.ts";
import { readingJudge } from "../check/reading-check.ts";
import { ShadowGuard } from "../check/shadow-guard.ts";
import { READING_ROOTS } from "../reading-doc.ts";
import { projectThreadChanges, rebuildReadingProjection } from "../reading-projection.ts";
import { MAX_SYNC_STEP2_BYTES } from "./limits.ts";
import type { LiveDocumentKind } from "./types.ts";

export const readingKind: LiveDocumentKind = {
  name: "reading",
  async loadFacts(db, id) {
    const reading = await db.reading.findFirst({
      where: { id, archivedAt: null },
      select: { session: { select: { leadTeamId: true, blogTeamId: true } } },
    });
    return reading ? { session: reading.session } : null;
  },
  access(actor) {
    if (!can(actor, "course:view")) return "none";
    return can(actor, "reading:annotate") ? "write" : "read";
  },
  createGuard(document) {
    const guard = new ShadowGuard(document, { maxUpdateBytes: MAX_SYNC_STEP2_BYTES, maxDocumentBytes: 32 * 1024 * 1024 }, (shadow) => {
      for (const name of READING_ROOTS) shadow.getMap(name);
    });
    return {
      check: (update, actor, facts) => guard.check(update, readingJudge({ actor, session: facts.session, now: Date.now(), questions: true }), actor.id),
      follow: (update) => guard.follow(update),
      destroy: () => guard.destroy(),
    };
  },
  project: ({ db, id, state }) => rebuildReadingProjection(db, id, state),
  projectChanges: ({ db, id, doc, changed }) => projectThreadChanges({ db, documentKind: "reading", documentId: id, doc, changed }),
};
