// When a document's next compaction job runs: after a quiet spell, spaced by what its last job cost so
// that one big document's background work stays a small share of the machine, and never later than
// the document's bound after the first update it waits for; and jobs take their turns one at a time.
import { describe, expect, it } from "vitest";
import { compactionDelay, JobQueue, spreadOf } from "./persistence.ts";

describe("compactionDelay", () => {
  const base = { quiet: 1000, most: 10_000, firstAt: 0, now: 0, lastCostMs: 0 };
  it.each([
    ["a document never compacted waits the quiet spell", {}, 1000],
    ["a cheap last job changes nothing", { lastCostMs: 40 }, 1000],
    ["a costly last job spaces the next by ten times its cost", { lastCostMs: 300 }, 3000],
    ["the spacing never passes the bound after the first waiting update", { lastCostMs: 5000, now: 4000 }, 6000],
    ["a bound already passed means now", { now: 12_000 }, 0],
    ["the quiet spell is also held to the bound", { quiet: 1000, now: 9500 }, 500],
    ["a spread of 0 keeps the whole bound", { lastCostMs: 5000, spread: 0 }, 10_000],
    ["a spread of 0.5 takes an eighth off the bound", { lastCostMs: 5000, spread: 0.5 }, 8750],
    ["a spread near 1 takes nearly a quarter off", { lastCostMs: 5000, spread: 0.999 }, 7502.5],
    ["the spread moves the bound, not the quiet spell", { spread: 1 }, 1000],
  ])("%s", (_, input, expected) => {
    expect(compactionDelay({ ...base, ...input })).toBeCloseTo(expected, 6);
  });
});

describe("spreadOf", () => {
  it("gives each name the same number every time, from 0 up to 1", () => {
    for (const name of ["reading:a", "reading:b", "draft:c", ""]) {
      expect(spreadOf(name)).toBe(spreadOf(name));
      expect(spreadOf(name)).toBeGreaterThanOrEqual(0);
      expect(spreadOf(name)).toBeLessThan(1);
    }
  });

  it("spreads readings that differ by one character over the range", () => {
    const spreads = Array.from({ length: 64 }, (_, index) => spreadOf(`reading:cmreading${index}`));
    // Eight equal bins: a hash that ignored the last characters would put them all in one.
    const bins = new Set(spreads.map((spread) => Math.floor(spread * 8)));
    expect(bins.size).toBeGreaterThanOrEqual(6);
  });
});

describe("JobQueue", () => {
  it("lets one job run at a time, in the order they asked", async () => {
    const queue = new JobQueue();
    const log: string[] = [];
    const job = async (name: string, steps: number) => {
      const done = await queue.turn();
      log.push(`${name} starts`);
      for (let step = 0; step < steps; step++) await Promise.resolve();
      log.push(`${name} ends`);
      done();
    };
    await Promise.all([job("a", 5), job("b", 1), job("c", 3)]);
    expect(log).toEqual(["a starts", "a ends", "b starts", "b ends", "c starts", "c ends"]);
  });

  it("gives the next turn at once when nobody waits, and only once the running job is done", async () => {
    const queue = new JobQueue();
    const first = await queue.turn();
    first();
    const second = await queue.turn();
    let thirdStarted = false;
    const third = queue.turn().then((done) => {
      thirdStarted = true;
      return done;
    });
    await Promise.resolve();
    expect(thirdStarted).toBe(false);
    second();
    (await third)();
    expect(thirdStarted).toBe(true);
  });
});
