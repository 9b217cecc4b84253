// Parser for the course's reading-list format (one class session per file):
//
//   LLM fine tuning                      <- session title
//   - Lead team: team-1                  <- session details
//   - Blog team: team-5
//   In this session, our readings cover: <- prose ending in ':' is ignored
//   Required Readings:                   <- section header (required | more | related)
//   Instruction Tuning for ...           <- reading title ("related: " marks one reading as related)
//   - https://arxiv.org/abs/2308.10792   <- a bare link: the reading's link (the first) or a further one
//   - Shengyu Zhang, Linfeng Dong, ...   <- authors (may run straight into the abstract)
//   - This paper surveys ...             <- abstract
//   - Plus the DBRX model https://...    <- a short line with one link: a further, labelled link
//
// Text is kept as written. Errors carry the line they are on; a file with any error imports nothing.
import { z } from "zod";
import type { ErrorIssue } from "../errors/app-error.ts";

export const MAX_FILE_BYTES = 1024 * 1024;
const MAX_TITLE_LENGTH = 500;
const MAX_LABELLED_LINK_LENGTH = 300;

export const readingSectionSchema = z.enum(["REQUIRED", "MORE", "RELATED"]);
export type ReadingSectionName = z.infer<typeof readingSectionSchema>;

export const readingLinkSchema = z.object({ url: z.url({ protocol: /^https?$/ }), label: z.string().nullable() });
export type ReadingLink = z.infer<typeof readingLinkSchema>;

export interface ParsedReading {
  section: ReadingSectionName;
  title: string;
  url: string | null;
  extraLinks: ReadingLink[];
  authors: string[];
  abstract: string;
  /** Line of the reading's title in the file. */
  line: number;
}

export interface ParsedSession {
  title: string;
  slug: string;
  leadTeam: string | null;
  blogTeam: string | null;
  readings: ParsedReading[];
}

export type ParseResult = { ok: true; session: ParsedSession } | { ok: false; issues: ErrorIssue[] };

/** Turns a file's bytes into text, refusing what is not a UTF-8 text file of a sane size. */
export function decodeSessionFile(bytes: Uint8Array): { ok: true; text: string } | { ok: false; issues: ErrorIssue[] } {
  if (bytes.byteLength > MAX_FILE_BYTES) {
    return fail(undefined, `The file is ${formatBytes(bytes.byteLength)}; a reading list may be at most 1 MB.`);
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] === 0) {
      return fail(line, "This looks like a binary file (it contains a NUL byte). Save the reading list as plain UTF-8 text.");
    }
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return fail(line, "This line is not valid UTF-8 text. Save the file with UTF-8 encoding.");
      }
      line++;
      start = i + 1;
    }
  }
  return { ok: true, text: new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "") };
}

const SECTION_HEADERS: Array<[RegExp, ReadingSectionName]> = [
  [/^required(\s+readings?)?\s*:?$/i, "REQUIRED"],
  [/^(more|optional|further|additional)(\s+readings?)?\s*:?$/i, "MORE"],
  [/^related(\s+readings?)?\s*:?$/i, "RELATED"],
];
const RELATED_PREFIX = /^related:\s*/i;
const BULLET = /^[-*•]\s+/;
const BARE_URL = /^https?:\/\/\S+$/;
const URL_IN_TEXT = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g;
const TEAM_DETAIL = /^(lead|blog)\s+team\s*:\s*(.*)$/i;
const TEAM_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

interface ReadingDraft {
  section: ReadingSectionName;
  title: string;
  line: number;
  bullets: Array<{ text: string; line: number }>;
}

export function parseSessionText(text: string): ParseResult {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const issues: ErrorIssue[] = [];
  let title: string | null = null;
  let leadTeam: string | null = null;
  let blogTeam: string | null = null;
  let section: ReadingSectionName = "REQUIRED";
  const drafts: ReadingDraft[] = [];
  let current: ReadingDraft | null = null;

  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (!content) return;
    const bullet = BULLET.test(content) ? content.replace(BULLET, "").trim() : null;

    if (title === null) {
      if (bullet !== null || SECTION_HEADERS.some(([pattern]) => pattern.test(content))) {
        issues.push({ line, message: "The file must start with the session's title on a line of its own (for example \"LLM fine tuning\")." });
        title = "";
      } else {
        title = content;
        if (title.length > MAX_TITLE_LENGTH) issues.push({ line, message: `The session title is longer than ${MAX_TITLE_LENGTH} characters.` });
      }
      return;
    }

    if (bullet !== null) {
      if (current) {
        if (bullet) current.bullets.push({ text: bullet, line });
        return;
      }
      const team = TEAM_DETAIL.exec(bullet);
      if (team && drafts.length === 0) {
        const slug = team[2]!.trim().toLowerCase();
        if (!TEAM_SLUG.test(slug)) {
          issues.push({ line, message: `"${team[2]!.trim()}" is not a team name: use a name like team-1.` });
        } else if (team[1]!.toLowerCase() === "lead") {
          leadTeam = slug;
        } else {
          blogTeam = slug;
        }
        return;
      }
      issues.push({
        line,
        message: "This detail line comes before any reading title. Put the reading's title on its own line above it.",
      });
      return;
    }

    const header = SECTION_HEADERS.find(([pattern]) => pattern.test(content));
    if (header) {
      section = header[1];
      current = null;
      return;
    }
    if (content.endsWith(":") && !current && drafts.length === 0) return; // an introduction such as "our readings cover:"

    const related = RELATED_PREFIX.test(content);
    const readingTitle = related ? content.replace(RELATED_PREFIX, "").trim() : content;
    if (readingTitle.length > MAX_TITLE_LENGTH) {
      issues.push({ line, message: `This title is longer than ${MAX_TITLE_LENGTH} characters: is a detail line missing its leading "- "?` });
    }
    const duplicate = drafts.find((draft) => draft.title === readingTitle);
    if (duplicate) {
      issues.push({ line, message: `"${readingTitle}" is listed twice (first on line ${duplicate.line}).` });
    }
    current = { section: related ? "RELATED" : section, title: readingTitle, line, bullets: [] };
    drafts.push(current);
  });

  if (title === null) return { ok: false, issues: [{ message: "The file is empty: it needs a session title and its readings." }] };
  if (issues.length > 0) return { ok: false, issues };

  const readings = drafts.map(toReading);
  for (const reading of readings) {
    for (const link of [reading.url, ...reading.extraLinks.map((extra) => extra.url)]) {
      if (link && !readingLinkSchema.shape.url.safeParse(link).success) {
        issues.push({ line: reading.line, message: `The link ${link} of "${reading.title}" is not a valid web address.` });
      }
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, session: { title: title as string, slug: slugify(title as string), leadTeam, blogTeam, readings } };
}

function toReading(draft: ReadingDraft): ParsedReading {
  const reading: ParsedReading = {
    section: draft.section,
    title: draft.title,
    url: null,
    extraLinks: [],
    authors: [],
    abstract: "",
    line: draft.line,
  };
  const paragraphs: string[] = [];
  for (const { text } of draft.bullets) {
    if (BARE_URL.test(text)) {
      if (reading.url === null) reading.url = text;
      else reading.extraLinks.push({ url: text, label: null });
      continue;
    }
    const urls = text.match(URL_IN_TEXT) ?? [];
    if (urls.length === 1 && text.length <= MAX_LABELLED_LINK_LENGTH) {
      const label = text.replace(urls[0]!, "").replace(/\s+/g, " ").replace(/[\s:–-]+$/, "").trim();
      reading.extraLinks.push({ url: urls[0]!, label: label || null });
      continue;
    }
    if (reading.authors.length === 0 && paragraphs.length === 0) {
      const split = splitAuthors(text);
      if (split) {
        reading.authors = split.authors;
        if (split.rest) paragraphs.push(split.rest);
        continue;
      }
    }
    paragraphs.push(text);
  }
  reading.abstract = paragraphs.join("\n\n");
  return reading;
}

const NAME_PARTICLES = new Set(["von", "van", "de", "der", "den", "da", "di", "du", "del", "della", "le", "la", "bin", "al", "y", "dos", "das"]);
const CAPITALISED_WORD = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;

function isName(tokens: string[]): boolean {
  if (tokens.length < 2 || tokens.length > 5) return false;
  if (!CAPITALISED_WORD.test(tokens[0]!) || !CAPITALISED_WORD.test(tokens.at(-1)!)) return false;
  return tokens.every((token) => CAPITALISED_WORD.test(token) || NAME_PARTICLES.has(token));
}

/**
 * Reads a line as a comma-separated author list. When the last name runs straight into the abstract
 * ("Luke Zettlemoyer We present QLoRA, ...") the abstract is split off at the sentence's first word.
 * Returns null when the line is not an author list.
 */
export function splitAuthors(text: string): { authors: string[]; rest: string } | null {
  const authors: string[] = [];
  let offset = 0;
  while (offset < text.length) {
    const comma = text.indexOf(",", offset);
    const item = text.slice(offset, comma === -1 ? text.length : comma).trim();
    const tokens = item.split(/\s+/);
    if (isName(tokens)) {
      authors.push(tokens.join(" "));
      if (comma === -1) return { authors, rest: "" };
      offset = comma + 1;
      continue;
    }
    if (authors.length < 1) return null;
    // The last author followed by the first words of the abstract.
    for (let k = 2; k <= Math.min(5, tokens.length - 2); k++) {
      const sentenceStart = tokens[k]!;
      const next = tokens[k + 1]!;
      if (isName(tokens.slice(0, k)) && CAPITALISED_WORD.test(sentenceStart) && /^\p{Ll}/u.test(next)) {
        authors.push(tokens.slice(0, k).join(" "));
        const restStart = text.indexOf(sentenceStart, offset + text.slice(offset).indexOf(tokens[k - 1]!) + tokens[k - 1]!.length);
        return { authors, rest: text.slice(restStart).trim() };
      }
    }
    return null;
  }
  return authors.length > 0 ? { authors, rest: "" } : null;
}

export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return slug || "session";
}

function fail(line: number | undefined, message: string): { ok: false; issues: ErrorIssue[] } {
  return { ok: false, issues: [line === undefined ? { message } : { line, message }] };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
