// Checks every incoming message before anything else sees it, and every update before it is applied,
// stored or broadcast.
// - At the door (beforeHandleMessage): only the protocol's message types, sync messages of types 0, 1
//   and 2 only (Hocuspocus would run beforeSync, and so the durable log, on any other), within size
//   limits per type. A client that keeps sending refused changes is slowed down.
// - Per update (beforeSync): the document's kind judges it on a shadow copy (kinds/, check/); a refusal
//   is told to the sender with the ranges of the refused update, and its connection is reset.
import type {
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  beforeHandleMessagePayload,
  beforeSyncPayload,
  Extension,
  onChangePayload,
} from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import { describeUpdate } from "../check/shadow-guard.ts";
import { RefusedUpdate, refusalMessage, type CollabContext, type RefusalDetails } from "../context.ts";
import { parseDocumentName } from "../document-name.ts";
import { KINDS } from "../kinds/index.ts";
import { MAX_MESSAGE_UPDATE_BYTES, MAX_SYNC_STEP2_BYTES } from "../kinds/limits.ts";
import type { DocumentGuard } from "../kinds/types.ts";
import { CLIENT_MESSAGE_TYPES, MESSAGE_AWARENESS, MESSAGE_SYNC, MESSAGE_SYNC_REPLY } from "../protocol.ts";

const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
// A raw message carries the document name and a few varints around its payload.
const ENVELOPE_BYTES = 1024;
const MAX_OTHER_MESSAGE_BYTES = 64 * 1024;

/** Refusals a user may run into within REFUSAL_WINDOW_MS before their messages are slowed down. */
const REFUSALS_BEFORE_SLOWDOWN = 10;
const REFUSAL_WINDOW_MS = 60_000;
const MAX_SLOWDOWN_MS = 5_000;

/** Updates the check found to hold nothing new (a reconnecting client's resync): persistence does not log them. */
export const unchangedUpdates = new WeakSet<Uint8Array>();

export interface WritePolicyOptions {
  /** Refusals within a minute before a user's messages are held back (tests that refuse on purpose raise it). */
  refusalsBeforeSlowdown?: number;
}

export class WritePolicy implements Extension {
  extensionName = "write-policy";
  priority = 900;
  private readonly refusalsBeforeSlowdown: number;
  private readonly guards = new Map<string, DocumentGuard>();
  private readonly strikes = new Map<string, { count: number; since: number }>();
  /** Updates refused, for the logs and the tests. */
  refusals = 0;

  constructor(options: WritePolicyOptions = {}) {
    this.refusalsBeforeSlowdown = options.refusalsBeforeSlowdown ?? REFUSALS_BEFORE_SLOWDOWN;
  }

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    const ref = parseDocumentName(documentName);
    if (ref) this.guards.set(documentName, KINDS[ref.kind].createGuard(document));
  }

  async onChange({ documentName, update, transactionOrigin }: onChangePayload): Promise<void> {
    // A client's update was applied to the shadow when beforeSync checked it; whatever reached the document
    // by another path (server changes, other instances) is followed here, to keep the shadow current.
    if (isConnectionOrigin(transactionOrigin)) return;
    this.guards.get(documentName)?.follow(update);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.guards.get(documentName)?.destroy();
    this.guards.delete(documentName);
  }

  async beforeHandleMessage({ update, connection, context }: beforeHandleMessagePayload<CollabContext>): Promise<void> {
    const problem = doorProblem(update);
    if (problem) this.refuse(connection, context, problem);
    const delay = this.slowdownFor(context?.actor?.id);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  }

  async beforeSync({ type, payload, connection, documentName, context }: beforeSyncPayload<CollabContext>): Promise<void> {
    if (type === SYNC_STEP_1) return;
    if (connection.readOnly) {
      // Hocuspocus never applies a read-only connection's writes; an explicit update is also refused loudly.
      if (type === SYNC_UPDATE) this.refuse(connection, context, "You can read this document but not change it.");
      return;
    }
    const guard = this.guards.get(documentName);
    if (!guard || !context.facts || !context.actor) this.refuse(connection, context, "This document is not open for writing.");
    const result = guard!.check(payload, context.actor, context.facts!);
    if (!result.ok) this.refuse(connection, context, result.reason, describeUpdate(payload));
    if (!result.changed) unchangedUpdates.add(payload);
  }

  /** How long to hold a user's next message: nothing until they have run into a few refusals, then doubling. */
  slowdownFor(userId: string | undefined): number {
    if (!userId) return 0;
    const strike = this.strikes.get(userId);
    if (!strike) return 0;
    if (Date.now() - strike.since > REFUSAL_WINDOW_MS) {
      this.strikes.delete(userId);
      return 0;
    }
    const over = strike.count - this.refusalsBeforeSlowdown;
    return over < 0 ? 0 : Math.min(MAX_SLOWDOWN_MS, 200 * 2 ** over);
  }

  private refuse(connection: beforeSyncPayload["connection"], context: CollabContext | undefined, reason: string, details?: RefusalDetails): never {
    this.refusals++;
    const userId = context?.actor?.id;
    if (userId) {
      const strike = this.strikes.get(userId);
      if (strike && Date.now() - strike.since <= REFUSAL_WINDOW_MS) strike.count++;
      else this.strikes.set(userId, { count: 1, since: Date.now() });
    }
    connection.sendStateless(refusalMessage(reason, details));
    throw new RefusedUpdate(reason);
  }
}

/** Hocuspocus applies a client's sync message with `{ source: "connection" }` as the transaction's origin. */
function isConnectionOrigin(origin: unknown): boolean {
  return typeof origin === "object" && origin !== null && (origin as { source?: unknown }).source === "connection";
}

/** What is wrong with a raw client message before any hook looks inside it, or null. */
export function doorProblem(message: Uint8Array): string | null {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (!CLIENT_MESSAGE_TYPES.has(type)) return `Unknown message type ${type}.`;
    if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) {
      if (message.byteLength > MAX_OTHER_MESSAGE_BYTES) return "That message is too large (over 64 KiB).";
      if (type === MESSAGE_AWARENESS) decoding.readVarUint8Array(decoder);
      return null;
    }
    const syncType = decoding.readVarUint(decoder);
    if (syncType !== SYNC_STEP_1 && syncType !== SYNC_STEP_2 && syncType !== SYNC_UPDATE) return `Unknown sync message type ${syncType}.`;
    const limit = syncType === SYNC_STEP_2 ? MAX_SYNC_STEP2_BYTES : MAX_MESSAGE_UPDATE_BYTES;
    if (message.byteLength > limit + ENVELOPE_BYTES) return `That change is too large (over ${Math.round(limit / 1024)} KiB).`;
    // Throws on a truncated payload, which is then refused here rather than half-read later.
    decoding.readVarUint8Array(decoder);
    return null;
  } catch {
    return "That message could not be read.";
  }
}
