// What a comment body must be, in the schema's own words. Loaded on first use (the schema brings zod),
// not with the page: comment-composer.tsx fetches it with the first keystroke.
import { commentBodySchema, MAX_COMMENT_LENGTH } from "@/lib/rich-text/limits";

export { MAX_COMMENT_LENGTH };

/** The first problem commentBodySchema finds, in its own words. */
export function commentBodyError(value: string): string | null {
  const parsed = commentBodySchema.safeParse(value);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? "This comment cannot be posted.");
}
