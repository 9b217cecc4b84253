// How long a comment may be, and the schema that checks a body before it is stored.
// zod/mini: the comment composer checks bodies in the browser, where the full zod would cost 30 KiB.
import { z } from "zod/mini";

/** The most characters (UTF-16 code units, as `String.length` counts them) a comment body may have once trimmed. */
export const MAX_COMMENT_LENGTH = 10_000;

const formatCount = (count: number) => count.toLocaleString("en-US");

/** A comment body: trimmed, then 1 to MAX_COMMENT_LENGTH characters. The output is the trimmed text. */
export const commentBodySchema = z
  .string({ error: (issue) => (issue.input == null ? "Write something before posting." : "A comment must be text.") })
  .check(
    z.trim(),
    z.minLength(1, { error: "Write something before posting." }),
    z.maxLength(MAX_COMMENT_LENGTH, {
      error: (issue) => {
        const length = typeof issue.input === "string" ? issue.input.length : MAX_COMMENT_LENGTH + 1;
        return `Comments can be at most ${formatCount(MAX_COMMENT_LENGTH)} characters (this one has ${formatCount(length)}).`;
      },
    }),
  );

export type CommentBody = z.infer<typeof commentBodySchema>;
