// The quick path of the reading check (shadow-guard.ts, readingJudge): updates that only add new entries
// are judged on the decoded update and applied to the shadow later, in batches. It must take the common
// updates, and it must never accept what the full check refuses: a seeded differential test sends the
// same stream of honest, hostile and mangled updates to a guard with the quick path and to one without,
// and compares every verdict and, at the end, both shadows and both live documents.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { prng } from "../../testing/prng.ts";
import type { Actor, SessionTeams } from "../../policies/index.ts";
import { createComment, createHighlight, editComment, READING_ROOTS, readingMaps, toggleReaction } from "../reading-doc.ts";
import { readingInspector, readingJudge, type ReadingCheckContext } from "./reading-check.ts";
import { CATCH_UP_AT, ShadowGuard, type CheckResult } from "./shadow-guard.ts";
import { MAX_CLOCK_AHEAD_MS } from "./values.ts";

const student = (id: string): Actor => ({ id, name: id, email: `${id}@example.edu`, role: "STUDENT", teamId: "team-2" });
const alice = student("alice00001");
const bob = student("bob0000001");
const session: SessionTeams = { leadTeamId: "team-1", blogTeamId: "team-5" };
const target = { exact: "low-rank", prefix: "uses ", suffix: " adapters", start: 5, end: 13 };
const limits = { maxUpdateBytes: 1024 * 1024, maxDocumentBytes: 64 * 1024 * 1024 };

function guardOver(live: Y.Doc): ShadowGuard {
  return new ShadowGuard(live, limits, (shadow) => {
    for (const name of READING_ROOTS) shadow.getMap(name);
  });
}

const context = (actor: Actor, now = Date.now()): ReadingCheckContext => ({ actor, session, now, questions: true });

/**
 * What `change` on a replica of `live` sends, as a provider sends it: the update of that change alone
 * (its own deletions, not the replica's whole delete set). Made under `clientID` when given.
 */
function updateFrom(live: Y.Doc, change: (replica: Y.Doc) => void, clientID?: number): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(live));
  // Set after syncing: a replica that receives changes under its own client id picks a new one.
  if (clientID !== undefined) replica.clientID = clientID;
  const updates: Uint8Array[] = [];
  replica.on("update", (update: Uint8Array) => updates.push(update));
  change(replica);
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
}

/** The reading's entries as plain data, to compare documents. */
function contents(doc: Y.Doc) {
  return Object.fromEntries(READING_ROOTS.map((name) => [name, doc.getMap(name).toJSON()]));
}

/** Judges what `actor`'s change sends, as the server does, and applies it to the live document when accepted. */
function sendTo(live: Y.Doc, guard: ShadowGuard, actor: Actor, change: (replica: Y.Doc) => void): CheckResult {
  const update = updateFrom(live, change);
  const result = guard.check(update, readingJudge(context(actor)), actor.id);
  if (result.ok) Y.applyUpdate(live, update);
  return result;
}

describe("the quick path", () => {
  it("takes what a class sends most, and the shadow catches up with exactly it", () => {
    const live = new Y.Doc();
    const guard = guardOver(live);
    const send = (actor: Actor, change: (replica: Y.Doc) => void) => expect(sendTo(live, guard, actor, change)).toEqual({ ok: true, changed: true });
    let thread = "";
    send(alice, (doc) => (thread = createComment(doc, { authorId: alice.id, highlightId: null, parentId: null, body: "Why rank 8?" })));
    let highlightId = "";
    send(bob, (doc) => ({ highlightId } = createHighlight(doc, { authorId: bob.id, kind: "question", target, firstComment: "And why these layers?" })));
    send(bob, (doc) => toggleReaction(doc, thread, bob.id));
    // Replies and +1s to entries still waiting in the queue, then to entries the shadow holds.
    send(alice, (doc) => createComment(doc, { authorId: alice.id, highlightId, parentId: null, body: "Same question" }));
    expect(guard.quickAccepts).toBe(4);
    void guard.doc; // catches up
    send(bob, (doc) => createComment(doc, { authorId: bob.id, highlightId: null, parentId: thread, body: "Cheap, I think" }));
    send(alice, (doc) => toggleReaction(doc, thread, alice.id));
    expect(guard.quickAccepts).toBe(6);
    expect(contents(guard.doc)).toEqual(contents(live));
    expect(Y.encodeStateVector(guard.doc)).toEqual(Y.encodeStateVector(live));
  });

  it("applies the queue in batches and follows the live document between them", () => {
    const live = new Y.Doc();
    const guard = guardOver(live);
    for (let index = 0; index < CATCH_UP_AT * 2 + 3; index++) {
      const update = updateFrom(live, (doc) => createComment(doc, { authorId: alice.id, highlightId: null, parentId: null, body: `Comment ${index}` }));
      expect(guard.check(update, readingJudge(context(alice)), alice.id)).toEqual({ ok: true, changed: true });
      Y.applyUpdate(live, update);
    }
    // A change that reached the live document by another path (the server's own) is followed after the queue.
    const serverChange = updateFrom(live, (doc) => createComment(doc, { authorId: bob.id, highlightId: null, parentId: null, body: "From the import" }));
    Y.applyUpdate(live, serverChange);
    expect(guard.follow(serverChange)).toBe(true);
    expect(guard.quickAccepts).toBe(CATCH_UP_AT * 2 + 3);
    expect(readingMaps(guard.doc).comments.size).toBe(CATCH_UP_AT * 2 + 4);
    expect(contents(guard.doc)).toEqual(contents(live));
  });

  it("leaves to the full check whatever it cannot settle, which then judges as before", () => {
    const live = new Y.Doc();
    const guard = guardOver(live);
    const send = (actor: Actor, change: (replica: Y.Doc) => void) => sendTo(live, guard, actor, change);
    let thread = "";
    expect(send(alice, (doc) => (thread = createComment(doc, { authorId: alice.id, highlightId: null, parentId: null, body: "First" })))).toEqual({ ok: true, changed: true });
    // An edit, a delete and a refusal go the full way, after the shadow has caught up with the queue.
    expect(send(alice, (doc) => editComment(doc, thread, "First, edited"))).toEqual({ ok: true, changed: true });
    expect(send(bob, (doc) => editComment(doc, thread, "Bob's words now"))).toMatchObject({ ok: false, reason: expect.stringMatching(/your own comments/) });
    expect(send(bob, (doc) => createComment(doc, { authorId: alice.id, highlightId: null, parentId: null, body: "In alice's name" }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/own name/),
    });
    expect(guard.quickAccepts).toBe(1);
    // The refusals rebuilt the shadow; the quick path carries on from it.
    expect(send(bob, (doc) => createComment(doc, { authorId: bob.id, highlightId: null, parentId: thread, body: "Reply" }))).toEqual({ ok: true, changed: true });
    expect(guard.quickAccepts).toBe(2);
    expect(contents(guard.doc)).toEqual(contents(live));
    expect((readingMaps(live).comments.get(thread) as Y.Map<unknown>).get("body")).toBe("First, edited");
  });

  it("is not taken for an update under another editor's client id", () => {
    const live = new Y.Doc();
    const guard = guardOver(live);
    const mine = updateFrom(live, (doc) => createComment(doc, { authorId: alice.id, highlightId: null, parentId: null, body: "Mine" }), 4242);
    expect(guard.check(mine, readingJudge(context(alice)), alice.id).ok).toBe(true);
    Y.applyUpdate(live, mine);
    const forged = updateFrom(live, (doc) => createComment(doc, { authorId: bob.id, highlightId: null, parentId: null, body: "In alice's clock" }), 4242);
    expect(guard.check(forged, readingJudge(context(bob)), bob.id)).toMatchObject({ ok: false, reason: expect.stringMatching(/another editor's client id/) });
    expect(guard.quickAccepts).toBe(1);
  });
});

// Values a hostile classmate may put in a field, beside honest ones.
const hostileValues = (now: number): unknown[] => [
  undefined,
  null,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  BigInt(now),
  now + 0.5,
  now + MAX_CLOCK_AHEAD_MS + 60_000,
  1,
  String(now),
  "",
  "   ",
  "x".repeat(10_001),
  "../../x",
  new Uint8Array([1, 2, 3]),
  [1, 2],
  { html: "<b>hi</b>" },
  true,
  0,
  -1,
  "note",
  "question",
  "nonexistent1",
];

describe("the quick path against the full check (seeded)", () => {
  const seed = Number(process.env.QUICK_PATH_SEED ?? Date.now() % 1_000_000);

  it(`gives every update the full check's verdict (seed ${seed})`, () => {
    const random = prng(seed);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const now = Date.now();
    const actors = [alice, bob, student("carol00001")];
    // Two servers over equal documents: one judges with the quick path, the other only with the inspector.
    const quickLive = new Y.Doc();
    const fullLive = new Y.Doc();
    const quick = guardOver(quickLive);
    const full = guardOver(fullLive);
    const ids = { comments: [] as string[], highlights: [] as string[] };
    const stale: Y.Doc[] = [];
    const clientIds = [101, 102, 103, 104, 105, 106];

    const entryChange = (actor: Actor) => (doc: Y.Doc) => {
      const kind = pick(["comment", "comment", "highlight", "reaction", "two", "reply"] as const);
      const maps = readingMaps(doc);
      const mangle = (fields: Record<string, unknown>) => {
        // Most updates are honest; the rest change, drop or add one field.
        const roll = random();
        if (roll < 0.7) return fields;
        const names = Object.keys(fields);
        if (roll < 0.9) return { ...fields, [pick(names)]: pick(hostileValues(now)) };
        if (roll < 0.95) {
          const { [pick(names)]: _dropped, ...rest } = fields;
          return rest;
        }
        return { ...fields, [pick(["color", "html", "answeredIn", "__proto__x"])]: pick(hostileValues(now)) };
      };
      const asMap = (fields: Record<string, unknown>) => {
        const map = new Y.Map<unknown>();
        for (const [field, value] of Object.entries(fields)) if (value !== undefined || random() < 0.5) map.set(field, value as never);
        return map;
      };
      const newId = () => (random() < 0.05 ? pick([...ids.comments, ...ids.highlights, "x"]) ?? "shortid" : `e${Math.floor(random() * 1e12).toString(36).padStart(9, "0")}`);
      const comment = (id: string, highlightId: string | null, parentId: string | null) =>
        mangle({ id, highlightId, parentId, authorId: random() < 0.95 ? actor.id : pick(actors).id, body: `Point ${id}`, createdAt: now, editedAt: null, resolvedAt: null, resolvedBy: null, deleted: false });
      const highlight = (id: string) => mangle({ id, authorId: random() < 0.9 ? actor.id : pick(actors).id, kind: random() < 0.9 ? pick(["note", "question"]) : "rant", target, createdAt: now });
      doc.transact(() => {
        if (kind === "comment") {
          const id = newId();
          maps.comments.set(id, asMap(comment(id, random() < 0.3 ? (pick(ids.highlights) ?? null) : null, null)));
        } else if (kind === "reply") {
          const id = newId();
          maps.comments.set(id, asMap(comment(id, null, pick(ids.comments) ?? "nonexistent1")));
        } else if (kind === "highlight") {
          const id = newId();
          maps.highlights.set(id, asMap(highlight(id)));
        } else if (kind === "two") {
          const highlightId = newId();
          const commentId = newId();
          maps.highlights.set(highlightId, asMap(highlight(highlightId)));
          maps.comments.set(commentId, asMap(comment(commentId, highlightId, null)));
        } else {
          const commentId = pick(ids.comments) ?? "nonexistent1";
          (maps.reactions as Y.Map<unknown>).set(`${commentId}|${random() < 0.9 ? actor.id : pick(actors).id}`, random() < 0.9 ? true : pick(hostileValues(now)));
        }
        if (random() < 0.03) doc.getMap("secrets").set("x", 1);
        if (random() < 0.03) (maps.comments.get(pick(ids.comments) ?? "") as Y.Map<unknown> | undefined)?.set("body", "Replaced");
      });
    };

    const verdicts: Array<{ quick: CheckResult; full: CheckResult }> = [];
    for (let round = 0; round < 600; round++) {
      const actor = pick(actors);
      let update: Uint8Array;
      const roll = random();
      if (roll < 0.1 && stale.length > 0) {
        // A replica that missed recent changes (offline, slow): its clocks may overlap what the server has.
        const replica = pick(stale);
        const before = Y.encodeStateVector(replica);
        entryChange(actor)(replica);
        update = Y.encodeStateAsUpdate(replica, before);
      } else {
        // Now and then under a client id another classmate may have written under.
        update = updateFrom(quickLive, entryChange(actor), random() < 0.1 ? pick(clientIds) : undefined);
        if (random() < 0.05) {
          const replica = new Y.Doc();
          Y.applyUpdate(replica, Y.encodeStateAsUpdate(quickLive));
          stale.push(replica);
        }
      }
      if (roll > 0.95) {
        // A byte flipped in transit or on purpose.
        update = update.slice();
        const at = Math.floor(random() * update.length);
        update[at] = update[at]! ^ (1 << Math.floor(random() * 8));
      }
      const resend = roll > 0.9 && roll <= 0.95 && verdicts.length > 0;
      const result = {
        quick: quick.check(update, readingJudge(context(actor, now)), actor.id),
        full: full.check(update, readingInspector(context(actor, now)), actor.id),
      };
      verdicts.push(result);
      expect(result.quick, `round ${round} (seed ${seed})`).toEqual(result.full);
      if (result.quick.ok) {
        Y.applyUpdate(quickLive, update);
        Y.applyUpdate(fullLive, update);
        if (resend) expect(quick.check(update, readingJudge(context(actor, now)), actor.id)).toEqual({ ok: true, changed: false });
        ids.comments = [...readingMaps(quickLive).comments.keys()];
        ids.highlights = [...readingMaps(quickLive).highlights.keys()];
      }
    }
    // The stream held both kinds of verdict, and the quick path carried a good part of the accepted ones.
    const accepted = verdicts.filter((verdict) => verdict.full.ok).length;
    expect(accepted).toBeGreaterThan(150);
    expect(verdicts.length - accepted).toBeGreaterThan(120);
    expect(quick.quickAccepts).toBeGreaterThan(accepted / 2);
    expect(contents(quick.doc)).toEqual(contents(full.doc));
    expect(contents(quickLive)).toEqual(contents(fullLive));
    expect(Y.encodeStateVector(quick.doc)).toEqual(Y.encodeStateVector(quickLive));
  });
});
