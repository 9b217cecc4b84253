// Which documents a connection may open, and whether it may write them: the document's kind (from the
// table in kinds/) loads the facts and asks lib/policies, for every document a connection opens. The
// user was authenticated at the websocket upgrade. An unknown kind fails closed, saying so.
import type { Extension, onAuthenticatePayload } from "@hocuspocus/server";
import type { Db } from "../../db/client.ts";
import { DOCUMENT_GONE_REASON, documentNameProblem, parseDocumentName } from "../document-name.ts";
import { KINDS } from "../kinds/index.ts";
import type { CollabContext } from "../context.ts";

export class Authorization implements Extension {
  extensionName = "authorization";
  priority = 1000;

  constructor(private readonly db: Db) {}

  async onAuthenticate({ documentName, context, connectionConfig }: onAuthenticatePayload<CollabContext>): Promise<Partial<CollabContext>> {
    const ref = parseDocumentName(documentName);
    if (!ref) throw forbidden(documentNameProblem(documentName) ?? "forbidden");
    if (!context.actor) throw forbidden("Sign in first.");
    const kind = KINDS[ref.kind];
    const facts = await kind.loadFacts(this.db, ref.id);
    if (!facts) throw forbidden(DOCUMENT_GONE_REASON);
    const access = kind.access(context.actor, facts);
    if (access === "none") throw forbidden("You do not have access to this document.");
    connectionConfig.readOnly = access === "read";
    return { ref, facts, session: facts.session };
  }
}

function forbidden(reason: string) {
  return Object.assign(new Error(reason), { reason });
}
