// "5 min ago" for comment timestamps; the exact time goes in the <time> element's title.
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600_000],
  ["month", 30 * 24 * 3600_000],
  ["week", 7 * 24 * 3600_000],
  ["day", 24 * 3600_000],
  ["hour", 3600_000],
  ["minute", 60_000],
];

const format = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });

/** Whether `then` is a time a Date can hold; stored data may hold anything (NaN, BigInt, 1e300). */
function valid(then: unknown): then is number {
  return typeof then === "number" && Number.isFinite(then) && Math.abs(then) <= 8.64e15;
}

export function relativeTime(then: number, now: number): string {
  if (!valid(then) || !valid(now)) return "at an unknown time";
  const elapsed = now - then;
  // Far ahead of every clock is not "just now": show the date it claims.
  if (elapsed < -UNITS[3]![1]) return absoluteTime(then);
  // Clocks disagree a little between machines; a comment "from the future" is just new.
  if (elapsed < 45_000) return "just now";
  for (const [unit, size] of UNITS) {
    if (elapsed >= size) return format.format(-Math.floor(elapsed / size), unit);
  }
  return format.format(-1, "minute");
}

export function absoluteTime(then: number): string {
  if (!valid(then)) return "an unknown time";
  return new Date(then).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

/** The value for a <time dateTime> attribute, or undefined when `then` is no time at all. */
export function isoTime(then: number): string | undefined {
  return valid(then) ? new Date(then).toISOString() : undefined;
}
