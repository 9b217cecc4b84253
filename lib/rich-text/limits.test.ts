import { describe, expect, it } from "vitest";
import { commentBodySchema, MAX_COMMENT_LENGTH } from "./limits.ts";

describe("commentBodySchema", () => {
  it("has a 10,000 character limit", () => {
    expect(MAX_COMMENT_LENGTH).toBe(10_000);
  });

  it.each<[string, string, string]>([
    ["plain text", "Nice point.", "Nice point."],
    ["surrounding whitespace is trimmed", "  \n Nice point. \n\n", "Nice point."],
    ["exactly the limit", "x".repeat(MAX_COMMENT_LENGTH), "x".repeat(MAX_COMMENT_LENGTH)],
    ["the limit after trimming", ` ${"x".repeat(MAX_COMMENT_LENGTH)}\n`, "x".repeat(MAX_COMMENT_LENGTH)],
    ["markup is kept as written", "<b>**hi**</b>", "<b>**hi**</b>"],
  ])("accepts %s", (_name, input, output) => {
    expect(commentBodySchema.parse(input)).toBe(output);
  });

  it.each<[string, unknown, string]>([
    ["empty", "", "Write something before posting."],
    ["whitespace only", " \n\t ", "Write something before posting."],
    ["missing", undefined, "Write something before posting."],
    ["not text", 42, "A comment must be text."],
    ["one over the limit", "x".repeat(MAX_COMMENT_LENGTH + 1), "Comments can be at most 10,000 characters (this one has 10,001)."],
    ["far over the limit", "y".repeat(123_456), "Comments can be at most 10,000 characters (this one has 123,456)."],
  ])("rejects %s", (_name, input, message) => {
    const result = commentBodySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([message]);
  });
});
