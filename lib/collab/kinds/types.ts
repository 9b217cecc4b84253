// One live-document kind: everything the collaboration server needs to know about it, in one module.
// The server, authorization, write policy and persistence iterate the table in index.ts; a kind that
// is not in the table is refused at the door.
import type * as Y from "yjs";
import type { Db } from "../../db/client.ts";
import type { Actor, SessionTeams } from "../../policies/index.ts";
import type { CheckResult } from "../check/shadow-guard.ts";
import type { ChangedEntries } from "../yjs-worker-tasks.ts";

/** What a connection may do with a document. */
export type Access = "write" | "read" | "none";

/** The check of one loaded document: its shadow copy and whatever counters the kind keeps over it. */
export interface DocumentGuard {
  /** Judges one incoming update from `actor`; exact, and proportional to the update. */
  check(update: Uint8Array, actor: Actor, facts: DocumentFacts): CheckResult;
  /** An update that reached the live document by another path (server change, another instance). */
  follow(update: Uint8Array): void;
  destroy(): void;
}

/** What the policy needs to know about one document. */
export interface DocumentFacts {
  session: SessionTeams;
  /** For drafts: which team's draft it is. */
  draftKind?: "PRESENTATION" | "BLOG_POST";
}

export interface LiveDocumentKind<Facts extends DocumentFacts = DocumentFacts> {
  /** The prefix of the document name, `<name>:<id>`. */
  name: string;
  /** The facts the policy needs about the document, or null when it does not exist (or is archived). */
  loadFacts(db: Db, id: string): Promise<Facts | null>;
  /** Who may open and who may write, asked of lib/policies. */
  access(actor: Actor, facts: Facts): Access;
  /** The check of every incoming update, over a shadow of the loaded document. */
  createGuard(document: Y.Doc): DocumentGuard;
  /** Rebuilds the relational projection from freshly stored state. */
  project(options: { db: Db; id: string; state: Uint8Array; unloaded: boolean }): Promise<void>;
  /**
   * Projects only what some logged updates changed, from the worker's copy of the document (a kind
   * without it is projected whole, at most as often as its cost allows; see Persistence).
   */
  projectChanges?(options: { db: Db; id: string; doc: Y.Doc; changed: ChangedEntries }): Promise<void>;
}
