import { describe, expect, it } from "vitest";
import { relativeTime } from "./relative-time";

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
