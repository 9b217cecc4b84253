import type { Actor, SessionTeams } from "../policies/index.ts";
import type { DocumentRef } from "./document-name.ts";
import type { DocumentFacts } from "./kinds/types.ts";

/** What a collaboration connection knows about itself: set at the upgrade, completed by authorization. */
export interface CollabContext {
  actor: Actor;
  ref?: DocumentRef;
  /** What the policy needs about the document (its session's teams, a draft's kind). */
  facts?: DocumentFacts;
  /** The lead and blog teams of the session the document belongs to. */
  session?: SessionTeams;
}

/** A change the server will not take: the client is told why, then the connection is reset. */
export class RefusedUpdate extends Error {
  readonly code = 4003;
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = `refused: ${reason}`.slice(0, 120);
  }
}

export interface RefusalDetails {
  /** Item ranges [client, clock, length] the refused update would have added. */
  structs?: Array<[number, number, number]>;
  /** Ranges [client, clock, length] it would have deleted. */
  deletes?: Array<[number, number, number]>;
}

export function refusalMessage(reason: string, details: RefusalDetails = {}): string {
  return JSON.stringify({ type: "refused", reason, structs: details.structs ?? [], deletes: details.deletes ?? [] });
}
