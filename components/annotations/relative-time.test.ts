import { describe, expect, it } from "vitest";
import { absoluteTime, isoTime, relativeTime } from "./relative-time";

const NOW = Date.UTC(2025, 4, 20, 12, 0, 0);
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

describe("relativeTime", () => {
  it.each<[string, number, string]>([
    ["moments ago", 10_000, "just now"],
    ["slightly in the future", -30_000, "just now"],
    ["under a minute", 50_000, "1 min. ago"],
    ["minutes", 5 * minute, "5 min. ago"],
    ["hours", 3 * hour + 20 * minute, "3 hr. ago"],
    ["yesterday", day + hour, "yesterday"],
    ["days", 3 * day, "3 days ago"],
    ["weeks", 15 * day, "2 wk. ago"],
    ["months", 70 * day, "2 mo. ago"],
    ["years", 800 * day, "2 yr. ago"],
  ])("%s", (_name, age, expected) => {
    expect(relativeTime(NOW - age, NOW)).toBe(expected);
  });
});

describe("times that stored data may hold", () => {
  it.each<[string, unknown]>([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["beyond what a Date holds", 8.64e15 + 1],
    ["far in the past", -8.64e15 - 1],
    ["a BigInt", 10n],
    ["a string", "yesterday"],
    ["undefined", undefined],
  ])("%s never throws and reads as unknown", (_name, then) => {
    expect(relativeTime(then as number, NOW)).toBe("at an unknown time");
    expect(absoluteTime(then as number)).toBe("an unknown time");
    expect(isoTime(then as number)).toBeUndefined();
  });

  it("a date years ahead shows the date it claims, not 'just now'", () => {
    const then = Date.UTC(2400, 0, 2, 12, 0, 0);
    expect(relativeTime(then, NOW)).toBe(absoluteTime(then));
    expect(relativeTime(then, NOW)).toContain("2400");
    expect(isoTime(then)).toBe("2400-01-02T12:00:00.000Z");
  });

  it("a negative timestamp inside a Date's range still formats", () => {
    expect(isoTime(-86_400_000)).toBe("1969-12-31T00:00:00.000Z");
    expect(relativeTime(-86_400_000, NOW)).toBe("55 yr. ago");
  });
});
