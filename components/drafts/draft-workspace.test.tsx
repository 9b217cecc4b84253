// Server rendering of the workspace (what the page sends before hydration, and all a reader without
// JavaScript gets): the draft itself in the editor's place, the agreed landmarks and texts, and the
// writer/reader differences. No browser globals may be touched.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/policies";
import type { DraftKind } from "./draft-layout";
import { DraftWorkspace } from "./draft-workspace";
import { renderStaticDraft, type StaticDraft } from "./static-draft";

const actor: Actor = { id: "user1", name: "Alice Moreau", email: "alice@demo.test", role: "STUDENT", teamId: "team2" };
const session = { leadTeamId: "team1", blogTeamId: "team5" };
const draft = (kind: DraftKind) => ({ id: "abcdefghijklmnopqrstu", kind, title: kind === "BLOG_POST" ? "Blog post" : "Lead team's presentation", sessionTitle: "LLM fine tuning", sessionSlug: "llm-fine-tuning" });
const written = renderStaticDraft({
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Scaling laws" }] },
    { type: "paragraph", content: [{ type: "text", text: "Loss falls with compute." }] },
  ],
});
const empty = renderStaticDraft({ type: "doc", content: [] });

function render(kind: DraftKind, canWrite: boolean, initial: StaticDraft | null = written) {
  return renderToStaticMarkup(
    <DraftWorkspace draft={draft(kind)} actor={actor} session={session} canWrite={canWrite} members={[]} news={{ document: "draft-threads:abcdefghijklmnopqrstu", lastSeenAt: null }} initial={initial} />,
  );
}

describe("DraftWorkspace (server render)", () => {
  it("shows the draft's text in the editor's elements, read-only, with its word count", () => {
    const markup = render("PRESENTATION", true);
    expect(markup).toContain('<div role="document" aria-label="Lead team&#x27;s presentation" tabindex="0" class="tiptap ProseMirror"><h2>Scaling laws</h2><p>Loss falls with compute.</p></div>');
    expect(markup).toContain("6 words");
    // Nothing on the page is editable before the editor has arrived.
    expect(markup).not.toContain("contenteditable");
    expect(markup).not.toContain('role="textbox"');
  });

  it.each([
    [true, "Start the presentation…"],
    [false, "Nothing written yet."],
  ])("an empty draft shows the editor's placeholder (writer %s: %s)", (canWrite, placeholder) => {
    const markup = render("PRESENTATION", canWrite, empty);
    expect(markup).toContain(`<p class="is-empty is-editor-empty" data-placeholder="${placeholder}"><br class="ProseMirror-trailingBreak"/></p>`);
    expect(markup).toContain("0 words");
  });

  it("says it is loading when the server could not render the draft", () => {
    const markup = render("PRESENTATION", true, null);
    expect(markup).toContain("Loading the draft…");
    expect(markup).not.toContain('role="document"');
  });

  it.each([
    [true, "Connecting... read-only until then"],
    [false, "Connecting..."],
  ])("the status says the draft is not live yet (writer %s)", (canWrite, status) => {
    expect(render("BLOG_POST", canWrite)).toMatch(new RegExp(`<p role="status" data-connection-status="connecting"[^>]*>.*</span>${status.replace(/\./g, "\\.")}</p>`));
  });

  it.each([
    ["BLOG_POST", "Read-only: only the blog team and the instructor edit this draft. You can comment on it."],
    ["PRESENTATION", "Read-only: only the lead team and the instructor edit this draft. You can comment on it."],
  ] as const)("%s for a reader says who edits", (kind, notice) => {
    expect(render(kind, false)).toContain(notice);
  });

  it.each([
    ["BLOG_POST", "Download Markdown"],
    ["PRESENTATION", "Download slides (Marp)"],
  ] as const)("%s links its export as %s", (kind, label) => {
    const markup = render(kind, true);
    expect(markup).toContain('href="/api/drafts/abcdefghijklmnopqrstu/export"');
    expect(markup).toContain(label);
  });

  it.each([
    [true, true],
    [false, false],
  ])("canWrite %s -> the formatting toolbar, disabled until the editor arrives: %s", (canWrite, shown) => {
    const markup = render("PRESENTATION", canWrite);
    expect(markup.includes('role="toolbar" aria-label="Formatting"')).toBe(shown);
    if (shown) expect(markup).toMatch(/<button type="button" tabindex="0" disabled="" aria-label="Bold"/);
  });

  it("keeps the comments' and revisions' places, and tells a reader without JavaScript what they get", () => {
    const markup = render("BLOG_POST", true);
    expect(markup).toContain('aria-label="Draft comments"');
    expect(markup).toContain('aria-label="Revisions"');
    expect(markup).toContain("Loading comments…");
    expect(markup).toContain("Loading revisions…");
    expect(markup).toContain("<noscript>");
    expect(markup).toContain("This is the draft as last saved. Editing it, its comments and its revisions need JavaScript.");
  });
});
