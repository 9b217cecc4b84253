import type { Actor, SessionTeams } from "../policies/index.ts";
import type { DocumentRef } from "./document-name.ts";

/** What a collaboration connection knows about itself: set at the upgrade, completed by authorization. */
export interface CollabContext {
  actor: Actor;
  ref?: DocumentRef;
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

export function refusalMessage(reason: string): string {
  return JSON.stringify({ type: "refused", reason });
}
