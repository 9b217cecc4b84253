// The thread check on a draft's threads (kinds/draft-threads.ts): the reading check with a draft
// passage as the highlight target and the draft's resolve rule. One row per difference from the
// reading, each refusal beside its accepted twin; the reading's own rows are in reading-check.test.ts.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Actor, DraftKind, SessionTeams } from "../../policies/index.ts";
import { createDraftPassage, readDraftHighlights } from "../draft-threads-doc.ts";
import { draftThreadsKind } from "../kinds/draft-threads.ts";
import { createComment, readingMaps, setThreadResolved, toggleReaction, editComment, deleteComment } from "../reading-doc.ts";

const actor = (id: string, teamId: string | null = "team-2", role: Actor["role"] = "STUDENT"): Actor => ({ id, name: id, email: `${id}@example.edu`, role, teamId });
const alice = actor("alice00001");
const bob = actor("bob0000001", "team-3");
const lead = actor("lead000001", "team-1");
const blogger = actor("blog000001", "team-5");
const instructor = actor("inst000001", null, "INSTRUCTOR");
const session: SessionTeams = { leadTeamId: "team-1", blogTeamId: "team-5" };
// Real relative positions of a real draft fragment, as the browser's encodeAnchor writes them.
const target = (() => {
  const draft = new Y.Doc();
  const text = new Y.XmlText("Low-rank adapters are cheap.");
  draft.getXmlFragment("default").insert(0, [text]);
  const encode = (index: number) => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index))).toString("base64");
  return { exact: "Low-rank", from: encode(0), to: encode(8) };
})();

/** A blog post's threads: alice's passage with her question, bob's thread on the whole draft. */
function baseDocument() {
  const doc = new Y.Doc();
  const { highlightId, commentId } = createDraftPassage(doc, { authorId: alice.id, target, firstComment: "Why rank 8?" });
  const bobThread = createComment(doc, { authorId: bob.id, highlightId: null, parentId: null, body: "Nice draft" });
  return { doc, ids: { highlightId, aliceThread: commentId!, bobThread } };
}
type Ids = ReturnType<typeof baseDocument>["ids"];

function judge(who: Actor, change: (doc: Y.Doc, ids: Ids) => void, draftKind: DraftKind = "BLOG_POST") {
  const { doc, ids } = baseDocument();
  const guard = draftThreadsKind.createGuard(doc);
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(replica);
  change(replica, ids);
  const result = guard.check(Y.encodeStateAsUpdate(replica, before), who, { session, draftKind });
  guard.destroy();
  return result;
}

const passage = (overrides: Record<string, unknown> = {}) => (doc: Y.Doc) => {
  const entry = new Y.Map<unknown>();
  const fields = { id: "hhhhhhhh01", authorId: alice.id, kind: "note", target, createdAt: Date.now(), ...overrides };
  for (const [key, value] of Object.entries(fields)) entry.set(key, value);
  readingMaps(doc).highlights.set("hhhhhhhh01", entry as Y.Map<unknown>);
};

type Row = [rule: string, who: Actor, accepted: (doc: Y.Doc, ids: Ids) => void, refused: (doc: Y.Doc, ids: Ids) => void, reason: RegExp];

const rows: Row[] = [
  // The passage: a quote and two relative positions, nothing of a reading's text target.
  ["a passage is a draft anchor", alice, passage(), passage({ target: { exact: "low-rank", prefix: "", suffix: "", start: 0, end: 8 } }), /unknown or missing|unknown field/],
  ["a passage has its quote", alice, passage(), passage({ target: { ...target, exact: "" } }), /exact is empty/],
  ["a passage's quote is bounded", alice, passage({ target: { ...target, exact: "x".repeat(2000) } }), passage({ target: { ...target, exact: "x".repeat(2001) } }), /exact is longer/],
  ["a position is base64", alice, passage(), passage({ target: { ...target, from: "not base64!" } }), /from is not well-formed/],
  ["a position is bounded", alice, passage(), passage({ target: { ...target, to: "A".repeat(600) } }), /to is longer/],
  ["a position is text", alice, passage(), passage({ target: { ...target, from: 12 } }), /from must be text/],
  ["a passage has no extra fields", alice, passage(), passage({ target: { ...target, html: "<b>" } }), /unknown or missing/],
  ["a passage is made in your own name", alice, passage(), passage({ authorId: bob.id }), /own name/],
  // Comments and +1s by a classmate who only reads the draft (alice and bob are on neither team).
  ["a classmate comments on a passage", bob, (doc, ids) => createComment(doc, { authorId: bob.id, highlightId: ids.highlightId, parentId: null, body: "Agreed" }), (doc, ids) => createComment(doc, { authorId: alice.id, highlightId: ids.highlightId, parentId: null, body: "Forged" }), /own name/],
  ["a classmate replies", bob, (doc, ids) => createComment(doc, { authorId: bob.id, highlightId: ids.highlightId, parentId: ids.aliceThread, body: "Because" }), (doc, ids) => createComment(doc, { authorId: bob.id, highlightId: null, parentId: ids.aliceThread, body: "Elsewhere" }), /parent's thread/],
  ["a classmate gives their own +1", bob, (doc, ids) => toggleReaction(doc, ids.aliceThread, bob.id), (doc, ids) => toggleReaction(doc, ids.aliceThread, alice.id), /your own \+1/],
  ["a classmate edits only their own comment", bob, (doc, ids) => editComment(doc, ids.bobThread, "Nicer draft"), (doc, ids) => editComment(doc, ids.aliceThread, "Rewritten"), /your own comments/],
  ["a classmate deletes only their own comment", bob, (doc, ids) => deleteComment(doc, ids.bobThread), (doc, ids) => deleteComment(doc, ids.aliceThread), /your own comments/],
  // Resolving: the thread's author, the session's lead team, the instructor, and the draft's own team.
  ["a thread's author resolves it", alice, (doc, ids) => setThreadResolved(doc, ids.aliceThread, alice.id, true), (doc, ids) => setThreadResolved(doc, ids.bobThread, alice.id, true), /may not resolve/],
  ["the blog team resolves threads on its blog post", blogger, (doc, ids) => setThreadResolved(doc, ids.bobThread, blogger.id, true), (doc, ids) => setThreadResolved(doc, ids.bobThread, bob.id, true), /your own name/],
  ["the lead team resolves any thread of the session", lead, (doc, ids) => setThreadResolved(doc, ids.bobThread, lead.id, true), (doc, ids) => setThreadResolved(doc, ids.bobThread, alice.id, true), /your own name/],
  ["the instructor resolves any thread", instructor, (doc, ids) => setThreadResolved(doc, ids.bobThread, instructor.id, true), (doc, ids) => setThreadResolved(doc, ids.bobThread, bob.id, true), /your own name/],
];

describe("draft-threads check: each rule refuses, its twin passes", () => {
  it.each(rows)("%s", (_rule, who, accepted, refused, reason) => {
    expect(judge(who, accepted)).toMatchObject({ ok: true });
    const result = judge(who, refused);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toMatch(reason);
  });

  it("the blog team may not resolve threads on the presentation; the lead team may on both", () => {
    expect(judge(blogger, (doc, ids) => setThreadResolved(doc, ids.bobThread, blogger.id, true), "BLOG_POST")).toMatchObject({ ok: true });
    expect(judge(blogger, (doc, ids) => setThreadResolved(doc, ids.bobThread, blogger.id, true), "PRESENTATION")).toMatchObject({ ok: false, reason: "You may not resolve this thread." });
    expect(judge(lead, (doc, ids) => setThreadResolved(doc, ids.bobThread, lead.id, true), "PRESENTATION")).toMatchObject({ ok: true });
  });

  it("speaks of the draft, not of a reading, when it refuses", () => {
    expect(judge(alice, (doc) => doc.getMap("secrets").set("x", 1))).toMatchObject({ ok: false, reason: 'Unknown part "secrets" in a draft\'s threads.' });
  });

  it("reads back what the browser writes, and nothing with a reading's target", () => {
    const { doc, ids } = baseDocument();
    expect(readDraftHighlights(doc)).toEqual([expect.objectContaining({ id: ids.highlightId, authorId: alice.id, kind: "note", target })]);
    passage({ target: { exact: "x", prefix: "", suffix: "", start: 0, end: 1 } })(doc);
    expect(readDraftHighlights(doc).map((highlight) => highlight.id)).toEqual([ids.highlightId]);
  });
});
