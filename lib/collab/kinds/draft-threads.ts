// `draft-threads:<draftId>`: the comment threads on a team draft. The same document as a reading's
// (highlights = commented passages, comments, +1s) under the same check, with two differences: a
// passage's target is the quote held by Yjs relative positions into `draft:<draftId>`, and a thread is
// resolved by whoever resolves a reading's thread or a draft comment (mayResolveDraftThread). Every class
// member writes it, also those who only read the draft. Client: components/drafts/draft-workspace.tsx.
import { can } from "../../policies/index.ts";
import { MAX_EXACT_LENGTH } from "../../anchoring/selectors.ts";
import { readingJudge } from "../check/reading-check.ts";
import { ShadowGuard } from "../check/shadow-guard.ts";
import { record, string, type ValueCheck } from "../check/values.ts";
import { mayResolveDraftThread, MAX_RELATIVE_POSITION_LENGTH } from "../draft-threads-doc.ts";
import { READING_ROOTS } from "../reading-doc.ts";
import { projectThreadChanges, rebuildThreadProjection } from "../reading-projection.ts";
import { MAX_SYNC_STEP2_BYTES } from "./limits.ts";
import type { LiveDocumentKind } from "./types.ts";

const relativePosition = string({ min: 1, max: MAX_RELATIVE_POSITION_LENGTH, pattern: /^[A-Za-z0-9+/]+={0,2}$/ });

/** A passage of a draft: the quote, and where it starts and ends as base64 Yjs relative positions. */
export const draftAnchorCheck: ValueCheck = record({ exact: string({ min: 1, max: MAX_EXACT_LENGTH }), from: relativePosition, to: relativePosition });

export const draftThreadsKind: LiveDocumentKind = {
  name: "draft-threads",
  async loadFacts(db, id) {
    const draft = await db.draft.findUnique({
      where: { id },
      select: { kind: true, session: { select: { leadTeamId: true, blogTeamId: true } } },
    });
    return draft ? { session: draft.session, draftKind: draft.kind } : null;
  },
  access(actor) {
    if (!can(actor, "draft:view")) return "none";
    return can(actor, "draft:comment") ? "write" : "read";
  },
  createGuard(document) {
    const guard = new ShadowGuard(document, { maxUpdateBytes: MAX_SYNC_STEP2_BYTES, maxDocumentBytes: 32 * 1024 * 1024 }, (shadow) => {
      for (const name of READING_ROOTS) shadow.getMap(name);
    });
    return {
      check: (update, actor, facts) => {
        const { session, draftKind } = facts;
        const judge = readingJudge({
          actor,
          session,
          now: Date.now(),
          target: draftAnchorCheck,
          words: { document: "a draft's threads", subject: "this draft" },
          // Facts of a draft always carry its kind; without it only the reading's rule applies.
          mayResolve: (threadAuthorId) =>
            draftKind ? mayResolveDraftThread(actor, { threadAuthorId, draftKind, session }) : can(actor, "thread:resolve", { threadAuthorId, session }),
        });
        return guard.check(update, judge, actor.id);
      },
      follow: (update) => guard.follow(update),
      destroy: () => guard.destroy(),
    };
  },
  project: ({ db, id, state }) => rebuildThreadProjection({ db, documentKind: "draft-threads", documentId: id, state }),
  projectChanges: ({ db, id, doc, changed }) => projectThreadChanges({ db, documentKind: "draft-threads", documentId: id, doc, changed }),
};
