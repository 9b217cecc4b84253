"use client";
// The Comments panel's writes bound to one live thread document (a reading's, or a draft's threads).
// Kept apart from the panel, which renders before any live document exists (and without Yjs).
import { useMemo } from "react";
import type * as Y from "yjs";
import { createComment, deleteComment, deleteHighlight, editComment, setHighlightKind, setThreadResolved, toggleReaction } from "@/lib/collab/reading-doc";
import type { ThreadActions } from "./thread-context";

/** The writes on `doc` in `actorId`'s name; null while there is no document to write to. */
export function useThreadActions(doc: Y.Doc | null, actorId: string): ThreadActions | null {
  return useMemo(() => {
    if (!doc) return null;
    return {
      startThread: (highlightId, body) => void createComment(doc, { authorId: actorId, highlightId, parentId: null, body }),
      reply: (rootId, highlightId, body) => void createComment(doc, { authorId: actorId, highlightId, parentId: rootId, body }),
      edit: (commentId, body) => editComment(doc, commentId, body),
      remove: (commentId) => deleteComment(doc, commentId),
      toggleReaction: (commentId) => toggleReaction(doc, commentId, actorId),
      setResolved: (rootId, resolved) => setThreadResolved(doc, rootId, actorId, resolved),
      setKind: (highlightId, kind) => setHighlightKind(doc, highlightId, kind),
      deleteHighlight: (highlightId) => deleteHighlight(doc, highlightId),
    };
  }, [doc, actorId]);
}
