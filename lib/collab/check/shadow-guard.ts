// The exact, incremental check of one incoming update. Each loaded document has a shadow copy; an
// update is applied to the shadow inside one Yjs transaction and the kind's inspector looks at what that
// transaction did: the items it added (found in the store between the state vectors before and after,
// so the cost follows the update, not the document), the keys it changed and what it deleted (read in
// `afterTransaction`, before garbage collection, so old values are still there). A refused update, or
// anything that throws while checking, costs one bounded repair: the shadow is rebuilt from the live
// document, so the copy never keeps what was refused.
import * as Y from "yjs";

/** Any shared type (Yjs types are invariant in their event type, so `unknown` does not fit them all). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SharedType = Y.AbstractType<any>;

export type CheckResult = { ok: true; changed: boolean } | { ok: false; reason: string };

/** What one update did to the shadow, for a kind's inspector. */
export interface AppliedUpdate {
  doc: Y.Doc;
  transaction: Y.Transaction;
  /** The items this update added (GC placeholders left out), in store order. */
  added: Y.Item[];
}

/** Returns a refusal reason, or null to accept. Must not modify the document. */
export type Inspector = (applied: AppliedUpdate) => string | null;

export interface GuardLimits {
  /** Largest single update (bytes). */
  maxUpdateBytes: number;
  /** Largest the document may grow (bytes of stored state plus accepted updates since load). */
  maxDocumentBytes: number;
}

export class ShadowGuard {
  private shadow: Y.Doc;
  private bytes: number;
  /**
   * Which user writes under each Yjs client id, claimed by the first accepted write since the document
   * was loaded. A client id is visible to everyone (in updates and presence); without this, a classmate
   * could fill another editor's next clock with their own entry and the editor's real change would be
   * dropped as already known.
   */
  private readonly writers = new Map<number, string>();

  constructor(
    private readonly source: Y.Doc,
    private readonly limits: GuardLimits,
    /** Prepares a fresh shadow (create the kind's roots) before anything is applied to it. */
    private readonly prepare: (doc: Y.Doc) => void = () => {},
  ) {
    this.shadow = new Y.Doc();
    this.bytes = 0;
    this.repair();
  }

  /** The shadow itself, for a kind that keeps counters over it. */
  get doc(): Y.Doc {
    return this.shadow;
  }

  /** Applies `update` to the shadow and lets `inspect` judge it; refusal or error leaves the shadow as the live document is. */
  check(update: Uint8Array, inspect: Inspector, writerId?: string): CheckResult {
    if (update.byteLength > this.limits.maxUpdateBytes) {
      return { ok: false, reason: `That change is too large (over ${Math.round(this.limits.maxUpdateBytes / 1024)} KiB).` };
    }
    if (this.bytes + update.byteLength > this.limits.maxDocumentBytes) {
      return { ok: false, reason: "This document has reached its size limit; nothing more can be added." };
    }
    let claims: number[] = [];
    let verdict: string | null = null;
    let changed = false;
    let inspected = false;
    const onAfterTransaction = (transaction: Y.Transaction) => {
      if (inspected) {
        // After a remote change to formatted text Yjs tidies that text's formatting in a transaction of its
        // own (it only deletes redundant formatting marks, the same on every replica). Anything else
        // arriving in a second transaction is not what one update can do.
        if (!isFormattingCleanup(transaction)) verdict ??= "That change could not be read.";
        return;
      }
      inspected = true;
      try {
        changed = transaction.deleteSet.clients.size > 0 || !sameState(transaction.beforeState, transaction.afterState);
        if (!changed) return;
        if (writerId !== undefined) {
          const claim = this.claim(transaction, writerId);
          if (typeof claim === "string") verdict = claim;
          else claims = claim;
        }
        verdict ??= inspect({ doc: this.shadow, transaction, added: addedItems(transaction) });
      } catch {
        verdict = "That change could not be checked.";
      }
    };
    this.shadow.on("afterTransaction", onAfterTransaction);
    try {
      Y.applyUpdate(this.shadow, update, "policy-check");
    } catch {
      verdict ??= "That change could not be read.";
    } finally {
      this.shadow.off("afterTransaction", onAfterTransaction);
    }
    if (!verdict && (this.shadow.store.pendingStructs !== null || this.shadow.store.pendingDs !== null)) {
      verdict = "That change depends on changes the server does not have; reload the page.";
    }
    if (verdict) {
      this.repair();
      return { ok: false, reason: verdict };
    }
    this.bytes += update.byteLength;
    if (writerId !== undefined) for (const client of claims) this.writers.set(client, writerId);
    return { ok: true, changed };
  }

  /** The client ids this update writes under that nobody has claimed yet, or why it may not write under one. */
  private claim(transaction: Y.Transaction, writerId: string): number[] | string {
    const claims: number[] = [];
    for (const [client, after] of transaction.afterState) {
      if (after <= (transaction.beforeState.get(client) ?? 0)) continue;
      const owner = this.writers.get(client);
      if (owner !== undefined && owner !== writerId) return "That change was made under another editor's client id; reload the page.";
      if (owner === undefined) claims.push(client);
    }
    return claims;
  }

  /** Keeps the shadow current with what reached the live document by another path (server changes, other instances). */
  follow(update: Uint8Array): boolean {
    let changed = false;
    const onAfterTransaction = (transaction: Y.Transaction) => {
      changed ||= transaction.deleteSet.clients.size > 0 || !sameState(transaction.beforeState, transaction.afterState);
    };
    this.shadow.on("afterTransaction", onAfterTransaction);
    try {
      Y.applyUpdate(this.shadow, update, "follow");
      if (changed) this.bytes += update.byteLength;
    } catch {
      this.repair();
      return true;
    } finally {
      this.shadow.off("afterTransaction", onAfterTransaction);
    }
    return changed;
  }

  /** Rebuilds the shadow from the live document: the one O(document) step, taken only after a refusal. */
  repair(): void {
    this.shadow.destroy();
    this.shadow = new Y.Doc({ gc: this.source.gc });
    this.prepare(this.shadow);
    const state = Y.encodeStateAsUpdate(this.source);
    Y.applyUpdate(this.shadow, state);
    this.bytes = state.byteLength;
  }

  destroy(): void {
    this.shadow.destroy();
  }
}

/** Yjs's own formatting cleanup: adds nothing and deletes only formatting marks. */
function isFormattingCleanup(transaction: Y.Transaction): boolean {
  if (!transaction.local || !sameState(transaction.beforeState, transaction.afterState)) return false;
  let onlyFormatting = true;
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentFormat)) onlyFormatting = false;
  });
  return onlyFormatting;
}

function sameState(a: Map<number, number>, b: Map<number, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [client, clock] of a) if (b.get(client) !== clock) return false;
  return true;
}

/** The items a transaction added: per client, the structs from the clock before it to the clock after. */
export function addedItems(transaction: Y.Transaction): Y.Item[] {
  const out: Y.Item[] = [];
  const clients = transaction.doc.store.clients;
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = clients.get(client);
    if (!structs) continue;
    for (let index = Y.findIndexSS(structs, before); index < structs.length; index++) {
      const struct = structs[index]!;
      if (struct instanceof Y.Item) out.push(struct);
    }
  }
  return out;
}

/** The name of the root type `type` is, or null when it is nested. */
export function rootName(type: SharedType): string | null {
  if (type._item !== null) return null;
  for (const [name, root] of type.doc?.share ?? []) if (root === type) return name;
  return null;
}

/** Item ranges and delete set of an update, for a refusal the client can match to what it sent. */
export function describeUpdate(update: Uint8Array, cap = 64): { structs: Array<[number, number, number]>; deletes: Array<[number, number, number]> } {
  try {
    const decoded = Y.decodeUpdate(update);
    const structs: Array<[number, number, number]> = [];
    for (const struct of decoded.structs) {
      if (struct instanceof Y.Skip) continue;
      const last = structs.at(-1);
      if (last && last[0] === struct.id.client && last[1] + last[2] === struct.id.clock) last[2] += struct.length;
      else structs.push([struct.id.client, struct.id.clock, struct.length]);
      if (structs.length >= cap) break;
    }
    const deletes: Array<[number, number, number]> = [];
    for (const [client, items] of decoded.ds.clients) {
      for (const item of items) {
        if (deletes.length >= cap) break;
        deletes.push([client, item.clock, item.len]);
      }
    }
    return { structs, deletes };
  } catch {
    return { structs: [], deletes: [] };
  }
}
