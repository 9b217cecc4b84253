// Server rendering of the workspace (what the page sends before hydration): no browser globals
// touched, the agreed landmarks and texts present, and the writer/reader differences.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/policies";
import { DraftWorkspace, type DraftKind } from "./draft-workspace";

const actor: Actor = { id: "user1", name: "Alice Moreau", email: "alice@demo.test", role: "STUDENT", teamId: "team2" };
const session = { leadTeamId: "team1", blogTeamId: "team5" };
const draft = (kind: DraftKind) => ({ id: "abcdefghijklmnopqrstu", kind, title: kind === "BLOG_POST" ? "Blog post" : "Lead team's presentation", sessionTitle: "LLM fine tuning", sessionSlug: "llm-fine-tuning" });

function render(kind: DraftKind, canWrite: boolean) {
  return renderToStaticMarkup(<DraftWorkspace draft={draft(kind)} actor={actor} session={session} canWrite={canWrite} members={[]} />);
}

describe("DraftWorkspace (server render)", () => {
  it.each([
    ["BLOG_POST", false, "Read-only: only the blog team and the instructor edit this draft. You can comment on it."],
    ["PRESENTATION", false, "Read-only: only the lead team and the instructor edit this draft. You can comment on it."],
  ] as const)("%s for a reader says who edits", (kind, canWrite, notice) => {
    expect(render(kind, canWrite)).toContain(notice.replace("'", "&#x27;"));
  });

  it.each([
    ["BLOG_POST", "Download Markdown"],
    ["PRESENTATION", "Download slides (Marp)"],
  ] as const)("%s links its export as %s", (kind, label) => {
    const markup = render(kind, true);
    expect(markup).toContain('href="/api/drafts/abcdefghijklmnopqrstu/export"');
    expect(markup).toContain(label);
  });

  it("has the comments and revisions regions and their loading states", () => {
    const markup = render("BLOG_POST", true);
    expect(markup).toContain('aria-label="Draft comments"');
    expect(markup).toContain('aria-label="Revisions"');
    // The threads are a live document: before it arrives the panel says there is nothing yet, in the draft's words.
    expect(markup).toContain("On the whole draft… (@ to mention someone)");
    expect(markup).toContain("No comments yet. Select text in the draft and choose Comment on selection, or comment on the whole draft.");
    expect(markup).toContain("Loading revisions…");
    expect(markup).toContain("Loading the draft…");
    expect(markup).not.toContain("On the whole paper");
  });

  it.each([
    [true, true],
    [false, false],
  ])("canWrite %s -> save-revision form shown: %s", (canWrite, shown) => {
    const markup = render("PRESENTATION", canWrite);
    expect(markup.includes("Save revision")).toBe(shown);
    expect(markup.includes("Read-only:")).toBe(!canWrite);
  });

  it("offers the comment box to readers too", () => {
    const markup = render("PRESENTATION", false);
    expect(markup).toMatch(/<label[^>]*>Comment<\/label>/);
    expect(markup).toContain(">Post</button>");
  });
});
