// The reading page as the server renders it, before any script: the stored annotations drawn in the
// abstract and the Comments panel, the status connecting, and every write shown unavailable, saying why.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { describeTextRange } from "@/lib/anchoring";
import { createComment, createHighlight, readReadingEntries, toggleReaction } from "@/lib/collab/reading-doc";
import type { Actor } from "@/lib/policies";
import type { ReadingAnnotations } from "@/lib/readings/get-reading-annotations";
import { UNAVAILABLE_REASON } from "./comments-panel";
import { readingDataOf } from "./reading-data";
import { ReadingWorkspace } from "./reading-workspace";

const ABSTRACT = "We present QLoRA, an efficient finetuning approach that reduces memory usage.";
const alice: Actor = { id: "u-alice", name: "Alice Moreau", email: "alice@demo.test", role: "STUDENT", teamId: "team-2" };
const members = [
  { id: alice.id, name: alice.name, handle: "alice" },
  { id: "u-bob", name: "Bob Tanaka", handle: "bob" },
];

/** What getReadingAnnotations gives for a document: the browser's readers' answer, as plain data. */
function annotationsOf(doc: Y.Doc): ReadingAnnotations {
  const { highlights, comments, reactions, unreadable } = readReadingEntries(doc);
  return { highlights, comments, reactions: [...reactions], unreadable, readAt: Date.now() };
}

function stored() {
  const doc = new Y.Doc();
  const { highlightId, commentId } = createHighlight(doc, { authorId: "u-bob", kind: "question", target: describeTextRange(ABSTRACT, 21, 50), firstComment: "What counts as **efficient**?" });
  createComment(doc, { authorId: alice.id, highlightId: null, parentId: null, body: "On the whole paper" });
  toggleReaction(doc, commentId!, alice.id);
  return { annotations: annotationsOf(doc), highlightId, commentId: commentId! };
}

describe("readingDataOf", () => {
  it("gives the +1s back as the live readers' map", () => {
    const { annotations, commentId } = stored();
    const data = readingDataOf(annotations);
    expect(data.reactions).toEqual(new Map([[commentId, [alice.id]]]));
    expect(data.highlights).toBe(annotations.highlights);
    expect(data.comments).toBe(annotations.comments);
  });
});

describe("ReadingWorkspace rendered on the server", () => {
  const { annotations, highlightId, commentId } = stored();
  const markup = renderToStaticMarkup(<ReadingWorkspace readingId="r1" abstract={ABSTRACT} actor={alice} session={{ leadTeamId: "team-1", blogTeamId: "team-5" }} members={members} initial={annotations} />);

  it("draws the stored highlight in the abstract and its thread in the panel", () => {
    expect(markup).toMatch(new RegExp(`<mark [^>]*data-highlight-ids="${highlightId}"[^>]*>efficient finetuning approach</mark>`));
    expect(markup).toContain(`id="highlight-card-${highlightId}"`);
    expect(markup).toContain("<strong>efficient</strong>");
    expect(markup).toContain(`id="comment-${commentId}"`);
    expect(markup).toContain("On the whole paper</p>");
  });

  it("says it is connecting, and that the writes wait for the live document", () => {
    expect(markup).toMatch(/<p role="status" data-connection-status="connecting"[^>]*>.*Connecting\.\.\.<\/p>/);
    const reason = new RegExp(`<p id="([^"]+)" class="sr-only">${UNAVAILABLE_REASON.replace(/[+.]/g, "\\$&")}</p>`).exec(markup);
    expect(reason).not.toBeNull();
    const pointingAtReason = (element: string) => markup.match(new RegExp(`<${element} [^>]*aria-disabled="true" aria-describedby="${reason![1]}"[^>]*>`, "g")) ?? [];
    // Post, the +1 of both threads, and Resolve on Alice's own (Bob's is not hers to resolve).
    expect(pointingAtReason("button").map((button) => (/type="submit"/.test(button) ? "submit" : /aria-pressed="/.test(button) ? "+1" : "other"))).toEqual(["submit", "+1", "+1", "other"]);
    expect(markup).toMatch(/<button [^>]*aria-disabled="true"[^>]*>Resolve<\/button>/);
    expect(markup).toContain('aria-pressed="true"');
  });

  it("shows no avatars before the live half has loaded, and no exact times before hydration", () => {
    expect(markup).not.toContain("On this paper now");
    expect(markup).not.toMatch(/<time [^>]*title=/);
  });
});
