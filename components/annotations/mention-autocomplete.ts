// The pure half of @mention autocomplete: find the "@query" being typed, rank members, splice in the pick.

export interface Member {
  id: string;
  name: string;
  /** Members without a handle cannot be mentioned (mentions are by handle). */
  handle: string | null;
}

const HANDLE_CHAR = /[A-Za-z0-9._-]/;
// Same rule as the comment parser: an "@" right after a word character (an email address) is not a mention.
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const VALID_HANDLE = /^[a-z0-9._-]{1,64}$/i;

/** The "@query" that ends at the caret, when the writer is in the middle of a mention. */
export function mentionQuery(value: string, caret: number): { start: number; query: string } | null {
  let at = caret;
  while (at > 0 && HANDLE_CHAR.test(value[at - 1]!)) at--;
  if (at === 0 || value[at - 1] !== "@") return null;
  const start = at - 1;
  if (start > 0 && WORD_CHAR.test(value[start - 1]!)) return null;
  const query = value.slice(at, caret);
  if (!/^[A-Za-z]/.test(query) || query.length > 64) return null;
  return { start, query };
}

/** Members whose handle or name matches, best first: handle prefix, name prefix, word prefix, anywhere. */
export function matchMembers<M extends Member>(members: readonly M[], query: string, limit = 6): M[] {
  const needle = query.toLowerCase();
  const rank = (member: M): number => {
    const handle = member.handle!.toLowerCase();
    const name = member.name.toLowerCase();
    if (handle.startsWith(needle)) return 0;
    if (name.startsWith(needle)) return 1;
    if (name.split(/\s+/).some((word) => word.startsWith(needle))) return 2;
    if (handle.includes(needle) || name.includes(needle)) return 3;
    return -1;
  };
  return members
    .filter((member) => member.handle !== null && VALID_HANDLE.test(member.handle))
    .map((member) => ({ member, score: rank(member) }))
    .filter((entry) => entry.score >= 0)
    .sort((a, b) => a.score - b.score || a.member.name.localeCompare(b.member.name))
    .slice(0, limit)
    .map((entry) => entry.member);
}

/** Replaces the "@query" between `start` and the caret with "@handle " and says where the caret goes. */
export function insertMention(value: string, start: number, caret: number, handle: string): { value: string; caret: number } {
  const inserted = `@${handle} `;
  // Don't double the space when the writer already typed one after the query.
  const rest = value.slice(caret).replace(/^ /, "");
  return { value: value.slice(0, start) + inserted + rest, caret: start + inserted.length };
}
