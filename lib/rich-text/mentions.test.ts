import { describe, expect, it } from "vitest";
import { extractMentions } from "./mentions.ts";

describe("extractMentions", () => {
  it.each<[string, string, string[]]>([
    ["none", "no one here", []],
    ["one", "thanks @ana", ["ana"]],
    ["lowercased", "@Ana and @BO", ["ana", "bo"]],
    ["unique, in order of first mention", "@bo @ana @BO @ana", ["bo", "ana"]],
    ["across paragraphs and formatting", "**@ana**\n\n_see @bo's note_", ["ana", "bo"]],
    ["not in code spans", "`@ana` and ``x @bo x`` but @cy", ["cy"]],
    ["not in email addresses", "mail ana@uni.example", []],
    ["not in URLs", "https://example.com/@ana", []],
    ["not in link labels", "[ask @ana](https://example.com)", []],
    ["escaped", "\\@ana", []],
    ["handle characters", "@a.b_c-d9.", ["a.b_c-d9"]],
    ["too long", `@${"a".repeat(65)}`, []],
    ["unicode around", "こんにちは @ana!", ["ana"]],
  ])("%s", (_name, body, handles) => {
    expect(extractMentions(body)).toEqual(handles);
  });
});
