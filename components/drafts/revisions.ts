// The revisions API as the browser sees it, and the "Changes since" view as data: which lines to
// show, with which sign, colour and spoken label, and where long unchanged stretches fold away.
import { z } from "zod/mini";

const nullableString = z.pipe(
  z.catch(z.nullish(z.string()), null),
  z.transform((value) => value ?? null),
);
const id = z.string().check(z.minLength(1));
const auto = z.catch(z.boolean(), false);

export const revisionSummarySchema = z.object({
  id,
  name: nullableString,
  auto,
  createdAt: z.string(),
  createdByName: nullableString,
});

export type RevisionSummary = z.output<typeof revisionSummarySchema>;

export const revisionListSchema = z.object({ revisions: z.array(revisionSummarySchema) });

export const diffLineSchema = z.object({ op: z.enum(["same", "added", "removed"]), text: z.string() });
export type DiffLine = z.output<typeof diffLineSchema>;

const lineCount = z.number().check(z.int(), z.nonnegative());

/** What changed since the revision: line by line, too different for that (the server gave up), or unreadable. */
export const revisionDiffSchema = z.catch(
  z.discriminatedUnion("status", [
    z.object({ status: z.literal("lines"), lines: z.array(diffLineSchema) }),
    z.object({ status: z.literal("too-different"), beforeLines: lineCount, afterLines: lineCount }),
    z.object({ status: z.literal("unavailable") }),
  ]),
  { status: "unavailable" },
);

export type RevisionDiff = z.output<typeof revisionDiffSchema>;

export const revisionDetailSchema = z.object({
  id,
  name: nullableString,
  auto,
  createdAt: z.string(),
  // ProseMirror JSON; checked against the draft schema before it is shown.
  json: z.unknown(),
  markdown: z.catch(z.string(), ""),
  diff: revisionDiffSchema,
});

export type RevisionDetail = z.output<typeof revisionDetailSchema>;

/** The row's title: its name, or what kind of revision it is. */
export function revisionTitle(revision: Pick<RevisionSummary, "name" | "auto">): string {
  const name = revision.name?.trim();
  if (name) return name;
  return revision.auto ? "Automatic save" : "Unnamed revision";
}

/** The "who" half of a row's "who and when". */
export function revisionAuthor(revision: Pick<RevisionSummary, "auto" | "createdByName">): string {
  if (revision.auto) return "Automatic";
  return revision.createdByName?.trim() || "A former member";
}

/** Newest first, whatever order the server sent (ties keep the server's order). */
export function sortRevisions(revisions: readonly RevisionSummary[]): RevisionSummary[] {
  const time = (iso: string) => Date.parse(iso) || 0;
  return revisions
    .map((revision, index) => ({ revision, index }))
    .sort((a, b) => time(b.revision.createdAt) - time(a.revision.createdAt) || a.index - b.index)
    .map(({ revision }) => revision);
}

export type DiffRow =
  | { kind: "line"; key: string; op: DiffLine["op"]; prefix: "+" | "-" | " "; text: string; label: string }
  | { kind: "gap"; key: string; count: number; label: string };

const PREFIX = { added: "+", removed: "-", same: " " } as const;
const SPOKEN = { added: "Added", removed: "Removed", same: "Unchanged" } as const;

/**
 * The diff as rows. Unchanged stretches longer than 2 × `context` + 1 lines fold into one "N
 * unchanged lines" row, keeping `context` lines next to each change; a diff with no change at all
 * folds entirely. (Added lines are in the current draft and not in the revision; removed the reverse.)
 */
export function diffRows(diff: readonly DiffLine[], context = 2): DiffRow[] {
  const rows: DiffRow[] = [];
  const line = (entry: DiffLine, index: number): DiffRow => ({
    kind: "line",
    key: `l${index}`,
    op: entry.op,
    prefix: PREFIX[entry.op],
    text: entry.text,
    label: `${SPOKEN[entry.op]}: ${entry.text.trim() === "" ? "blank line" : entry.text}`,
  });
  const gap = (count: number, index: number): DiffRow => ({
    kind: "gap",
    key: `g${index}`,
    count,
    label: count === 1 ? "1 unchanged line" : `${count} unchanged lines`,
  });
  let index = 0;
  while (index < diff.length) {
    if (diff[index]!.op !== "same") {
      rows.push(line(diff[index]!, index));
      index++;
      continue;
    }
    let end = index;
    while (end < diff.length && diff[end]!.op === "same") end++;
    const atStart = index === 0;
    const atEnd = end === diff.length;
    const keepBefore = atStart ? 0 : context;
    const keepAfter = atEnd ? 0 : context;
    const length = end - index;
    if (length > keepBefore + keepAfter + 1) {
      for (let at = index; at < index + keepBefore; at++) rows.push(line(diff[at]!, at));
      rows.push(gap(length - keepBefore - keepAfter, index + keepBefore));
      for (let at = end - keepAfter; at < end; at++) rows.push(line(diff[at]!, at));
    } else {
      for (let at = index; at < end; at++) rows.push(line(diff[at]!, at));
    }
    index = end;
  }
  return rows;
}

const count = (value: number) => value.toLocaleString("en");

/** The line above the changes: how many lines changed, or why they are not shown line by line. */
export function changesSummary(diff: RevisionDiff): string {
  if (diff.status === "lines") return diffSummary(diff.lines);
  if (diff.status === "unavailable") return "The changes since this revision cannot be shown.";
  const lines = (value: number) => (value === 1 ? "1 line" : `${count(value)} lines`);
  return `Too different to show line by line: this revision has ${lines(diff.beforeLines)}, the current draft ${lines(diff.afterLines)}. The revision itself is shown above.`;
}

/** "2 lines added, 1 removed" / "No changes since this revision." */
export function diffSummary(diff: readonly DiffLine[]): string {
  const added = diff.filter((entry) => entry.op === "added").length;
  const removed = diff.filter((entry) => entry.op === "removed").length;
  if (added === 0 && removed === 0) return "No changes since this revision.";
  const lines = (count: number) => (count === 1 ? "1 line" : `${count} lines`);
  const parts = [added > 0 ? `${lines(added)} added` : null, removed > 0 ? `${lines(removed)} removed` : null].filter(Boolean);
  return `${parts.join(", ")} since this revision.`;
}
