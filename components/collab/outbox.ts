// The pieces of the client's outbox (local changes the server may not have yet) that need Yjs
// internals: which items an update adds and deletes, whether the server's state covers it, whether
// it can still apply without a change that was refused, and what the server says during a sync.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { z } from "zod/mini";

/** [client, clock, length]: a run of items, as the server's refusal names them. */
export type ItemRange = [number, number, number];

export interface Refusal {
  reason: string;
  /** Items the refused update would have added (empty when the server did not say). */
  structs: ItemRange[];
  /** Items it would have deleted. */
  deletes: ItemRange[];
}

const rangeSchema = z.tuple([z.number().check(z.int(), z.nonnegative()), z.number().check(z.int(), z.nonnegative()), z.number().check(z.int(), z.positive())]);
const rangesSchema = z.catch(z.optional(z.array(rangeSchema).check(z.maxLength(1000))), undefined);
const refusalSchema = z.object({ type: z.literal("refused"), reason: z.string(), structs: rangesSchema, deletes: rangesSchema });

/** A `{"type":"refused",...}` stateless message, or null for any other message. Malformed ranges count as none. */
export function parseRefusal(payload: string): Refusal | null {
  let data: unknown;
  try {
    data = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = refusalSchema.safeParse(data);
  if (!parsed.success) return null;
  const reason = parsed.data.reason.trim().slice(0, 500) || "the server refused it.";
  return { reason, structs: parsed.data.structs ?? [], deletes: parsed.data.deletes ?? [] };
}

/** The item ranges an update adds and deletes. */
export function updateRanges(update: Uint8Array): { structs: ItemRange[]; deletes: ItemRange[] } {
  const { from, to } = Y.parseUpdateMeta(update);
  const structs: ItemRange[] = [];
  for (const [client, start] of from) {
    const end = to.get(client) ?? start;
    if (end > start) structs.push([client, start, end - start]);
  }
  const deletes: ItemRange[] = [];
  for (const [client, items] of Y.decodeUpdate(update).ds.clients) for (const item of items) deletes.push([client, item.clock, item.len]);
  return { structs, deletes };
}

function intersects(a: readonly ItemRange[], b: readonly ItemRange[]): boolean {
  return a.some(([client, clock, length]) => b.some(([otherClient, otherClock, otherLength]) => client === otherClient && clock < otherClock + otherLength && otherClock < clock + length));
}

/** Whether the refused update shares any item with this local update. */
export function touchesRefusal(update: Uint8Array, refusal: Refusal): boolean {
  const ranges = updateRanges(update);
  return intersects(ranges.structs, refusal.structs) || intersects(ranges.deletes, refusal.deletes);
}

/** What the server holds, as its sync messages tell it: its state vector and its delete set. */
export interface ServerState {
  stateVector: Map<number, number>;
  deleteSet: ReturnType<typeof Y.decodeUpdate>["ds"];
}

/** Whether everything `update` adds and deletes is in the server's state. */
export function coveredBy(update: Uint8Array, server: ServerState): boolean {
  return Y.snapshotContainsUpdate(Y.createSnapshot(server.deleteSet, server.stateVector), update);
}

/**
 * Whether `update` integrates fully into `doc`: false when it builds on items the document does not
 * have (a refused change it depended on), which Yjs would otherwise keep pending and re-send forever.
 * Read off the update's own references (what Yjs checks when it integrates), not by applying it to
 * a copy of the document: replaying a long outbox on a large draft must not copy the draft per entry.
 */
export function appliesCleanly(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    const { from, to } = Y.parseUpdateMeta(update);
    const has = new Map<number, number>();
    const known = (client: number) => has.get(client) ?? Y.getState(doc.store, client);
    // Each client's items must continue where the document's end (no gap a refused change would fill).
    for (const [client, start] of from) {
      const current = Y.getState(doc.store, client);
      if (start > current) return false;
      has.set(client, Math.max(current, to.get(client) ?? current));
    }
    const exists = (id: Y.ID | null) => id === null || id.clock < known(id.client);
    const { structs, ds } = Y.decodeUpdate(update);
    for (const struct of structs) {
      if (struct instanceof Y.Skip) return false;
      if (!(struct instanceof Y.Item)) continue;
      if (!exists(struct.origin) || !exists(struct.rightOrigin)) return false;
      if (struct.parent instanceof Y.ID && !exists(struct.parent)) return false;
    }
    for (const [client, items] of ds.clients) for (const item of items) if (item.clock + item.len > known(client)) return false;
    return true;
  } catch {
    return false;
  }
}

const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;

/** The server's sync step 1 (its state vector) or step 2 (what we lacked, with its whole delete set); null for anything else. */
export function readServerSync(data: Uint8Array): { step: 1; stateVector: Map<number, number> } | { step: 2; update: Uint8Array } | null {
  try {
    const decoder = decoding.createDecoder(data);
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return null;
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (step === SYNC_STEP_1) return { step: 1, stateVector: Y.decodeStateVector(payload) };
    if (step === SYNC_STEP_2) return { step: 2, update: payload };
    return null;
  } catch {
    return null;
  }
}

/** A fresh Yjs client id (what Yjs itself uses: a random unsigned 32-bit number). */
export function newClientId(): number {
  const value = new Uint32Array(1);
  globalThis.crypto.getRandomValues(value);
  return value[0]!;
}

/** The outbox as one buffer, for the key-value store beside the offline copy. */
export function encodeOutbox(updates: readonly Uint8Array[]): ArrayBuffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, updates.length);
  for (const update of updates) encoding.writeVarUint8Array(encoder, update);
  const bytes = encoding.toUint8Array(encoder);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** What encodeOutbox wrote; [] for nothing or anything unreadable (a copy from an older version). */
export function decodeOutbox(saved: unknown): Uint8Array[] {
  if (!(saved instanceof ArrayBuffer) && !(saved instanceof Uint8Array)) return [];
  try {
    const decoder = decoding.createDecoder(saved instanceof Uint8Array ? saved : new Uint8Array(saved));
    const count = decoding.readVarUint(decoder);
    const updates: Uint8Array[] = [];
    for (let index = 0; index < count; index++) updates.push(decoding.readVarUint8Array(decoder));
    return updates;
  } catch {
    return [];
  }
}
