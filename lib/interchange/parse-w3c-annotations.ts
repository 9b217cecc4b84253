// Reads a W3C Web Annotation file (ours or another tool's) into source annotations. Replies are
// annotations whose target is another annotation; tagging bodies are tags; every other text body is
// the annotation's text.
import { z } from "zod";
import { AppError } from "../errors/app-error.ts";
import { parseOrRefuse } from "./parse-or-refuse.ts";
import { MAX_ANNOTATIONS_PER_FILE } from "./annotation-file-limits.ts";
import { parseTime, type SourceAnnotation, type SourceAuthor } from "./source-annotation.ts";
import {
  w3cAnnotationSchema,
  w3cCollectionSchema,
  w3cPageSchema,
  type W3cAgent,
  type W3cAnnotation,
  type W3cSelector as Selector,
  type W3cTarget as Target,
} from "./w3c-annotation-schema.ts";

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const typesOf = (value: unknown): string[] => (typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((item) => typeof item === "string") : []);

const FILE = "W3C annotation file";

/** Our own annotation ids are `<site>/readings/<id>#highlight-<entry>` or `#comment-<entry>`: a target of that form answers one of ours. */
const OWN_ANNOTATION = /\/readings\/[^/#]+#(?:highlight|comment)-[A-Za-z0-9_-]{8,64}$/;

/** The annotations of a parsed W3C document; throws INVALID_INPUT naming the first problem and where. */
export function parseW3cAnnotations(data: unknown): SourceAnnotation[] {
  const annotations = w3cItems(data);
  if (annotations.length > MAX_ANNOTATIONS_PER_FILE) {
    throw new AppError("INVALID_INPUT", `A file may hold at most ${MAX_ANNOTATIONS_PER_FILE.toLocaleString("en-US")} annotations; this one has ${annotations.length.toLocaleString("en-US")}.`);
  }
  const ids = new Set<string>();
  for (const annotation of annotations) {
    if (ids.has(annotation.id)) throw new AppError("INVALID_INPUT", `The annotation ${annotation.id} appears twice in the file.`);
    ids.add(annotation.id);
  }
  return annotations.map((annotation) => toSource(annotation, ids));
}

function w3cItems(data: unknown): W3cAnnotation[] {
  if (Array.isArray(data)) return parseOrRefuse(z.array(w3cAnnotationSchema), data, FILE);
  const types = typesOf((data as { type?: unknown } | null)?.type);
  if (types.includes("AnnotationCollection")) return parseOrRefuse(w3cCollectionSchema, data, FILE).first.items;
  if (types.includes("AnnotationPage")) return parseOrRefuse(w3cPageSchema, data, FILE).items;
  if (types.includes("Annotation")) return [parseOrRefuse(w3cAnnotationSchema, data, FILE)];
  throw new AppError("INVALID_INPUT", "This is not a W3C annotation file: its type must be Annotation, AnnotationPage or AnnotationCollection.");
}

function toSource(annotation: W3cAnnotation, ids: Set<string>): SourceAnnotation {
  const motivations = typesOf(annotation.motivation);
  const targets = asList(annotation.target);
  let source: string | null = null;
  let replyTo: string | null = null;
  let quote: SourceAnnotation["quote"] = null;
  let position: SourceAnnotation["position"] = null;
  for (const target of targets) {
    const link = targetLink(target);
    if (link && (ids.has(link) || OWN_ANNOTATION.test(link) || motivations.includes("replying"))) {
      replyTo ??= link;
      continue;
    }
    source ??= link;
    for (const selector of selectorsOf(target)) {
      if (selector.type === "TextQuoteSelector" && selector.exact) quote ??= { exact: selector.exact, prefix: selector.prefix ?? "", suffix: selector.suffix ?? "" };
      if (selector.type === "TextPositionSelector" && selector.start !== undefined && selector.end !== undefined && selector.end > selector.start) {
        position ??= { start: selector.start, end: selector.end };
      }
    }
  }
  const texts: string[] = [];
  const tags: string[] = [];
  if (annotation.bodyValue?.trim()) texts.push(annotation.bodyValue.trim());
  for (const body of asList(annotation.body)) {
    if (typeof body === "string" || body.value === undefined) continue;
    if (typesOf(body.purpose).includes("tagging")) tags.push(body.value.trim());
    else if (body.value.trim()) texts.push(body.value.trim());
  }
  return {
    sourceId: annotation.id,
    source,
    replyTo,
    ancestors: [],
    quote,
    position: quote ? position : null,
    text: texts.join("\n\n"),
    tags: tags.filter(Boolean),
    motivation: motivations[0] ?? null,
    author: authorOf(asList(annotation.creator)[0]),
    created: parseTime(annotation.created) ?? parseTime(annotation.modified),
  };
}

function targetLink(target: Target): string | null {
  if (typeof target === "string") return target;
  if (target.source !== undefined) return typeof target.source === "string" ? target.source : target.source.id;
  return target.id ?? null;
}

function selectorsOf(target: Target): Selector[] {
  if (typeof target === "string") return [];
  return asList(target.selector).filter((selector): selector is Selector => typeof selector !== "string");
}

function authorOf(agent: W3cAgent | undefined): SourceAuthor | null {
  if (agent === undefined) return null;
  if (typeof agent === "string") return { id: agent, name: null, nickname: null, email: null, emailSha1: null };
  const email = asList(agent.email)[0];
  return {
    id: agent.id ?? null,
    name: asList(agent.name)[0] ?? null,
    nickname: agent.nickname ?? null,
    email: email ? email.replace(/^mailto:/i, "").trim().toLowerCase() : null,
    emailSha1: asList(agent.email_sha1)[0]?.toLowerCase() ?? null,
  };
}
