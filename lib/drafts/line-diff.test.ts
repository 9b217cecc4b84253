import { describe, expect, it } from "vitest";
import { diffLines, type LineDiff } from "./line-diff.ts";

/** A diff as "=a +x -y", or "too different (before/after lines)". */
function render(diff: LineDiff): string {
  if (diff.status === "too-different") return `too different (${diff.beforeLines}/${diff.afterLines})`;
  const symbol = { same: "=", added: "+", removed: "-" } as const;
  return diff.lines.map((line) => `${symbol[line.op]}${line.text}`).join(" ");
}

const numbered = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => `${prefix} ${index}`).join("\n");

describe("diffLines", () => {
  const cases: Array<[string, string, string, string]> = [
    ["no change", "a\nb\n", "a\nb\n", "=a =b"],
    ["added line", "a\nb\n", "a\nx\nb\n", "=a +x =b"],
    ["removed line", "a\nx\nb\n", "a\nb\n", "=a -x =b"],
    ["changed line", "a\nold\nb\n", "a\nnew\nb\n", "=a -old +new =b"],
    ["blank lines are lines", "a\n\nb\n", "a\nb\n", "=a - =b"],
    ["from empty", "", "a\n", "+a"],
    ["to empty", "a\n", "", "-a"],
    ["no final line break", "a\nb", "a\nc", "=a -b +c"],
  ];
  it.each(cases)("%s", (_name, before, after, expected) => {
    expect(render(diffLines({ before, after }))).toBe(expected);
  });

  it("shows a few edits in a long text line by line", () => {
    const before = numbered(20_000, "line");
    const after = before.replace("line 100\n", "line 100 edited\n").replace("line 15000\n", "");
    const diff = diffLines({ before, after });
    expect(diff.status).toBe("lines");
    const changed = diff.status === "lines" ? diff.lines.filter((line) => line.op !== "same") : [];
    expect(changed).toEqual([
      { op: "removed", text: "line 100" },
      { op: "added", text: "line 100 edited" },
      { op: "removed", text: "line 15000" },
    ]);
  });

  it("gives up on texts more different than the bound, saying how long each is", () => {
    expect(render(diffLines({ before: numbered(30, "old"), after: numbered(20, "new"), maxEditedLines: 49 }))).toBe("too different (30/20)");
  });

  it("shows a change exactly at the bound", () => {
    expect(diffLines({ before: numbered(30, "old"), after: numbered(20, "new"), maxEditedLines: 50 }).status).toBe("lines");
  });

  it("gives up on two long, completely different texts with the default bound", () => {
    expect(render(diffLines({ before: numbered(20_000, "old"), after: numbered(20_000, "new") }))).toBe("too different (20000/20000)");
  });
});
