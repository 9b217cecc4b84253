import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { anchorTarget, describeTextRange, type AnchorResult } from "@/lib/anchoring";
import type { Highlight } from "@/lib/collab/reading-doc";
import { AnnotatedAbstract, pickHighlight } from "./annotated-abstract";

const ABSTRACT = "We present QLoRA, an efficient finetuning approach.\n\nIt reduces memory usage enough to finetune a 65B model.";

function highlight(id: string, passage: string, text = ABSTRACT, createdAt = 1): Highlight {
  const start = text.indexOf(passage);
  return { id, authorId: "u-alice", kind: "note", createdAt, target: describeTextRange(text, start, start + passage.length) };
}

function draw(highlights: Highlight[], text = ABSTRACT) {
  const anchors = new Map<string, AnchorResult>(highlights.map((entry) => [entry.id, anchorTarget(text, entry.target)]));
  const markup = renderToStaticMarkup(<AnnotatedAbstract abstract={text} highlights={highlights} anchors={anchors} members={[]} onOpenHighlight={() => undefined} />);
  const marks = [...markup.matchAll(/<mark[^>]*data-highlight-ids="([^"]*)"[^>]*>([^<]*)<\/mark>/g)].map(([, ids, inner]) => [inner, ids]);
  return { markup, marks, anchors };
}

describe("AnnotatedAbstract", () => {
  it("draws each anchored highlight as marks over its passage, overlaps as stacked segments, paragraph by paragraph", () => {
    const { marks, markup } = draw([highlight("h-qlora", "QLoRA, an efficient"), highlight("h-efficient", "efficient fine"), highlight("h-memory", "memory usage")]);
    expect(marks).toEqual([
      ["QLoRA, an ", "h-qlora"],
      ["efficient", "h-qlora h-efficient"],
      [" fine", "h-efficient"],
      ["memory usage", "h-memory"],
    ]);
    expect(markup.match(/<p data-start=/g)).toHaveLength(2);
  });

  it("draws a highlight where its text moved to, and none for a detached one", () => {
    const corrected = `Abstract. ${ABSTRACT.replace("an efficient finetuning approach", "a finetuning approach")}`;
    const moved = highlight("h-memory", "memory usage");
    const lost = highlight("h-lost", "an efficient finetuning approach");
    const { marks, anchors } = draw([moved, lost], corrected);
    expect(anchors.get("h-lost")).toEqual({ status: "detached" });
    expect(marks).toEqual([["memory usage", "h-memory"]]);
  });

  it("opens the shortest of the highlights under a click", () => {
    const highlights = [highlight("h-qlora", "QLoRA, an efficient"), highlight("h-efficient", "efficient fine")];
    const { anchors } = draw(highlights);
    expect(pickHighlight(["h-qlora", "h-efficient"], highlights, anchors)).toBe("h-efficient");
    expect(pickHighlight(["h-gone"], highlights, anchors)).toBeNull();
  });
});
