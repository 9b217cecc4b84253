// Reads an uploaded annotation file: size cap, UTF-8 JSON, then which format it is (W3C or Hypothesis).
import { AppError } from "../errors/app-error.ts";
import { MAX_ANNOTATION_FILE_BYTES } from "./annotation-file-limits.ts";
import { parseHypothesisExport } from "./parse-hypothesis-export.ts";
import { parseW3cAnnotations } from "./parse-w3c-annotations.ts";
import type { ParsedAnnotationFile } from "./source-annotation.ts";

const W3C_TYPES = ["Annotation", "AnnotationPage", "AnnotationCollection"];

/** The file's format and annotations; throws INVALID_INPUT saying what is wrong with it. */
export function parseAnnotationFile(input: Uint8Array | string): ParsedAnnotationFile {
  const size = typeof input === "string" ? Buffer.byteLength(input) : input.byteLength;
  if (size === 0) throw new AppError("INVALID_INPUT", "The file is empty.");
  if (size > MAX_ANNOTATION_FILE_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `An annotation file may be at most ${MAX_ANNOTATION_FILE_BYTES / 1024 / 1024} MB; this one is ${(size / 1024 / 1024).toFixed(1)} MB.`);
  }
  let text: string;
  try {
    text = typeof input === "string" ? input : new TextDecoder("utf-8", { fatal: true }).decode(input);
  } catch {
    throw new AppError("INVALID_INPUT", "The file is not UTF-8 text: export the annotations as JSON.");
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new AppError("INVALID_INPUT", `The file is not JSON (${(error as Error).message}): export the annotations as a W3C annotation file or a Hypothesis JSON export.`);
  }
  const format = detectFormat(data);
  if (format === "hypothesis") return { format, annotations: parseHypothesisExport(data) };
  if (format === "w3c") return { format, annotations: parseW3cAnnotations(data) };
  throw new AppError(
    "INVALID_INPUT",
    "This is neither a W3C annotation file (an Annotation, AnnotationPage or AnnotationCollection) nor a Hypothesis export (an object with rows). Nothing was imported.",
  );
}

function detectFormat(data: unknown): "w3c" | "hypothesis" | null {
  const first = Array.isArray(data) ? data[0] : data;
  if (typeof first !== "object" || first === null) return null;
  if (Array.isArray(data) && data.length === 0) return null;
  if (!Array.isArray(data) && Array.isArray((data as { rows?: unknown }).rows)) return "hypothesis";
  if (!Array.isArray(data) && Array.isArray((data as { annotations?: unknown }).annotations)) return "hypothesis";
  const type = (first as { type?: unknown }).type;
  const types = typeof type === "string" ? [type] : Array.isArray(type) ? type : [];
  if (types.some((value) => W3C_TYPES.includes(value)) || "@context" in first) return "w3c";
  if ("uri" in first && "user" in first) return "hypothesis";
  return null;
}
