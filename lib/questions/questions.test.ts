import { describe, expect, it } from "vitest";
import { asksSomething, collectOpenQuestions, parseAnsweredIn, rankQuestions, type HighlightInput, type ThreadInput } from "./questions.ts";

describe("asksSomething: ends with ? or a sentence starts with a question word", () => {
  it.each<[string, boolean]>([
    ["Why rank 8?", true],
    ["Is this better than full fine-tuning", true],
    ["how do they pick alpha", true],
    ["Nice result. Why only English", true],
    ["Nice result. But why only English", false],
    ["Great paper!\nDoes it scale", true],
    ["It scales to 70B?", true],
    ["Trailing space?   ", true],
    ["Great paper", false],
    ["This is what they did", false],
    ["Anyhow, fine.", false],
    ["Whatever works.", false],
    ["The how is unclear.", false],
    ["", false],
    ["   ", false],
    ["?", true],
  ])("%j -> %s", (body, expected) => {
    expect(asksSomething(body)).toBe(expected);
  });
});

describe("rankQuestions: most +1 first, then the most recent, then by id", () => {
  const q = (id: string, votes: number, askedAt: number) => ({ id, votes, askedAt });
  it.each<[string, Array<ReturnType<typeof q>>, string[]]>([
    ["more +1s win over recency", [q("a", 0, 300), q("b", 2, 100), q("c", 1, 200)], ["b", "c", "a"]],
    ["equal +1s: the most recent first", [q("a", 1, 100), q("b", 1, 300), q("c", 1, 200)], ["b", "c", "a"]],
    ["equal +1s and time: by id", [q("b", 1, 100), q("a", 1, 100)], ["a", "b"]],
    ["an old question with +1s beats a new one without", [q("new", 0, 9_000), q("old", 1, 1)], ["old", "new"]],
    ["nothing to rank", [], []],
  ])("%s", (_name, input, expected) => {
    expect(rankQuestions(input).map((question) => question.id)).toEqual(expected);
  });

  it("does not reorder its input", () => {
    const input = [q("a", 0, 1), q("b", 5, 1)];
    rankQuestions(input);
    expect(input.map((question) => question.id)).toEqual(["a", "b"]);
  });
});

describe("collectOpenQuestions", () => {
  const at = (ms: number) => new Date(ms);
  const highlight = (over: Partial<HighlightInput>): HighlightInput => ({ readingId: "r1", id: "h1", authorId: "u1", kind: "question", exact: "low-rank", createdAt: at(100), answeredIn: null, ...over });
  const thread = (over: Partial<ThreadInput>): ThreadInput => ({
    readingId: "r1",
    id: "c1",
    highlightId: null,
    authorId: "u2",
    body: "Why?",
    createdAt: at(200),
    resolvedAt: null,
    deleted: false,
    reactionCount: 0,
    answeredIn: null,
    ...over,
  });
  const answered = { draftId: "d1", href: "/sessions/s/drafts/presentation" };

  it.each<[string, HighlightInput[], ThreadInput[], Array<Partial<ReturnType<typeof collectOpenQuestions>[number]>>]>([
    ["a question highlight with no thread", [highlight({})], [], [{ type: "highlight", id: "h1", passage: "low-rank", text: null, votes: 0 }]],
    [
      "a question highlight's threads are part of it: +1s add up, the first open one is its text",
      [highlight({})],
      [thread({ id: "c1", highlightId: "h1", body: "Rank?", reactionCount: 2 }), thread({ id: "c2", highlightId: "h1", body: "Later", createdAt: at(300), reactionCount: 1 })],
      [{ type: "highlight", id: "h1", commentId: "c1", text: "Rank?", votes: 3 }],
    ],
    ["a question highlight whose threads are all resolved is closed", [highlight({})], [thread({ highlightId: "h1", resolvedAt: at(400) })], []],
    ["a thread that asks, on the paper", [], [thread({ body: "How does it scale?", reactionCount: 4 })], [{ type: "thread", id: "c1", highlightId: null, passage: null, votes: 4 }]],
    ["a thread that asks, on a note highlight: the note's passage", [highlight({ kind: "note", exact: "adapters" })], [thread({ highlightId: "h1" })], [{ type: "thread", passage: "adapters" }]],
    ["a thread that does not ask", [], [thread({ body: "Great paper" })], []],
    ["a resolved thread", [], [thread({ resolvedAt: at(500) })], []],
    ["a deleted thread", [], [thread({ deleted: true, body: "" })], []],
    ["answeredIn is read", [highlight({ answeredIn: JSON.stringify(answered) })], [], [{ answeredIn: answered }]],
    ["unreadable answeredIn counts as not answered", [highlight({ answeredIn: "{broken" })], [], [{ answeredIn: null }]],
    ["same ids in two readings stay apart", [highlight({}), highlight({ readingId: "r2" })], [thread({ readingId: "r2", highlightId: "h1", resolvedAt: at(1) })], [{ readingId: "r1" }]],
  ])("%s", (_name, highlights, threads, expected) => {
    const found = collectOpenQuestions(highlights, threads);
    expect(found).toHaveLength(expected.length);
    expected.forEach((fields, index) => expect(found[index]).toMatchObject(fields));
  });

  it("parseAnsweredIn refuses a link outside the session's pages", () => {
    expect(parseAnsweredIn(JSON.stringify({ draftId: "d1", href: "https://elsewhere.example" }))).toBeNull();
    expect(parseAnsweredIn(JSON.stringify(answered))).toEqual(answered);
  });
});
