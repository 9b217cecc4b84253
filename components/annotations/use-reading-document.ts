"use client";
// The live document of one reading: the generic collaboration hook under the reading's document name.
import { readingDocumentName } from "@/lib/collab/document-name";
import { useCollabDocument, type CollabDocument } from "../collab/use-collab-document";
import { READING_CONNECTION } from "./reading-connection-options";

export type ReadingDocument = CollabDocument;

/**
 * The live document of one reading. Before the component mounts (and during server rendering)
 * `doc` is an empty placeholder and `provider`/`awareness` are null; everything is created on
 * mount and destroyed on unmount. After a refused change the document is rebuilt without it, so
 * always read `doc` from the latest return value.
 */
export function useReadingDocument(readingId: string): ReadingDocument {
  return useCollabDocument(readingDocumentName(readingId), READING_CONNECTION);
}
