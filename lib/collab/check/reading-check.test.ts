// One row per rule of the reading check: each refusal beside its accepted twin, which differs only in
// the forbidden part. Updates are made the way a client makes them (a replica of the document, a
// change, the update it produces) and judged by the real guard.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Actor, SessionTeams } from "../../policies/index.ts";
import { createComment, createHighlight, deleteComment, editComment, READING_ROOTS, readingMaps, setThreadResolved } from "../reading-doc.ts";
import { readingKind } from "../kinds/reading.ts";
import { readingInspector } from "./reading-check.ts";
import { ShadowGuard } from "./shadow-guard.ts";
import { MAX_CLOCK_AHEAD_MS } from "./values.ts";

const actor = (id: string, teamId: string | null = "team-2"): Actor => ({ id, name: id, email: `${id}@example.edu`, role: "STUDENT", teamId });
const alice = actor("alice00001");
const bob = actor("bob0000001");
const lead = actor("lead000001", "team-1");
const session: SessionTeams = { leadTeamId: "team-1", blogTeamId: "team-5" };
const instructorActor: Actor = { id: "instr00001", name: "instructor", email: "i@example.edu", role: "INSTRUCTOR", teamId: null };
const answered = { draftId: "draft00001", href: "/sessions/llm-fine-tuning/drafts/presentation" };
const target = { exact: "low-rank", prefix: "uses ", suffix: " adapters", start: 5, end: 13 };

/** A reading with alice's highlight (bob commented on it), bob's thread on the paper and alice's thread. */
function baseDocument() {
  const doc = new Y.Doc();
  const { highlightId } = createHighlight(doc, { authorId: alice.id, kind: "question", target, firstComment: "Why rank 8?" });
  const bobOnHighlight = createComment(doc, { authorId: bob.id, highlightId, parentId: null, body: "Because it is cheap" });
  const bobThread = createComment(doc, { authorId: bob.id, highlightId: null, parentId: null, body: "Great paper" });
  const aliceThread = createComment(doc, { authorId: alice.id, highlightId: null, parentId: null, body: "I disagree" });
  const { highlightId: lonelyHighlight } = createHighlight(doc, { authorId: alice.id, kind: "note", target: { ...target, start: 20, end: 28 } });
  (readingMaps(doc).highlights.get(highlightId) as Y.Map<unknown>).set("answeredIn", null);
  return { doc, ids: { highlightId, bobOnHighlight, bobThread, aliceThread, lonelyHighlight } };
}

type Ids = ReturnType<typeof baseDocument>["ids"];

/** Judges what `change` does to a replica of the base document, as sent by `who`. */
function judge(who: Actor, change: (doc: Y.Doc, ids: Ids) => void) {
  const { doc, ids } = baseDocument();
  const guard = readingKind.createGuard(doc);
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(replica);
  change(replica, ids);
  const update = Y.encodeStateAsUpdate(replica, before);
  const result = guard.check(update, who, { session });
  guard.destroy();
  return result;
}

function entry(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

const highlight = (overrides: Record<string, unknown> = {}) => ({ id: "hhhhhhhh01", authorId: alice.id, kind: "note", target, createdAt: Date.now(), ...overrides });
const comment = (overrides: Record<string, unknown> = {}) => ({
  id: "cccccccc01",
  highlightId: null,
  parentId: null,
  authorId: alice.id,
  body: "A fair point",
  createdAt: Date.now(),
  editedAt: null,
  resolvedAt: null,
  resolvedBy: null,
  deleted: false,
  ...overrides,
});
const addHighlight = (fields: Record<string, unknown>, key = "hhhhhhhh01") => (doc: Y.Doc) => readingMaps(doc).highlights.set(key, entry(fields));
const addComment = (fields: Record<string, unknown>, key = "cccccccc01") => (doc: Y.Doc) => readingMaps(doc).comments.set(key, entry(fields));
const setField = (root: "highlights" | "comments", pick: (ids: Ids) => string, field: string, value: unknown) => (doc: Y.Doc, ids: Ids) =>
  (readingMaps(doc)[root].get(pick(ids)) as Y.Map<unknown>).set(field, value);

type Row = [rule: string, who: Actor, accepted: (doc: Y.Doc, ids: Ids) => void, refused: (doc: Y.Doc, ids: Ids) => void, reason: RegExp];

const rows: Row[] = [
  // New highlights
  ["a highlight is made in your own name", alice, addHighlight(highlight()), addHighlight(highlight({ authorId: bob.id })), /own name/],
  ["a highlight has a known kind", alice, addHighlight(highlight({ kind: "critique" })), addHighlight(highlight({ kind: "rant" })), /kind/],
  ["a highlight spans its quote", alice, addHighlight(highlight()), addHighlight(highlight({ target: { ...target, end: 14 } })), /quote/],
  ["a highlight's target is a plain object", alice, addHighlight(highlight()), addHighlight(highlight({ target: [target] })), /plain object/],
  ["a target has no extra fields", alice, addHighlight(highlight()), addHighlight(highlight({ target: { ...target, html: "<b>" } })), /unknown or missing/],
  ["positions are safe integers", alice, addHighlight(highlight()), addHighlight(highlight({ target: { ...target, start: 5.5, end: 13.5 } })), /whole number/],
  ["a quote is not empty", alice, addHighlight(highlight()), addHighlight(highlight({ target: { ...target, exact: "", end: 5 } })), /empty|end/],
  ["createdAt is not in the future", alice, addHighlight(highlight()), addHighlight(highlight({ createdAt: Date.now() + MAX_CLOCK_AHEAD_MS + 60_000 })), /future/],
  ["createdAt is not ages ago", alice, addHighlight(highlight()), addHighlight(highlight({ createdAt: 1 })), /too old/],
  ["createdAt is not NaN", alice, addHighlight(highlight()), addHighlight(highlight({ createdAt: Number.NaN })), /time/],
  ["createdAt is not Infinity", alice, addHighlight(highlight()), addHighlight(highlight({ createdAt: Number.POSITIVE_INFINITY })), /time/],
  ["createdAt is not a BigInt", alice, addHighlight(highlight()), addHighlight(highlight({ createdAt: BigInt(Date.now()) })), /time/],
  ["createdAt is not a fraction", alice, addHighlight(highlight()), addHighlight(highlight({ createdAt: Date.now() + 0.5 })), /time/],
  ["createdAt is not undefined", alice, addHighlight(highlight()), addHighlight(highlight({ createdAt: undefined })), /time/],
  ["createdAt is not a string", alice, addHighlight(highlight()), addHighlight(highlight({ createdAt: String(Date.now()) })), /time/],
  ["a highlight has no unknown field", alice, addHighlight(highlight()), addHighlight(highlight({ color: "red" })), /unknown field/],
  ["a highlight has every field", alice, addHighlight(highlight()), (doc) => { const { createdAt: _omit, ...rest } = highlight(); addHighlight(rest)(doc); }, /missing its createdAt/],
  ["a highlight's id matches its key", alice, addHighlight(highlight()), addHighlight(highlight({ id: "hhhhhhhh02" })), /match its key/],
  ["entry ids are well-formed", alice, addHighlight(highlight({ id: "hhhhhhhh03" }), "hhhhhhhh03"), addHighlight(highlight({ id: "../../x" }), "../../x"), /id is not well-formed/],
  ["a field is not binary", alice, addHighlight(highlight()), addHighlight(highlight({ kind: new Uint8Array([1, 2]) })), /binary/],
  ["a field is not a shared type", alice, addHighlight(highlight()), addHighlight(highlight({ kind: new Y.Map() })), /nested shared types|shared type/],
  ["an entry is a map", alice, addHighlight(highlight()), (doc) => readingMaps(doc).highlights.set("hhhhhhhh01", new Y.Array() as never), /map of fields/],
  ["roots hold keyed entries only", alice, addHighlight(highlight()), (doc) => { const other = new Y.Doc(); other.getArray("highlights").insert(0, [1]); Y.applyUpdate(doc, Y.encodeStateAsUpdate(other)); }, /keyed entries|could not/],
  ["no unknown roots", alice, addHighlight(highlight()), (doc) => doc.getMap("secrets").set("x", 1), /Unknown part "secrets"/],
  // New comments
  ["a comment is written in your own name", alice, addComment(comment()), addComment(comment({ authorId: bob.id })), /own name/],
  ["a comment has some text", alice, addComment(comment()), addComment(comment({ body: "   " })), /some text/],
  ["a comment's body is text", alice, addComment(comment()), addComment(comment({ body: undefined })), /malformed|text/],
  ["a comment is at most 10,000 characters", alice, addComment(comment({ body: "x".repeat(10_000) })), addComment(comment({ body: "x".repeat(10_001) })), /at most 10,000/],
  ["a new comment starts open", alice, addComment(comment()), addComment(comment({ resolvedAt: Date.now(), resolvedBy: alice.id })), /starts open/],
  ["a new comment starts undeleted", alice, addComment(comment()), addComment(comment({ deleted: true, body: "" })), /starts open/],
  ["deleted is a boolean", alice, addComment(comment()), addComment(comment({ deleted: 0 })), /starts open/],
  ["a comment's highlight exists", alice, (doc, ids) => addComment(comment({ highlightId: ids.highlightId }))(doc), addComment(comment({ highlightId: "nonexistent1" })), /highlight does not exist/],
  ["a reply's parent exists", alice, (doc, ids) => addComment(comment({ parentId: ids.bobThread }))(doc), addComment(comment({ parentId: "nonexistent1" })), /reply to does not exist/],
  ["a reply stays in its parent's thread", alice, (doc, ids) => addComment(comment({ highlightId: ids.highlightId, parentId: ids.bobOnHighlight }))(doc), (doc, ids) => addComment(comment({ highlightId: null, parentId: ids.bobOnHighlight }))(doc), /parent's thread/],
  ["a comment does not reply to itself", alice, addComment(comment()), addComment(comment({ parentId: "cccccccc01" })), /itself/],
  // Edits of existing comments
  ["you edit your own comment", alice, (doc, ids) => editComment(doc, ids.aliceThread, "I now agree"), (doc, ids) => editComment(doc, ids.bobThread, "Bob agrees with Alice"), /your own comments/],
  ["an edit records when", alice, (doc, ids) => editComment(doc, ids.aliceThread, "Edited"), setField("comments", (ids) => ids.aliceThread, "body", "Silently edited"), /records when/],
  ["an edit's time is now", alice, (doc, ids) => editComment(doc, ids.aliceThread, "Edited"), (doc, ids) => doc.transact(() => { setField("comments", (i) => i.aliceThread, "body", "Edited")(doc, ids); setField("comments", (i) => i.aliceThread, "editedAt", Date.now() + 86_400_000)(doc, ids); }), /future/],
  ["you delete your own comment", alice, (doc, ids) => deleteComment(doc, ids.aliceThread), (doc, ids) => deleteComment(doc, ids.bobThread), /your own comments/],
  ["a deleted comment keeps no text", alice, (doc, ids) => deleteComment(doc, ids.aliceThread), (doc, ids) => doc.transact(() => setField("comments", (i) => i.aliceThread, "deleted", true)(doc, ids)), /keeps no text/],
  ["comments are never removed", alice, (doc, ids) => deleteComment(doc, ids.aliceThread), (doc, ids) => readingMaps(doc).comments.delete(ids.aliceThread), /never removed/],
  ["comments are never replaced", alice, (doc, ids) => editComment(doc, ids.aliceThread, "Edited"), (doc, ids) => readingMaps(doc).comments.set(ids.aliceThread, entry(comment({ id: ids.aliceThread }))), /never removed or replaced/],
  ["a comment's fields are never removed", alice, (doc, ids) => editComment(doc, ids.aliceThread, "Edited"), (doc, ids) => (readingMaps(doc).comments.get(ids.aliceThread) as Y.Map<unknown>).delete("editedAt"), /cannot be removed/],
  ["a comment's author never changes", alice, (doc, ids) => editComment(doc, ids.aliceThread, "Edited"), setField("comments", (ids) => ids.aliceThread, "authorId", bob.id), /authorId cannot change/],
  ["a comment never moves between threads", alice, (doc, ids) => editComment(doc, ids.aliceThread, "Edited"), (doc, ids) => setField("comments", (i) => i.aliceThread, "highlightId", ids.highlightId)(doc, ids), /highlightId cannot change/],
  ["a comment's creation time never changes", alice, (doc, ids) => editComment(doc, ids.aliceThread, "Edited"), setField("comments", (ids) => ids.aliceThread, "createdAt", Date.now()), /createdAt cannot change/],
  // Resolving
  ["a thread's author resolves it", alice, (doc, ids) => setThreadResolved(doc, ids.aliceThread, alice.id, true), (doc, ids) => setThreadResolved(doc, ids.bobThread, alice.id, true), /may not resolve/],
  ["the lead team resolves any thread", lead, (doc, ids) => setThreadResolved(doc, ids.bobThread, lead.id, true), (doc, ids) => setThreadResolved(doc, ids.bobThread, bob.id, true), /your own name/],
  ["only a thread's first comment is resolved", alice, (doc, ids) => setThreadResolved(doc, ids.aliceThread, alice.id, true), (doc, ids) => { const reply = createComment(doc, { authorId: alice.id, highlightId: null, parentId: ids.aliceThread, body: "reply" }); setThreadResolved(doc, reply, alice.id, true); }, /first comment|starts open/],
  ["resolution time is a time", alice, (doc, ids) => setThreadResolved(doc, ids.aliceThread, alice.id, true), (doc, ids) => doc.transact(() => { setField("comments", (i) => i.aliceThread, "resolvedAt", "yesterday")(doc, ids); setField("comments", (i) => i.aliceThread, "resolvedBy", alice.id)(doc, ids); }), /time/],
  ["a reopened thread has no resolver", alice, (doc, ids) => setThreadResolved(doc, ids.aliceThread, alice.id, false), (doc, ids) => doc.transact(() => { setField("comments", (i) => i.aliceThread, "resolvedAt", null)(doc, ids); setField("comments", (i) => i.aliceThread, "resolvedBy", alice.id)(doc, ids); }), /no resolver/],
  // +1s
  ["a +1 is your own", alice, (doc, ids) => readingMaps(doc).reactions.set(`${ids.bobThread}|${alice.id}`, true), (doc, ids) => readingMaps(doc).reactions.set(`${ids.bobThread}|${bob.id}`, true), /your own \+1/],
  ["a +1 is just true", alice, (doc, ids) => readingMaps(doc).reactions.set(`${ids.bobThread}|${alice.id}`, true), (doc, ids) => (readingMaps(doc).reactions as Y.Map<unknown>).set(`${ids.bobThread}|${alice.id}`, 1), /just true/],
  ["a +1 is on an existing comment", alice, (doc, ids) => readingMaps(doc).reactions.set(`${ids.bobThread}|${alice.id}`, true), (doc) => readingMaps(doc).reactions.set(`nonexistent1|${alice.id}`, true), /does not exist/],
  ["a +1 key has two parts", alice, (doc, ids) => readingMaps(doc).reactions.set(`${ids.bobThread}|${alice.id}`, true), (doc, ids) => readingMaps(doc).reactions.set(`${ids.bobThread}|${alice.id}|x`, true), /your own \+1/],
  // Highlights after the fact
  ["only the kind of a highlight changes", alice, setField("highlights", (ids) => ids.highlightId, "kind", "critique"), setField("highlights", (ids) => ids.highlightId, "target", { ...target, start: 6, end: 14 }), /Only a highlight's kind/],
  ["the new kind is known", alice, setField("highlights", (ids) => ids.highlightId, "kind", "critique"), setField("highlights", (ids) => ids.highlightId, "kind", "rant"), /known kinds/],
  ["a highlight with classmates' comments stays", alice, (doc, ids) => readingMaps(doc).highlights.delete(ids.lonelyHighlight), (doc, ids) => readingMaps(doc).highlights.delete(ids.highlightId), /classmates' comments/],
  // "Answered in presentation" (lib/questions): the lead team or the instructor, on a question or a thread's first comment
  ["answeredIn names its draft", lead, setField("highlights", (ids) => ids.highlightId, "answeredIn", answered), setField("highlights", (ids) => ids.highlightId, "answeredIn", { href: answered.href }), /null or \{ draftId, href \}/],
  ["a classmate may not mark a question answered", alice, setField("highlights", (ids) => ids.highlightId, "kind", "question"), setField("highlights", (ids) => ids.highlightId, "answeredIn", answered), /Only the lead team and the instructor/],
  ["the instructor marks a thread answered, not the blog team", instructorActor, setField("comments", (ids) => ids.bobThread, "answeredIn", answered), setField("comments", (ids) => ids.bobThread, "answeredIn", 1), /null or \{ draftId, href \}/],
  ["answeredIn is cleared with null, not removed", lead, setField("highlights", (ids) => ids.highlightId, "answeredIn", null), (doc, ids) => (readingMaps(doc).highlights.get(ids.highlightId) as Y.Map<unknown>).delete("answeredIn"), /cleared with null/],
  ["answeredIn links into a session's draft", lead, setField("highlights", (ids) => ids.highlightId, "answeredIn", answered), setField("highlights", (ids) => ids.highlightId, "answeredIn", { ...answered, href: "javascript:alert(1)" }), /null or \{ draftId, href \}/],
  ["answeredIn has no extra fields", lead, setField("highlights", (ids) => ids.highlightId, "answeredIn", answered), setField("highlights", (ids) => ids.highlightId, "answeredIn", { ...answered, html: "<b>" }), /null or \{ draftId, href \}/],
  ["only a question highlight is answered", lead, setField("highlights", (ids) => ids.highlightId, "answeredIn", answered), setField("highlights", (ids) => ids.lonelyHighlight, "answeredIn", answered), /Only a question highlight/],
  ["only a thread's first comment is answered", lead, setField("comments", (ids) => ids.bobThread, "answeredIn", answered), (doc, ids) => { const reply = createComment(doc, { authorId: lead.id, highlightId: null, parentId: ids.bobThread, body: "reply" }); setField("comments", () => reply, "answeredIn", answered)(doc, ids); }, /first comment|unknown field/],
  ["a new comment does not arrive answered", lead, addComment(comment({ authorId: lead.id })), addComment(comment({ authorId: lead.id, answeredIn: answered })), /unknown field "answeredIn"/],
];

describe("reading check: each rule refuses, its twin passes", () => {
  it.each(rows)("%s", (_rule, who, accepted, refused, reason) => {
    expect(judge(who, accepted)).toMatchObject({ ok: true });
    const result = judge(who, refused);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toMatch(reason);
  });

  it("others may neither change the kind of nor remove your highlight", () => {
    expect(judge(alice, setField("highlights", (ids) => ids.highlightId, "kind", "critique"))).toMatchObject({ ok: true });
    expect(judge(bob, setField("highlights", (ids) => ids.highlightId, "kind", "critique"))).toMatchObject({ ok: false, reason: "You can only change your own highlights." });
    expect(judge(alice, (doc, ids) => readingMaps(doc).highlights.delete(ids.lonelyHighlight))).toMatchObject({ ok: true });
    expect(judge(bob, (doc, ids) => readingMaps(doc).highlights.delete(ids.lonelyHighlight))).toMatchObject({ ok: false, reason: "You can only remove your own highlights." });
  });

  it("a +1 is removed only by its giver", () => {
    const withReactions = (doc: Y.Doc, ids: Ids) => {
      readingMaps(doc).reactions.set(`${ids.bobThread}|${alice.id}`, true);
    };
    const { doc, ids } = baseDocument();
    withReactions(doc, ids);
    const guard = readingKind.createGuard(doc);
    const tryAs = (who: Actor) => {
      const replica = new Y.Doc();
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
      const before = Y.encodeStateVector(replica);
      readingMaps(replica).reactions.delete(`${ids.bobThread}|${alice.id}`);
      return guard.check(Y.encodeStateAsUpdate(replica, before), who, { session });
    };
    expect(tryAs(bob)).toMatchObject({ ok: false, reason: "You can only add or remove your own +1." });
    expect(tryAs(alice)).toMatchObject({ ok: true });
  });
});

// The import mode (lib/interchange): the instructor writes entries in the names of the class members
// the file's authors were matched to, with their original times. Each row: the same update accepted
// with the flag, refused without it; and the flag does nothing for someone who may not import.
describe("reading check: import mode", () => {
  const instructor: Actor = { id: "instr00001", name: "I", email: "i@example.edu", role: "INSTRUCTOR", teamId: null };
  const yearAgo = Date.now() - 365 * 24 * 60 * 60 * 1000;
  function judgeImport(who: Actor, importing: boolean | undefined, change: (doc: Y.Doc, ids: Ids) => void) {
    const { doc, ids } = baseDocument();
    const guard = new ShadowGuard(doc, { maxUpdateBytes: 1 << 20, maxDocumentBytes: 1 << 30 }, (shadow) => READING_ROOTS.forEach((name) => shadow.getMap(name)));
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(replica);
    change(replica, ids);
    const result = guard.check(Y.encodeStateAsUpdate(replica, before), readingInspector({ actor: who, session, now: Date.now(), importing }));
    guard.destroy();
    return result;
  }
  const importRows: Array<[rule: string, change: (doc: Y.Doc, ids: Ids) => void, refusedWithout: RegExp]> = [
    ["a highlight in a classmate's name", addHighlight(highlight({ authorId: bob.id })), /own name/],
    ["a comment in a classmate's name", addComment(comment({ authorId: bob.id })), /own name/],
    ["a highlight made a year ago", addHighlight(highlight({ authorId: instructor.id, createdAt: yearAgo })), /too old/],
    ["a comment written a year ago", addComment(comment({ authorId: instructor.id, createdAt: yearAgo })), /too old/],
    ["a reply in a classmate's name a year ago", (doc, ids) => addComment(comment({ authorId: alice.id, parentId: ids.bobThread, createdAt: yearAgo }))(doc), /own name|too old/],
    ["a comment that arrives deleted (it keeps its replies' place)", addComment(comment({ authorId: instructor.id, deleted: true, body: "" })), /starts open/],
  ];
  it.each(importRows)("%s: accepted with the flag, refused without", (_rule, change, reason) => {
    expect(judgeImport(instructor, true, change)).toMatchObject({ ok: true });
    for (const flag of [undefined, false]) {
      const result = judgeImport(instructor, flag, change);
      expect(result.ok).toBe(false);
      expect(result.ok ? "" : result.reason).toMatch(reason);
    }
  });

  it("the flag does nothing for a student", () => {
    const result = judgeImport(alice, true, addComment(comment({ authorId: bob.id })));
    expect(result).toMatchObject({ ok: false, reason: "A comment must be written in your own name." });
  });

  const stillRefused: Array<[rule: string, change: (doc: Y.Doc, ids: Ids) => void, reason: RegExp]> = [
    ["a time in the future", addComment(comment({ createdAt: Date.now() + MAX_CLOCK_AHEAD_MS + 60_000 })), /future/],
    ["a deleted comment that keeps its text", addComment(comment({ deleted: true, body: "still here" })), /keeps no text/],
    ["a comment that arrives resolved", addComment(comment({ resolvedAt: yearAgo, resolvedBy: alice.id })), /starts open/],
    ["a highlight that does not span its quote", addHighlight(highlight({ target: { ...target, end: 14 } })), /quote/],
    ["a reply to a comment that does not exist", addComment(comment({ parentId: "nonexistent1" })), /reply to does not exist/],
    ["removing a classmate's comment", (doc, ids) => readingMaps(doc).comments.delete(ids.bobThread), /never removed/],
    ["editing a classmate's comment", (doc, ids) => editComment(doc, ids.bobThread, "rewritten"), /your own comments/],
  ];
  it.each(stillRefused)("still refused while importing: %s", (_rule, change, reason) => {
    const result = judgeImport(instructor, true, change);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toMatch(reason);
  });
});

describe("reading check: what it costs and what it leaves behind", () => {
  it("refuses bytes that are not an update, and an update that depends on changes the server lacks", () => {
    const { doc } = baseDocument();
    const guard = readingKind.createGuard(doc);
    expect(guard.check(new Uint8Array([1, 2, 3, 250, 251]), alice, { session })).toMatchObject({ ok: false });
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    readingMaps(replica).comments.set("cccccccc01", entry(comment()));
    const skipped = Y.encodeStateVector(replica);
    (readingMaps(replica).comments.get("cccccccc01") as Y.Map<unknown>).set("body", "second");
    const gapped = Y.encodeStateAsUpdate(replica, skipped);
    expect(guard.check(gapped, alice, { session })).toMatchObject({ ok: false, reason: expect.stringMatching(/depends on changes/) });
  });

  it("keeps nothing of a refused update: the same entry sent honestly afterwards is judged on its own", () => {
    const { doc } = baseDocument();
    const guard = readingKind.createGuard(doc);
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(forger);
    readingMaps(forger).comments.set("cccccccc01", entry(comment({ authorId: bob.id })));
    expect(guard.check(Y.encodeStateAsUpdate(forger, before), alice, { session })).toMatchObject({ ok: false });
    const honest = new Y.Doc();
    Y.applyUpdate(honest, Y.encodeStateAsUpdate(doc));
    const honestBefore = Y.encodeStateVector(honest);
    readingMaps(honest).comments.set("cccccccc01", entry(comment()));
    // Had the shadow kept the forged entry, this would be a replacement and refused.
    expect(guard.check(Y.encodeStateAsUpdate(honest, honestBefore), alice, { session })).toMatchObject({ ok: true, changed: true });
  });

  it("refuses a change made under a client id another user already writes with", () => {
    const { doc } = baseDocument();
    const guard = readingKind.createGuard(doc);
    const alicesReplica = new Y.Doc();
    Y.applyUpdate(alicesReplica, Y.encodeStateAsUpdate(doc));
    const send = (who: Actor, body: string) => {
      const before = Y.encodeStateVector(alicesReplica);
      createComment(alicesReplica, { authorId: who.id, highlightId: null, parentId: null, body });
      return guard.check(Y.encodeStateAsUpdate(alicesReplica, before), who, { session });
    };
    expect(send(alice, "first")).toMatchObject({ ok: true });
    // Bob writes in his own name, but under the client id alice's editor uses: her next change would be lost.
    expect(send(bob, "squatting")).toMatchObject({ ok: false, reason: expect.stringMatching(/another editor's client id/) });
    // Under an id of his own, the same comment is fine.
    const bobsReplica = new Y.Doc();
    Y.applyUpdate(bobsReplica, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(bobsReplica);
    createComment(bobsReplica, { authorId: bob.id, highlightId: null, parentId: null, body: "own id" });
    expect(guard.check(Y.encodeStateAsUpdate(bobsReplica, before), bob, { session })).toMatchObject({ ok: true });
  });

  it("finds a resent update unchanged, and accepts it", () => {
    const { doc } = baseDocument();
    const guard = readingKind.createGuard(doc);
    expect(guard.check(Y.encodeStateAsUpdate(doc), alice, { session })).toEqual({ ok: true, changed: false });
  });

  it("refuses to grow a document past its size limit", () => {
    const { doc } = baseDocument();
    const size = Y.encodeStateAsUpdate(doc).byteLength;
    const guard = new ShadowGuard(doc, { maxUpdateBytes: 64 * 1024, maxDocumentBytes: size + 3_000 }, (shadow) => READING_ROOTS.forEach((name) => shadow.getMap(name)));
    const inspect = readingInspector({ actor: alice, session, now: Date.now() });
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const send = (body: string) => {
      const before = Y.encodeStateVector(replica);
      createComment(replica, { authorId: alice.id, highlightId: null, parentId: null, body });
      return guard.check(Y.encodeStateAsUpdate(replica, before), inspect);
    };
    expect(send("x".repeat(1_000))).toMatchObject({ ok: true });
    expect(send("y".repeat(2_500))).toMatchObject({ ok: false, reason: expect.stringMatching(/size limit/) });
  });

  it("refuses an update larger than one message may be", () => {
    const { doc } = baseDocument();
    const guard = new ShadowGuard(doc, { maxUpdateBytes: 1_000, maxDocumentBytes: 1 << 30 });
    const inspect = readingInspector({ actor: alice, session, now: Date.now() });
    expect(guard.check(new Uint8Array(1_001), inspect)).toMatchObject({ ok: false, reason: expect.stringMatching(/too large/) });
  });
});
