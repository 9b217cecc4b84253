// When a document's next compaction job runs: after a quiet spell, spaced by what its last job cost so
// that one big document's background work stays a small share of the machine, and never later than
// the bound after the first update it waits for.
import { describe, expect, it } from "vitest";
import { compactionDelay } from "./persistence.ts";

describe("compactionDelay", () => {
  const base = { quiet: 1000, most: 10_000, firstAt: 0, now: 0, lastCostMs: 0 };
  it.each([
    ["a document never compacted waits the quiet spell", {}, 1000],
    ["a cheap last job changes nothing", { lastCostMs: 40 }, 1000],
    ["a costly last job spaces the next by ten times its cost", { lastCostMs: 300 }, 3000],
    ["the spacing never passes the bound after the first waiting update", { lastCostMs: 5000, now: 4000 }, 6000],
    ["a bound already passed means now", { now: 12_000 }, 0],
    ["the quiet spell is also held to the bound", { quiet: 1000, now: 9500 }, 500],
  ])("%s", (_, input, expected) => {
    expect(compactionDelay({ ...base, ...input })).toBe(expected);
  });
});
