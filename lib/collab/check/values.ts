// Field checks for values stored in live documents, by type and never by JSON image: JSON drops
// `undefined`, throws on BigInt and prints NaN as null, while Yjs carries all of them. A check returns
// null when the value is acceptable and a short reason otherwise.
import * as Y from "yjs";

export type ValueCheck = (value: unknown) => string | null;

/** Entry ids: what newEntryId() makes, and what the readers and projections key rows by. */
export const ENTRY_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** User ids are cuids. */
export const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** How far a new entry's timestamp may lie in the future (client clocks drift) and in the past (offline work). */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;
export const MAX_CLOCK_BEHIND_MS = 14 * 24 * 60 * 60 * 1000;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export const string =
  (options: { min?: number; max: number; pattern?: RegExp }): ValueCheck =>
  (value) => {
    if (typeof value !== "string") return "must be text";
    if (value.length < (options.min ?? 0)) return "is empty";
    if (value.length > options.max) return `is longer than ${options.max.toLocaleString("en-US")} characters`;
    if (options.pattern && !options.pattern.test(value)) return "is not well-formed";
    return null;
  };

export const safeInteger =
  (options: { min: number; max: number }): ValueCheck =>
  (value) => {
    if (typeof value !== "number" || !Number.isSafeInteger(value)) return "must be a whole number";
    if (value < options.min || value > options.max) return "is out of range";
    return null;
  };

export const boolean: ValueCheck = (value) => (typeof value === "boolean" ? null : "must be true or false");

export const literal =
  <T>(expected: T): ValueCheck =>
  (value) =>
    value === expected ? null : `must be ${String(expected)}`;

export const oneOf =
  (allowed: readonly string[]): ValueCheck =>
  (value) =>
    typeof value === "string" && allowed.includes(value) ? null : "is not one of the allowed values";

export const nullable =
  (check: ValueCheck): ValueCheck =>
  (value) =>
    value === null ? null : check(value);

/** A timestamp (ms since the epoch) that is plausible now: not far in the future, not ages ago. */
export const recentTimestamp =
  (now: number): ValueCheck =>
  (value) => {
    if (typeof value !== "number" || !Number.isSafeInteger(value)) return "must be a time";
    if (value > now + MAX_CLOCK_AHEAD_MS) return "lies in the future";
    if (value < now - MAX_CLOCK_BEHIND_MS) return "is too old";
    return null;
  };

/** A plain object with exactly these keys, each checked. */
export const record =
  (shape: Record<string, ValueCheck>): ValueCheck =>
  (value) => {
    if (!isPlainObject(value)) return "must be a plain object";
    const keys = Object.keys(value);
    if (keys.length !== Object.keys(shape).length) return "has unknown or missing fields";
    for (const key of keys) {
      const check = shape[key];
      if (!check) return `has an unknown field "${key.slice(0, 40)}"`;
      const problem = check(value[key]);
      if (problem) return `${key} ${problem}`;
    }
    return null;
  };

/**
 * The one value a map entry's field holds, straight from its Yjs item: a field is exactly one plain
 * value (ContentAny of length 1). Shared types, binary, embeds, sub-documents and multi-value content
 * are refused whatever they contain.
 */
export function fieldValue(item: Y.Item): { ok: true; value: unknown } | { ok: false; reason: string } {
  const content = item.content;
  if (content instanceof Y.ContentAny) {
    if (content.arr.length !== 1) return { ok: false, reason: "holds more than one value" };
    return { ok: true, value: content.arr[0] };
  }
  if (content instanceof Y.ContentType) return { ok: false, reason: "may not hold a shared type" };
  if (content instanceof Y.ContentBinary) return { ok: false, reason: "may not hold binary data" };
  return { ok: false, reason: "holds an unsupported kind of value" };
}
