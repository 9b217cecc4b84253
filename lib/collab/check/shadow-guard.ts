// The exact, incremental check of one incoming update. Each loaded document has a shadow copy; an
// update is applied to the shadow inside one Yjs transaction and the kind's inspector looks at what that
// transaction did: the items it added (found in the store between the state vectors before and after,
// so the cost follows the update, not the document), the keys it changed and what it deleted (read in
// `afterTransaction`, before garbage collection, so old values are still there). A refused update, or
// anything that throws while checking, costs one bounded repair: the shadow is rebuilt from the live
// document, so the copy never keeps what was refused.
//
// Most updates a class sends only add new keyed entries (a comment, a highlight, a +1). For those a kind
// may offer a quick judgement (Judge.acceptsNewEntries) on the decoded update, without applying it: the
// guard establishes that it adds only fresh items in order (no deletes, no gaps, nothing already known),
// each a new key of a root map or a plain field of a map this same update adds, and the kind judges the
// entries with the same rules as its inspector. An accepted update then waits in a queue, and the shadow
// catches up with the queue in one Yjs transaction (every CATCH_UP_AT updates, or before anything else
// touches the shadow). Anything else, or anything the quick judgement does not accept, takes the full
// check above, which gives the refusal its reason. Measured with `npm run bench:load` (a class posting
// comments): the check's main-thread time about halved (README, "The quick path").
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

/** One keyed entry an update adds to a root map, decoded and not applied. */
export interface NewEntry {
  root: string;
  key: string;
  item: Y.Item;
  /** When the entry is a map: its fields, each the item holding its value, in the update's order. */
  fields: Array<[string, Y.Item]> | null;
}

/** What a quick judgement may look at besides the new entries. */
export interface EntryView {
  /** The shadow, without what waits in the queue. */
  doc: Y.Doc;
  /** An entry accepted quickly that waits in the queue (the shadow does not hold it yet). */
  queued(root: string, key: string): NewEntry | undefined;
  /** How many keys a root map holds once the queue is applied (before this update). */
  size(root: string): number;
}

/** How a kind judges updates: the full inspector, and optionally a quick judgement of new entries. */
export interface Judge {
  inspect: Inspector;
  /**
   * Judges an update that only adds new keyed entries, without applying it. Returns true only when
   * `inspect` would accept the update; false sends it to the full check (which gives the reason).
   */
  acceptsNewEntries?: (entries: NewEntry[], view: EntryView) => boolean;
}

/** Updates accepted quickly that the shadow applies together, in one transaction. */
export const CATCH_UP_AT = 32;

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
  /** Updates accepted on the quick path, not yet applied to the shadow, with the clocks and keys they add. */
  private queue: Uint8Array[] = [];
  private readonly queuedClocks = new Map<number, number>();
  private readonly queuedEntries = new Map<string, Map<string, NewEntry>>();
  /** Updates accepted without applying them first (tests show the quick path is taken). */
  quickAccepts = 0;

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
    this.catchUp();
    return this.shadow;
  }

  /** Judges `update` (quickly, or by applying it to the shadow); a refusal or error leaves the shadow as the live document is. */
  check(update: Uint8Array, judge: Inspector | Judge, writerId?: string): CheckResult {
    if (update.byteLength > this.limits.maxUpdateBytes) {
      return { ok: false, reason: `That change is too large (over ${Math.round(this.limits.maxUpdateBytes / 1024)} KiB).` };
    }
    if (this.bytes + update.byteLength > this.limits.maxDocumentBytes) {
      return { ok: false, reason: "This document has reached its size limit; nothing more can be added." };
    }
    const { inspect, acceptsNewEntries } = typeof judge === "function" ? { inspect: judge, acceptsNewEntries: undefined } : judge;
    if (acceptsNewEntries && this.acceptQuickly(update, acceptsNewEntries, writerId)) return { ok: true, changed: true };
    this.catchUp();
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

  /**
   * The quick path: true when `update` only adds fresh keyed entries (see the file's comment) and the
   * kind accepts them; the update is then queued for the shadow. False leaves everything as it was.
   */
  private acceptQuickly(update: Uint8Array, accepts: NonNullable<Judge["acceptsNewEntries"]>, writerId: string | undefined): boolean {
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(update);
    } catch {
      return false;
    }
    if (decoded.ds.clients.size > 0 || decoded.structs.length === 0) return false;
    const ends = new Map<number, number>();
    const entries: NewEntry[] = [];
    const maps = new Map<string, NewEntry>();
    const keys = new Set<string>();
    for (const struct of decoded.structs) {
      if (!(struct instanceof Y.Item) || struct.origin !== null || struct.rightOrigin !== null || struct.parentSub === null) return false;
      const { client, clock } = struct.id;
      // Exactly the next clocks of each client: nothing the server has, nothing missing before it.
      if (clock !== (ends.get(client) ?? this.nextClock(client))) return false;
      ends.set(client, clock + struct.length);
      const parent: unknown = struct.parent;
      if (typeof parent === "string") {
        const root = this.shadow.share.get(parent);
        const id = `${parent}\u0000${struct.parentSub}`;
        if (!root || root._map.has(struct.parentSub) || this.queuedEntries.get(parent)?.has(struct.parentSub) || keys.has(id)) return false;
        keys.add(id);
        const isMap = struct.content instanceof Y.ContentType && struct.content.type instanceof Y.Map;
        const entry: NewEntry = { root: parent, key: struct.parentSub, item: struct, fields: isMap ? [] : null };
        entries.push(entry);
        if (isMap) maps.set(`${client}:${clock}`, entry);
      } else if (parent instanceof Y.ID) {
        // A field of a map added earlier in this update by the same client, once per field name.
        const entry = parent.client === client ? maps.get(`${parent.client}:${parent.clock}`) : undefined;
        if (!entry || entry.fields!.some(([name]) => name === struct.parentSub)) return false;
        entry.fields!.push([struct.parentSub, struct]);
      } else {
        return false;
      }
    }
    if (writerId !== undefined) {
      for (const client of ends.keys()) {
        const owner = this.writers.get(client);
        if (owner !== undefined && owner !== writerId) return false;
      }
    }
    const view: EntryView = {
      doc: this.shadow,
      queued: (root, key) => this.queuedEntries.get(root)?.get(key),
      size: (root) => (this.shadow.share.get(root)?._map.size ?? 0) + (this.queuedEntries.get(root)?.size ?? 0),
    };
    try {
      if (!accepts(entries, view)) return false;
    } catch {
      return false;
    }
    this.queue.push(update);
    this.bytes += update.byteLength;
    this.quickAccepts++;
    for (const [client, end] of ends) {
      this.queuedClocks.set(client, end);
      if (writerId !== undefined) this.writers.set(client, writerId);
    }
    for (const entry of entries) {
      let queued = this.queuedEntries.get(entry.root);
      if (!queued) this.queuedEntries.set(entry.root, (queued = new Map()));
      queued.set(entry.key, entry);
    }
    if (this.queue.length >= CATCH_UP_AT) this.catchUp();
    return true;
  }

  /** The next clock of `client` the server expects: after the shadow's, and after what waits in the queue. */
  private nextClock(client: number): number {
    return this.queuedClocks.get(client) ?? Y.getState(this.shadow.store, client);
  }

  /** Applies the queued updates to the shadow, all in one transaction. */
  private catchUp(): void {
    if (this.queue.length === 0) return;
    const queue = this.queue;
    this.queue = [];
    this.queuedClocks.clear();
    this.queuedEntries.clear();
    try {
      Y.transact(this.shadow, () => {
        for (const update of queue) Y.applyUpdate(this.shadow, update);
      }, "catch-up");
    } catch {
      // Not expected (each was judged applicable); the live document holds them all.
      this.repair();
    }
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
    this.catchUp();
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

  /**
   * Rebuilds the shadow from the live document: the one O(document) step, taken only after a refusal.
   * Updates accepted and still on their way to the live document are applied again (from the queue).
   */
  repair(): void {
    this.shadow.destroy();
    this.shadow = new Y.Doc({ gc: this.source.gc });
    this.prepare(this.shadow);
    const state = Y.encodeStateAsUpdate(this.source);
    Y.applyUpdate(this.shadow, state);
    this.bytes = state.byteLength;
    const queue = this.queue;
    this.queue = [];
    this.queuedClocks.clear();
    this.queuedEntries.clear();
    for (const update of queue) {
      try {
        Y.applyUpdate(this.shadow, update);
        this.bytes += update.byteLength;
      } catch {
        // Already judged applicable; whatever fails here is not in the live document either.
      }
    }
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
