// `draft:<id>`: a team's presentation or blog post, a Tiptap document. The whole class reads it live;
// its team and the instructor write it. The checks are in check/draft-check.ts. Client hook:
// components/drafts/draft-workspace.tsx (useCollabDocument with Tiptap's Collaboration extension).
import { can } from "../../policies/index.ts";
import { rebuildDraftProjection } from "../../drafts/projection.ts";
import { DRAFT_FRAGMENT } from "../../drafts/editor-schema.ts";
import { countCharacters, draftInspector, type DraftCounter } from "../check/draft-check.ts";
import { ShadowGuard } from "../check/shadow-guard.ts";
import { MAX_SYNC_STEP2_BYTES } from "./limits.ts";
import type { LiveDocumentKind } from "./types.ts";

export const draftKind: LiveDocumentKind = {
  name: "draft",
  async loadFacts(db, id) {
    const draft = await db.draft.findUnique({
      where: { id },
      select: { kind: true, session: { select: { leadTeamId: true, blogTeamId: true } } },
    });
    return draft ? { session: draft.session, draftKind: draft.kind } : null;
  },
  access(actor, facts) {
    if (!can(actor, "draft:view")) return "none";
    return facts.draftKind !== undefined && can(actor, "draft:write", { draftKind: facts.draftKind, session: facts.session }) ? "write" : "read";
  },
  createGuard(document) {
    const guard = new ShadowGuard(document, { maxUpdateBytes: MAX_SYNC_STEP2_BYTES, maxDocumentBytes: 32 * 1024 * 1024 }, (shadow) => {
      shadow.getXmlFragment(DRAFT_FRAGMENT);
    });
    const counter: DraftCounter = { characters: countCharacters(guard.doc) };
    const inspect = draftInspector(counter);
    return {
      check: (update, actor) => {
        const result = guard.check(update, inspect, actor.id);
        // After a refusal the shadow was rebuilt: count again (the one O(document) step, bounded by refusal throttling).
        if (!result.ok) counter.characters = countCharacters(guard.doc);
        return result;
      },
      follow: (update) => {
        // Updates this guard checked arrive here again as no-ops; only another path's changes need a recount.
        if (guard.follow(update)) counter.characters = countCharacters(guard.doc);
      },
      destroy: () => guard.destroy(),
    };
  },
  project: ({ db, id, state, unloaded }) => rebuildDraftProjection({ db, draftId: id, state, lastEditorLeft: unloaded }),
};
