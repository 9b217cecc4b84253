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

export function relativeTime(then: number, now: number): string {
  const elapsed = now - then;
  // Clocks disagree a little between machines; a comment "from the future" is just new.
  if (elapsed < 45_000) return "just now";
  for (const [unit, size] of UNITS) {
    if (elapsed >= size) return format.format(-Math.floor(elapsed / size), unit);
  }
  return format.format(-1, "minute");
}

export function absoluteTime(then: number): string {
  return new Date(then).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}
