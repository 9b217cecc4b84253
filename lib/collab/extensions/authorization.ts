// Which documents a connection may open, and whether it may write them: asked of lib/policies for
// every document a connection opens. The user was authenticated at the websocket upgrade.
import type { Extension, onAuthenticatePayload } from "@hocuspocus/server";
import type { Db } from "../../db/client.ts";
import { can } from "../../policies/index.ts";
import { parseDocumentName } from "../document-name.ts";
import type { CollabContext } from "../context.ts";

export class Authorization implements Extension {
  extensionName = "authorization";
  priority = 1000;

  constructor(private readonly db: Db) {}

  async onAuthenticate({ documentName, context, connectionConfig }: onAuthenticatePayload<CollabContext>): Promise<Partial<CollabContext>> {
    const ref = parseDocumentName(documentName);
    if (!ref || !context.actor || !can(context.actor, "course:view")) throw forbidden();
    if (ref.kind === "reading") {
      const reading = await this.db.reading.findFirst({
        where: { id: ref.id, archivedAt: null },
        select: { session: { select: { leadTeamId: true, blogTeamId: true } } },
      });
      if (!reading) throw forbidden();
      connectionConfig.readOnly = !can(context.actor, "reading:annotate");
      return { ref, session: reading.session };
    }
    const draft = await this.db.draft.findUnique({
      where: { id: ref.id },
      select: { kind: true, session: { select: { leadTeamId: true, blogTeamId: true } } },
    });
    if (!draft || !can(context.actor, "draft:view")) throw forbidden();
    // Everyone in the class reads a draft live; only its team and the instructor write it.
    connectionConfig.readOnly = !can(context.actor, "draft:write", { draftKind: draft.kind, session: draft.session });
    return { ref, session: draft.session };
  }
}

function forbidden() {
  return Object.assign(new Error("forbidden"), { reason: "forbidden" });
}
