"use client";
// A team draft, live: presence and connection status, the collaborative editor on the left, the
// comments and revisions on the right (stacked on a phone), and the export link. The editor is the
// live Y.Doc `draft:<id>`; comments and revisions are JSON routes. The collaboration server and the
// routes re-check every permission; `canWrite` here only decides what to show.
import { RefusalAlert } from "@/components/collab/refusal-alert";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useEditorState, type Editor } from "@tiptap/react";
import { draftDocumentName } from "@/lib/collab/document-name";
import type { Actor, SessionTeams } from "@/lib/policies";
import { ConnectionStatus } from "../annotations/connection-status";
import type { Member } from "../annotations/mention-autocomplete";
import { PresenceAvatars } from "../annotations/presence-avatars";
import { usePeers } from "../annotations/use-live-data";
import { useCollabDocument, useStatelessMessages } from "../collab/use-collab-document";
import { currentPassage, livePassagesKey, setAnchoredPassages, type AnchoredPassage, type SelectionAnchor } from "./comment-anchors";
import { buildThreads, commentListSchema, isCommentsChanged, type DraftComment } from "./comments";
import { DraftCommentsPanel, type PassageState } from "./draft-comments-panel";
import { DraftEditor } from "./draft-editor";
import { RevisionsPanel } from "./revisions-panel";
import { revisionListSchema } from "./revisions";
import { useJsonResource } from "./use-json-resource";

export type DraftKind = "PRESENTATION" | "BLOG_POST";

export interface DraftWorkspaceProps {
  draft: { id: string; kind: DraftKind; title: string; sessionTitle: string; sessionSlug: string };
  actor: Actor;
  session: SessionTeams;
  /** can(actor, "draft:write", { draftKind, session }), decided by the page. */
  canWrite: boolean;
  /** Course members, for names and @mentions in comments. */
  members: readonly Member[];
}

const COPY: Record<DraftKind, { placeholder: string; team: string; download: string }> = {
  PRESENTATION: { placeholder: "Start the presentation…", team: "the lead team", download: "Download slides (Marp)" },
  BLOG_POST: { placeholder: "Start the blog post…", team: "the blog team", download: "Download Markdown" },
};

export function DraftWorkspace({ draft, actor, session, canWrite, members }: DraftWorkspaceProps) {
  const copy = COPY[draft.kind];
  const live = useCollabDocument(draftDocumentName(draft.id));
  const peers = usePeers(live.awareness);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [pending, setPending] = useState<SelectionAnchor | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);

  const comments = useJsonResource(`/api/drafts/${draft.id}/comments`, commentListSchema);
  const revisions = useJsonResource(`/api/drafts/${draft.id}/revisions`, revisionListSchema);
  const threads = useMemo(() => buildThreads(comments.data?.comments ?? []), [comments.data]);

  const { reload: reloadComments } = comments;
  const onStateless = useCallback(
    (payload: string) => {
      if (isCommentsChanged(payload)) void reloadComments();
    },
    [reloadComments],
  );
  useStatelessMessages(live.provider, onStateless);

  // Messages sent while we were disconnected are lost: catch up whenever the document is live again.
  useEffect(() => {
    if (live.synced) void reloadComments();
  }, [live.synced, reloadComments]);

  const passages = useMemo<AnchoredPassage[]>(
    () =>
      threads.flatMap((thread) =>
        thread.root.anchorFrom && thread.root.anchorTo ? [{ commentId: thread.root.id, anchorFrom: thread.root.anchorFrom, anchorTo: thread.root.anchorTo, resolved: thread.resolved }] : [],
      ),
    [threads],
  );
  useEffect(() => {
    if (editor) setAnchoredPassages(editor, passages);
  }, [editor, passages]);

  const painted = useEditorState({
    editor,
    selector: ({ editor: current }) => (current ? { live: livePassagesKey(current.state), empty: current.isEmpty } : null),
  });
  const liveKey = painted?.live ?? "";
  const livePassages = useMemo(() => new Set(liveKey ? liveKey.split(",") : []), [liveKey]);
  // Until the draft has arrived (from the server or the offline copy) every passage would look removed.
  const loaded = Boolean(editor) && (live.synced || painted?.empty === false);
  const passageState = useCallback(
    (comment: DraftComment): PassageState => (!loaded ? "unknown" : livePassages.has(comment.id) ? "present" : "removed"),
    [loaded, livePassages],
  );

  const showPassage = useCallback(
    (comment: DraftComment): boolean => {
      if (!editor || !comment.anchorFrom || !comment.anchorTo) return false;
      const range = currentPassage(editor, comment.anchorFrom, comment.anchorTo);
      if (!range) return false;
      editor.chain().focus().setTextSelection(range).scrollIntoView().run();
      return true;
    },
    [editor],
  );

  const commentOnSelection = useCallback((anchor: SelectionAnchor) => {
    setPending(anchor);
    setFocusRequest((request) => request + 1);
  }, []);

  return (
    <div className="@container">
      <div className="flex flex-wrap items-center gap-3">
        <PresenceAvatars peers={peers} self={{ id: actor.id, name: actor.name }} />
        <a
          href={`/api/drafts/${draft.id}/export`}
          download
          className="ml-auto inline-flex items-center gap-1 rounded-lg border border-rule bg-white px-3 py-1.5 text-sm font-medium text-ink hover:bg-accent-soft/60"
        >
          <span aria-hidden="true">↓</span>
          {copy.download}
        </a>
        <ConnectionStatus status={live.status} unsyncedChanges={live.unsyncedChanges} />
      </div>

      <RefusalAlert reason={live.refusal} onDismiss={live.dismissRefusal} />

      {canWrite ? null : (
        <p className="mt-3 rounded-lg border border-rule bg-accent-soft/40 px-3 py-2 text-sm text-ink">
          Read-only: only {copy.team} and the instructor edit this draft. You can comment on it.
        </p>
      )}

      <div className="mt-4 grid gap-8 @4xl:grid-cols-[minmax(0,1fr)_minmax(18rem,24rem)]">
        <div className="min-w-0">
          {live.provider ? (
            <DraftEditor
              key={live.doc.guid}
              doc={live.doc}
              provider={live.provider}
              title={draft.title}
              placeholder={copy.placeholder}
              canWrite={canWrite}
              self={{ id: actor.id, name: actor.name }}
              onEditor={setEditor}
              onCommentOnSelection={commentOnSelection}
            />
          ) : (
            <div className="min-h-96 rounded-xl border border-rule bg-white px-5 py-4">
              <p role="status" className="text-sm text-muted">
                Loading the draft…
              </p>
            </div>
          )}
        </div>
        <div className="min-w-0 space-y-10 @4xl:sticky @4xl:top-4 @4xl:max-h-[calc(100dvh-2rem)] @4xl:self-start @4xl:overflow-y-auto @4xl:pr-1">
          <DraftCommentsPanel
            draftId={draft.id}
            actor={actor}
            canWrite={canWrite}
            draftKind={draft.kind}
            session={session}
            members={members}
            threads={threads}
            status={comments.status}
            error={comments.error}
            reload={comments.reload}
            pending={pending}
            focusRequest={focusRequest}
            onClearPending={() => setPending(null)}
            passageState={passageState}
            onShowPassage={showPassage}
          />
          <RevisionsPanel
            draftId={draft.id}
            canWrite={canWrite}
            revisions={revisions.data?.revisions ?? null}
            status={revisions.status}
            error={revisions.error}
            reload={revisions.reload}
          />
        </div>
      </div>
    </div>
  );
}
