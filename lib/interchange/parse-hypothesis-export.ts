// Reads a Hypothesis export (the JSON of its search API) into source annotations: replies answer the
// last of their `references`, and the others are kept as ancestors for when that one is missing.
import { z } from "zod";
import { AppError } from "../errors/app-error.ts";
import { MAX_ANNOTATIONS_PER_FILE } from "./annotation-file-limits.ts";
import { hypothesisExportSchema, hypothesisRowSchema, type HypothesisRow } from "./hypothesis-export-schema.ts";
import { parseOrRefuse } from "./parse-or-refuse.ts";
import { parseTime, type SourceAnnotation } from "./source-annotation.ts";

const FILE = "Hypothesis export";

/**
 * The annotations of a parsed Hypothesis export: the search API's object with `rows` (and `replies`),
 * the rows alone, or the client's own export file, which lists the same rows under `annotations`.
 */
export function parseHypothesisExport(data: unknown): SourceAnnotation[] {
  const clientExport = data !== null && typeof data === "object" && !Array.isArray(data) && Array.isArray((data as { annotations?: unknown }).annotations);
  if (clientExport) return parseHypothesisExport((data as { annotations: unknown[] }).annotations);
  const rows = Array.isArray(data)
    ? parseOrRefuse(z.array(hypothesisRowSchema), data, FILE)
    : (() => {
        const parsed = parseOrRefuse(hypothesisExportSchema, data, FILE);
        return [...parsed.rows, ...(parsed.replies ?? [])];
      })();
  if (rows.length > MAX_ANNOTATIONS_PER_FILE) {
    throw new AppError("INVALID_INPUT", `A file may hold at most ${MAX_ANNOTATIONS_PER_FILE.toLocaleString("en-US")} annotations; this one has ${rows.length.toLocaleString("en-US")}.`);
  }
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.id)) throw new AppError("INVALID_INPUT", `The annotation ${row.id} appears twice in the file.`);
    seen.add(row.id);
  }
  return rows.map(toSource);
}

function toSource(row: HypothesisRow): SourceAnnotation {
  const target = row.target[0];
  const selectors = target?.selector ?? [];
  const quoteSelector = selectors.find((selector) => selector.type === "TextQuoteSelector" && selector.exact);
  const positionSelector = selectors.find((selector) => selector.type === "TextPositionSelector" && selector.start !== undefined && selector.end !== undefined && selector.end > selector.start);
  const references = row.references ?? [];
  const handle = /^acct:([^@]+)@/.exec(row.user)?.[1] ?? null;
  return {
    sourceId: row.id,
    source: target?.source ?? row.uri,
    replyTo: references.at(-1) ?? null,
    ancestors: references.slice(0, -1).reverse(),
    quote: quoteSelector ? { exact: quoteSelector.exact!, prefix: quoteSelector.prefix ?? "", suffix: quoteSelector.suffix ?? "" } : null,
    position: quoteSelector && positionSelector ? { start: positionSelector.start!, end: positionSelector.end! } : null,
    text: row.text.trim(),
    tags: row.tags.map((tag) => tag.trim()).filter(Boolean),
    motivation: null,
    author: { id: row.user, name: row.user_info?.display_name ?? null, nickname: handle, email: null, emailSha1: null },
    created: parseTime(row.created),
  };
}
