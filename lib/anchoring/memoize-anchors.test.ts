import { describe, expect, it } from "vitest";
import { offsetOf, QLORA } from "./abstracts.fixture.ts";
import { anchorTarget } from "./anchor.ts";
import { describeTextRange } from "./describe.ts";
import { memoizeAnchors, type AnchorSubject } from "./memoize-anchors.ts";
import type { TextTarget } from "./selectors.ts";

function subject(id: string, passage: string): AnchorSubject {
  const start = offsetOf(QLORA, passage);
  return { id, target: describeTextRange(QLORA, start, start + passage.length) };
}

/** A memo over the real anchorTarget that records which targets it actually anchored. */
function counted() {
  const anchored: string[] = [];
  const anchorAll = memoizeAnchors({
    anchor: (text, target) => {
      anchored.push(target.exact);
      return anchorTarget(text, target);
    },
  });
  return { anchored, anchorAll };
}

const subjects = [subject("h-one", "single 48GB GPU"), subject("h-two", "Low Rank Adapters"), subject("h-three", "QLoRA backpropagates")];
/** The same highlights as a live update reads them: equal fields, new objects. */
const reread = (list: readonly AnchorSubject[]) => list.map(({ id, target }) => ({ id, target: { ...target } }));

describe("memoizeAnchors", () => {
  it("anchors every highlight once, with anchorTarget's answers", () => {
    const { anchored, anchorAll } = counted();
    const results = anchorAll(QLORA, subjects);
    expect(anchored).toHaveLength(3);
    for (const { id, target } of subjects) expect(results.get(id)).toEqual(anchorTarget(QLORA, target));
  });

  it("re-anchors nothing, and returns the same Map, after an update that changed neither the text nor a target", () => {
    const { anchored, anchorAll } = counted();
    const first = anchorAll(QLORA, subjects);
    const second = anchorAll(QLORA.slice(0), reread(subjects));
    expect(anchored).toHaveLength(3);
    expect(second).toBe(first);
  });

  it("anchors only a highlight that was added, and keeps the others' results", () => {
    const { anchored, anchorAll } = counted();
    const first = anchorAll(QLORA, subjects);
    const added = subject("h-four", "65B parameter model");
    const second = anchorAll(QLORA, [...reread(subjects), added]);
    expect(anchored).toEqual([...subjects.map(({ target }) => target.exact), "65B parameter model"]);
    expect(second).not.toBe(first);
    expect(second.get("h-one")).toBe(first.get("h-one"));
    expect(second.get("h-four")).toEqual(anchorTarget(QLORA, added.target));
  });

  it("drops a highlight that was removed, and a new Map says so", () => {
    const { anchored, anchorAll } = counted();
    const first = anchorAll(QLORA, subjects);
    const second = anchorAll(QLORA, subjects.slice(1));
    expect(anchored).toHaveLength(3);
    expect(second).not.toBe(first);
    expect([...second.keys()]).toEqual(["h-two", "h-three"]);
  });

  it.each<[string, (target: TextTarget) => TextTarget]>([
    ["its quote", (target) => ({ ...target, exact: "single 48GB GPUs" })],
    ["its prefix", (target) => ({ ...target, prefix: target.prefix.slice(1) })],
    ["its suffix", (target) => ({ ...target, suffix: `${target.suffix}!` })],
    ["its position", (target) => ({ ...target, start: target.start + 1, end: target.end + 1 })],
  ])("re-anchors a highlight whose target changed in %s, and only that one", (_name, change) => {
    const { anchored, anchorAll } = counted();
    anchorAll(QLORA, subjects);
    const edited = reread(subjects).map((item) => (item.id === "h-one" ? { ...item, target: change(item.target) } : item));
    const results = anchorAll(QLORA, edited);
    expect(anchored).toHaveLength(4);
    expect(results.get("h-one")).toEqual(anchorTarget(QLORA, edited[0]!.target));
  });

  it("re-anchors everything once when the text changes, and moves the highlights with it", () => {
    const { anchored, anchorAll } = counted();
    anchorAll(QLORA, subjects);
    const corrected = `Abstract. ${QLORA}`;
    const results = anchorAll(corrected, reread(subjects));
    anchorAll(corrected, reread(subjects));
    expect(anchored).toHaveLength(6);
    expect(results.get("h-two")).toEqual({ status: "moved", start: offsetOf(corrected, "Low Rank Adapters"), end: offsetOf(corrected, "Low Rank Adapters") + 17 });
  });

  it("tolerates malformed targets from other clients", () => {
    const anchorAll = memoizeAnchors();
    const malformed = [{ id: "h-bad", target: null as unknown as TextTarget }, { id: "h-nan", target: { ...subjects[0]!.target, start: Number.NaN } }];
    const results = anchorAll(QLORA, malformed);
    expect(results.get("h-bad")).toEqual({ status: "detached" });
    expect(results.get("h-nan")).toMatchObject({ status: "moved" });
  });
});
