"use client";
// "Insert agenda" on the presentation, "Insert digest" on the blog post, and "Undo agenda" / "Undo
// digest" for whichever co-editor wants it gone: the server inserts and removes the blocks as logged
// changes (lib/drafts/draft-insertions.ts), so the editor's per-person undo cannot take them back.
import { useCallback, useEffect, useState } from "react";
import type * as Y from "yjs";
import { z } from "zod/mini";
import { DRAFT_FRAGMENT } from "@/lib/drafts/editor-schema";
import { can, type Actor, type SessionTeams } from "@/lib/policies";
import { submitJson } from "../ui/submit";
import { useJsonResource } from "./use-json-resource";

const undoableSchema = z.object({ insertion: z.nullable(z.object({ id: z.string(), blocks: z.number(), createdByName: z.nullable(z.string()) })) });

const COPY = {
  PRESENTATION: { kind: "agenda", action: "draft:insert-agenda", insert: "Insert agenda", undo: "Undo agenda", inserted: "Agenda inserted at the end of the presentation.", undone: "Agenda removed." },
  BLOG_POST: { kind: "digest", action: "draft:insert-digest", insert: "Insert digest", undo: "Undo digest", inserted: "Digest inserted at the end of the blog post.", undone: "Digest removed." },
} as const;

export interface InsertionActionsProps {
  draftId: string;
  draftKind: "PRESENTATION" | "BLOG_POST";
  actor: Actor;
  session: SessionTeams;
  /** The live draft: a co-editor's insertion or undo arrives through it, and the Undo button follows. */
  doc: Y.Doc;
}

export function InsertionActions(props: InsertionActionsProps) {
  const copy = COPY[props.draftKind];
  if (!can(props.actor, copy.action, { session: props.session })) return null;
  return <Actions {...props} />;
}

function Actions({ draftId, draftKind, doc }: InsertionActionsProps) {
  const copy = COPY[draftKind];
  const url = `/api/drafts/${draftId}/${copy.kind}`;
  const undoable = useJsonResource(url, undoableSchema);
  const { reload } = undoable;
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  // Blocks added or removed by someone else may be an insertion or its undo: ask again once it settles.
  useEffect(() => {
    const fragment = doc.getXmlFragment(DRAFT_FRAGMENT);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onTransaction = (transaction: Y.Transaction) => {
      if (transaction.local || !transaction.changed.has(fragment as never)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), 500);
    };
    doc.on("afterTransaction", onTransaction);
    return () => {
      clearTimeout(timer);
      doc.off("afterTransaction", onTransaction);
    };
  }, [doc, reload]);

  const send = useCallback(
    async (body: object, done: string) => {
      setBusy(true);
      setMessage(null);
      const result = await submitJson(url, "POST", body);
      setBusy(false);
      setMessage(result.ok ? { text: done, error: false } : { text: result.error.message, error: true });
      await reload();
    },
    [url, reload],
  );

  const insertion = undoable.data?.insertion ?? null;
  const button = "inline-flex items-center rounded-lg border border-rule bg-white px-3 py-1.5 text-sm font-medium text-ink hover:bg-accent-soft/60 disabled:opacity-60";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" className={button} disabled={busy} onClick={() => void send({ action: "insert" }, copy.inserted)}>
        {copy.insert}
      </button>
      {insertion ? (
        <button
          type="button"
          className={button}
          disabled={busy}
          title={insertion.createdByName ? `Removes the ${copy.kind} ${insertion.createdByName} inserted` : undefined}
          onClick={() => void send({ action: "undo", insertionId: insertion.id }, copy.undone)}
        >
          {copy.undo}
        </button>
      ) : null}
      <p role="status" className={`text-sm ${message?.error ? "text-red-700" : "text-muted"} ${message ? "" : "sr-only"}`}>
        {message?.text ?? ""}
      </p>
    </div>
  );
}
