import { describe, expect, it } from "vitest";
import { diffLines } from "./line-diff.ts";

describe("diffLines", () => {
  const cases: Array<[string, string, string, string]> = [
    ["no change", "a\nb", "a\nb", "=a =b"],
    ["added line", "a\nb", "a\nx\nb", "=a +x =b"],
    ["removed line", "a\nx\nb", "a\nb", "=a -x =b"],
    ["changed line", "a\nold\nb", "a\nnew\nb", "=a -old +new =b"],
    ["from empty", "", "a", "-  +a"],
  ];
  it.each(cases)("%s", (_name, before, after, expected) => {
    const symbol = { same: "=", added: "+", removed: "-" } as const;
    expect(diffLines(before, after).map((line) => `${symbol[line.op]}${line.text}`).join(" ")).toBe(expected.replace("-  ", "- "));
  });
});
