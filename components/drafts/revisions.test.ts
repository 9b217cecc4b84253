import { describe, expect, it } from "vitest";
import { changesSummary, diffRows, diffSummary, revisionAuthor, revisionDetailSchema, revisionListSchema, revisionTitle, sortRevisions, type DiffLine } from "./revisions";

const same = (text: string): DiffLine => ({ op: "same", text });
const added = (text: string): DiffLine => ({ op: "added", text });
const removed = (text: string): DiffLine => ({ op: "removed", text });

/** Rows as short strings: "+a", "-b", " c", "…3". */
const render = (diff: DiffLine[], context?: number) => diffRows(diff, context).map((row) => (row.kind === "gap" ? `…${row.count}` : `${row.prefix}${row.text}`));

describe("diffRows", () => {
  const lines = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => same(`${prefix}${index + 1}`));
  const cases: Array<{ name: string; diff: DiffLine[]; context?: number; expected: string[] }> = [
    { name: "empty", diff: [], expected: [] },
    { name: "one change", diff: [added("new")], expected: ["+new"] },
    { name: "short unchanged run kept", diff: [same("a"), added("b"), same("c")], expected: [" a", "+b", " c"] },
    { name: "nothing changed folds entirely", diff: lines("s", 4), expected: ["…4"] },
    { name: "leading run folds to context", diff: [...lines("s", 6), removed("x")], expected: ["…4", " s5", " s6", "-x"] },
    { name: "trailing run folds to context", diff: [added("x"), ...lines("s", 6)], expected: ["+x", " s1", " s2", "…4"] },
    {
      name: "middle run keeps context both sides",
      diff: [added("x"), ...lines("s", 8), removed("y")],
      expected: ["+x", " s1", " s2", "…4", " s7", " s8", "-y"],
    },
    { name: "middle run of exactly 2×context+1 is kept", diff: [added("x"), ...lines("s", 5), added("y")], expected: ["+x", " s1", " s2", " s3", " s4", " s5", "+y"] },
    { name: "context 0", diff: [added("x"), ...lines("s", 3), added("y")], context: 0, expected: ["+x", "…3", "+y"] },
  ];
  it.each(cases)("$name", ({ diff, context, expected }) => {
    expect(render(diff, context)).toEqual(expected);
  });

  it.each([
    [added("Intro"), "Added: Intro"],
    [removed("Old"), "Removed: Old"],
    [same("Kept"), "Unchanged: Kept"],
    [added(""), "Added: blank line"],
  ])("labels %j as %s", (entry, label) => {
    expect(diffRows([entry])[0]).toMatchObject({ kind: "line", label });
  });

  it("gives every row a distinct key", () => {
    const rows = diffRows([added("x"), ...lines("s", 20), removed("y"), ...lines("t", 20)]);
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
  });
});

describe("diffSummary", () => {
  it.each([
    [[], "No changes since this revision."],
    [[same("a")], "No changes since this revision."],
    [[added("a")], "1 line added since this revision."],
    [[added("a"), added("b"), removed("c")], "2 lines added, 1 line removed since this revision."],
    [[removed("c"), removed("d")], "2 lines removed since this revision."],
  ])("%j -> %s", (diff, expected) => {
    expect(diffSummary(diff)).toBe(expected);
  });
});

describe("changesSummary", () => {
  it.each([
    [{ status: "lines", lines: [added("a")] }, "1 line added since this revision."],
    [{ status: "lines", lines: [] }, "No changes since this revision."],
    [{ status: "too-different", beforeLines: 12000, afterLines: 1 }, "Too different to show line by line: this revision has 12,000 lines, the current draft 1 line. The revision itself is shown above."],
    [{ status: "unavailable" }, "The changes since this revision cannot be shown."],
  ] as const)("%j -> %s", (diff, expected) => {
    expect(changesSummary(diff as Parameters<typeof changesSummary>[0])).toBe(expected);
  });
});

describe("revision rows", () => {
  it.each([
    [{ name: "Before the seminar", auto: false }, "Before the seminar"],
    [{ name: "  ", auto: false }, "Unnamed revision"],
    [{ name: null, auto: true }, "Automatic save"],
    [{ name: "Checkpoint", auto: true }, "Checkpoint"],
  ])("title of %j is %s", (revision, expected) => {
    expect(revisionTitle(revision)).toBe(expected);
  });

  it.each([
    [{ auto: true, createdByName: "Ada" }, "Automatic"],
    [{ auto: false, createdByName: "Ada" }, "Ada"],
    [{ auto: false, createdByName: null }, "A former member"],
  ])("author of %j is %s", (revision, expected) => {
    expect(revisionAuthor(revision)).toBe(expected);
  });

  it("sorts newest first and keeps the server's order for ties", () => {
    const row = (id: string, createdAt: string) => ({ id, name: null, auto: false, createdAt, createdByName: null });
    const sorted = sortRevisions([row("old", "2025-01-01T00:00:00Z"), row("new", "2025-03-01T00:00:00Z"), row("tie1", "2025-02-01T00:00:00Z"), row("tie2", "2025-02-01T00:00:00Z")]);
    expect(sorted.map((revision) => revision.id)).toEqual(["new", "tie1", "tie2", "old"]);
  });
});

describe("schemas", () => {
  it("parse the documented shapes", () => {
    expect(revisionListSchema.parse({ revisions: [{ id: "r1", name: null, auto: true, createdAt: "2025-01-01T00:00:00Z", createdByName: null }] }).revisions).toHaveLength(1);
    const detail = revisionDetailSchema.parse({ id: "r1", name: "x", auto: false, createdAt: "2025-01-01T00:00:00Z", json: { type: "doc" }, markdown: "# x", diff: { status: "lines", lines: [{ op: "added", text: "y" }] } });
    expect(detail.diff).toEqual({ status: "lines", lines: [{ op: "added", text: "y" }] });
    const tooDifferent = revisionDetailSchema.parse({ id: "r1", createdAt: "2025-01-01T00:00:00Z", json: {}, diff: { status: "too-different", beforeLines: 3, afterLines: 4 } });
    expect(tooDifferent.diff).toEqual({ status: "too-different", beforeLines: 3, afterLines: 4 });
  });

  it.each([
    ["an unknown status", { status: "moved" }],
    ["a malformed line", { status: "lines", lines: [{ op: "moved", text: 1 }] }],
    ["negative counts", { status: "too-different", beforeLines: -1, afterLines: 2 }],
    ["the old bare array", [{ op: "added", text: "y" }]],
    ["no diff at all", undefined],
  ])("reads %s as unavailable rather than failing the whole revision", (_name, diff) => {
    const detail = revisionDetailSchema.parse({ id: "r1", createdAt: "2025-01-01T00:00:00Z", json: {}, diff });
    expect(detail).toMatchObject({ name: null, auto: false, markdown: "", diff: { status: "unavailable" } });
  });
});
