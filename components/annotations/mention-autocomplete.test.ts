import { describe, expect, it } from "vitest";
import { extractMentions } from "@/lib/rich-text";
import { insertMention, matchMembers, mentionQuery, type Member } from "./mention-autocomplete";

describe("mentionQuery", () => {
  it.each<[string, string, { start: number; query: string } | null]>([
    ["at the start", "@al|", { start: 0, query: "al" }],
    ["after a space", "hi @Bo|", { start: 3, query: "Bo" }],
    ["after punctuation", "(@ana|", { start: 1, query: "ana" }],
    ["caret in the middle of the handle", "@ali|ce", { start: 0, query: "ali" }],
    ["handle characters", "@ana.lo_p-|", { start: 0, query: "ana.lo_p-" }],
    ["a lone @ waits for letters", "hi @|", null],
    ["must start with a letter", "@1|", null],
    ["an email address is not a mention", "mail ana@uni|", null],
    ["a space ends the mention", "@ana |", null],
    ["no @ at all", "hello|", null],
  ])("%s", (_name, marked, expected) => {
    const caret = marked.indexOf("|");
    expect(mentionQuery(marked.replace("|", ""), caret)).toEqual(expected);
  });
});

describe("matchMembers", () => {
  const members: Member[] = [
    { id: "1", name: "Alice Moreau", handle: "alice" },
    { id: "2", name: "Bob Tanaka", handle: "btanaka" },
    { id: "3", name: "Malika Ali", handle: "mali" },
    { id: "4", name: "Alina No-Handle", handle: null },
    { id: "5", name: "Broken", handle: "has space" },
  ];
  it.each<[string, string, string[]]>([
    ["handle prefix first, then name word prefix", "ali", ["1", "3"]],
    ["case-insensitive name prefix", "BOB", ["2"]],
    ["surname", "tanaka", ["2"]],
    ["anywhere in the name", "reau", ["1"]],
    ["nobody", "zed", []],
    ["members without a valid handle are never offered", "b", ["2"]],
  ])("%s", (_name, query, ids) => {
    expect(matchMembers(members, query).map((member) => member.id)).toEqual(ids);
  });

  it("limits the list", () => {
    const many = Array.from({ length: 20 }, (_, index) => ({ id: String(index), name: `Sam ${index}`, handle: `sam${index}` }));
    expect(matchMembers(many, "sam", 6)).toHaveLength(6);
  });
});

describe("insertMention", () => {
  it.each<[string, string, string, string]>([
    ["replaces the query and adds a space", "hi @al|", "alice", "hi @alice |"],
    ["keeps the text after the caret", "hi @al| there", "alice", "hi @alice |there"],
    ["completes a handle typed halfway", "@ali|ce", "alice", "@alice |ce"],
  ])("%s", (_name, marked, handle, expected) => {
    const caret = marked.indexOf("|");
    const value = marked.replace("|", "");
    const query = mentionQuery(value, caret)!;
    const result = insertMention(value, query.start, caret, handle);
    expect(result.value.slice(0, result.caret) + "|" + result.value.slice(result.caret)).toBe(expected);
  });

  it("produces a mention the comment parser recognises", () => {
    const result = insertMention("thanks @bt", 7, 10, "btanaka");
    expect(extractMentions(`${result.value}for this`)).toEqual(["btanaka"]);
  });
});
