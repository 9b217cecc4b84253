// Server rendering of "Changes since": the changed lines, or the "too different" state in their place.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChangesSince } from "./revision-viewer";
import type { RevisionDiff } from "./revisions";

const render = (diff: RevisionDiff) => renderToStaticMarkup(<ChangesSince revision={{ diff }} />);

describe("ChangesSince", () => {
  it("lists the changed lines with their signs", () => {
    const markup = render({ status: "lines", lines: [{ op: "same", text: "kept" }, { op: "removed", text: "old" }, { op: "added", text: "new" }] });
    expect(markup).toContain("1 line added, 1 line removed since this revision.");
    expect(markup).toContain('aria-label="Removed: old" data-op="removed"');
    expect(markup).toContain('aria-label="Added: new" data-op="added"');
    expect(markup).not.toContain("data-diff-status");
  });

  it("says the revision is too different, with no lines", () => {
    const markup = render({ status: "too-different", beforeLines: 20000, afterLines: 18500 });
    expect(markup).toContain('data-diff-status="too-different"');
    expect(markup).toContain("Too different to show line by line: this revision has 20,000 lines, the current draft 18,500 lines.");
    expect(markup).not.toContain("data-op");
    expect(markup).not.toContain("<ol");
  });

  it("says when the changes cannot be shown", () => {
    expect(render({ status: "unavailable" })).toContain("The changes since this revision cannot be shown.");
  });
});
