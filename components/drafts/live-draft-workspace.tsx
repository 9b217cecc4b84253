"use client";
// A team draft, live: presence and connection status, the collaborative editor on the left, the
// comments and revisions on the right (stacked on a phone), and the export link. The editor is the
// live Y.Doc `draft:<id>`; its comment threads are a second live document, `draft-threads:<id>`, read
// and written like a reading's (the same panel); revisions are JSON routes. The collaboration server
// and the routes re-check every permission; `canWrite` here only decides what to show, until the
// connection says what the server authorized (after a team move, for one: the socket reconnects).
// The page loads this module after its first load (draft-workspace.tsx), with Tiptap and Yjs.
import { RefusalAlert } from "@/components/collab/refusal-alert";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useEditorState, type Editor } from "@tiptap/react";
import type { AnchorResult } from "@/lib/anchoring";
import { draftDocumentName, draftThreadsDocumentName } from "@/lib/collab/document-name";
import { readDraftHighlightEntries, readDraftHighlights } from "@/lib/collab/draft-threads-doc";
import { can } from "@/lib/policies";
import type { ActiveHighlight } from "../annotations/comments-panel";
import { ConnectionStatus } from "../annotations/connection-status";
import { NewsSourceProvider } from "../annotations/news";
import { PresenceAvatars } from "../annotations/presence-avatars";
import type { ThreadHighlight } from "../annotations/threads";
import { usePeers, useReadingData } from "../annotations/use-live-data";
import { useUnreadableEntries } from "../annotations/use-unreadable-entries";
import { useCollabDocument } from "../collab/use-collab-document";
import { currentPassage, livePassagesKey, setAnchoredPassages, type AnchoredPassage, type SelectionAnchor } from "./comment-anchors";
import { DraftCommentsPanel } from "./draft-comments-panel";
import { DraftEditor } from "./draft-editor";
import { LOADING_DRAFT, StaticDraftFrame, StaticDraftView } from "./draft-frame";
import { DRAFT_COPY, DraftLayout, DraftLoadingStatus, ExportLink, READER_PLACEHOLDER, ReadOnlyNotice } from "./draft-layout";
import type { DraftWorkspaceProps } from "./draft-workspace";
import type { EarlyInput } from "./early-input";
import { InsertionActions } from "./insertion-actions";
import { DRAFT_THREADS_CONNECTION } from "./draft-threads-connection";
import { RevisionsPanel } from "./revisions-panel";
import { revisionListSchema } from "./revisions";
import { useJsonResource } from "./use-json-resource";

/** Before the draft has loaded a passage cannot be placed yet; it is listed as found, with its stored quote. */
const NOT_PLACED: AnchorResult = { status: "exact", start: 0, end: 0 };
const DETACHED: AnchorResult = { status: "detached" };

export interface LiveDraftWorkspaceProps extends DraftWorkspaceProps {
  /** What was done to the server-rendered draft before the editor arrived. */
  input: EarlyInput;
}

export function LiveDraftWorkspace({ draft, actor, session, canWrite, members, news, initial, input }: LiveDraftWorkspaceProps) {
  const live = useCollabDocument(draftDocumentName(draft.id));
  const threads = useCollabDocument(draftThreadsDocumentName(draft.id), DRAFT_THREADS_CONNECTION);
  const data = useReadingData(threads.doc, readDraftHighlights);
  const unreadableEntries = useUnreadableEntries(threads.doc);
  // The reading's reader of unreadable entries judges highlights by the reading's target: a draft's
  // passages are judged by their own reader, again whenever the passages change.
  const threadsDocument = threads.doc;
  const unreadable = useMemo(
    () => [...unreadableEntries.filter((entry) => entry.root !== "highlights"), ...readDraftHighlightEntries(threadsDocument).unreadable],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [unreadableEntries, threadsDocument, data.highlights],
  );
  const peers = usePeers(live.awareness);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [pending, setPending] = useState<SelectionAnchor | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [active, setActive] = useState<ActiveHighlight | null>(null);
  const threadsDoc = threads.provider ? threads.doc : null;
  const canComment = can(actor, "draft:comment");
  const canEdit = live.scope === null ? canWrite : live.scope === "read-write";
  // The editor replaces the server's copy once its document is loaded (in sync with the server, or the
  // offline copy while the server cannot be reached). Never back: a document rebuilt after a refused
  // change briefly has no editor, and shows "Loading the draft…" rather than the page's old copy.
  const [ready, setReady] = useState(false);
  if (!ready && editor !== null && live.loaded) setReady(true);

  const revisions = useJsonResource(`/api/drafts/${draft.id}/revisions`, revisionListSchema);

  // A passage is painted while it has an open thread (or none at all yet).
  const passages = useMemo<AnchoredPassage[]>(() => {
    const roots = data.comments.filter((comment) => comment.parentId === null && !comment.deleted);
    return data.highlights.map((highlight) => {
      const own = roots.filter((comment) => comment.highlightId === highlight.id);
      return { commentId: highlight.id, anchorFrom: highlight.target.from, anchorTo: highlight.target.to, resolved: own.length > 0 && own.every((comment) => comment.resolvedAt !== null) };
    });
  }, [data.highlights, data.comments]);
  useEffect(() => {
    if (editor) setAnchoredPassages(editor, passages);
  }, [editor, passages]);

  const painted = useEditorState({
    editor,
    selector: ({ editor: current }) => (current ? { live: livePassagesKey(current.state), empty: current.isEmpty } : null),
  });
  const liveKey = painted?.live ?? "";
  // Until the draft has arrived (from the server or the offline copy) every passage would look removed.
  const loaded = Boolean(editor) && (live.synced || painted?.empty === false);

  const anchors = useMemo(() => {
    const present = new Set(liveKey ? liveKey.split(",") : []);
    const result = new Map<string, AnchorResult>();
    for (const highlight of data.highlights) {
      if (!editor || !loaded) {
        result.set(highlight.id, NOT_PLACED);
        continue;
      }
      const range = present.has(highlight.id) ? currentPassage(editor, highlight.target.from, highlight.target.to) : null;
      result.set(highlight.id, range ? { status: "exact", start: range.from, end: range.to } : DETACHED);
    }
    return result;
  }, [data.highlights, editor, loaded, liveKey]);

  const passageText = useCallback(
    (highlight: ThreadHighlight) => {
      if (!editor || !("from" in highlight.target)) return highlight.target.exact;
      const range = currentPassage(editor, highlight.target.from, highlight.target.to);
      return range ? editor.state.doc.textBetween(range.from, range.to, "\n", " ") : highlight.target.exact;
    },
    // The text is read again whenever the painted passages change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [editor, liveKey],
  );

  const showPassage = useCallback(
    (highlightId: string) => {
      const highlight = data.highlights.find((candidate) => candidate.id === highlightId);
      if (!editor || !highlight) return;
      const range = currentPassage(editor, highlight.target.from, highlight.target.to);
      if (range) editor.chain().focus().setTextSelection(range).scrollIntoView().run();
    },
    [editor, data.highlights],
  );

  const open = useCallback((id: string, focus: boolean) => setActive((previous) => ({ id, focus, scroll: true, nonce: (previous?.nonce ?? 0) + 1 })), []);

  // A click on a painted passage opens its thread (the card's "Show in text" goes the other way).
  useEffect(() => {
    if (!editor) return;
    const dom = editor.view.dom;
    const onClick = (event: MouseEvent) => {
      const mark = event.target instanceof Element ? event.target.closest<HTMLElement>(".draft-comment-anchor[data-comment-id]") : null;
      if (mark?.dataset.commentId) open(mark.dataset.commentId, false);
    };
    dom.addEventListener("click", onClick);
    return () => dom.removeEventListener("click", onClick);
  }, [editor, open]);

  const commentOnSelection = useCallback((anchor: SelectionAnchor) => {
    setPending(anchor);
    setActive(null);
    setFocusRequest((request) => request + 1);
  }, []);

  const staticDraft = initial ? (
    <StaticDraftView title={draft.title} content={initial.content} placeholder={canEdit ? DRAFT_COPY[draft.kind].placeholder : READER_PLACEHOLDER} canWrite={canEdit} input={input} />
  ) : (
    LOADING_DRAFT
  );

  return (
    <NewsSourceProvider source={news}>
      <DraftLayout
        tools={
          <>
            <PresenceAvatars peers={peers} self={{ id: actor.id, name: actor.name }} />
            {/* Inserting is writing: not once the server has made this a reader (the actor's team is from page load). */}
            {live.scope === "readonly" ? null : <InsertionActions draftId={draft.id} draftKind={draft.kind} actor={actor} session={session} doc={live.doc} />}
          </>
        }
        exportLink={<ExportLink draftId={draft.id} kind={draft.kind} />}
        status={ready ? <ConnectionStatus status={live.status} unsyncedChanges={live.unsyncedChanges + threads.unsyncedChanges} noun="draft" /> : <DraftLoadingStatus canWrite={canEdit} />}
        notices={
          <>
            <RefusalAlert reason={live.refusal} onDismiss={live.dismissRefusal} />
            <RefusalAlert reason={threads.refusal} onDismiss={threads.dismissRefusal} />
            {canEdit ? null : <ReadOnlyNotice kind={draft.kind} wasWriter={canWrite} />}
          </>
        }
        editor={
          live.provider ? (
            <DraftEditor
              key={live.doc.guid}
              doc={live.doc}
              provider={live.provider}
              title={draft.title}
              placeholder={DRAFT_COPY[draft.kind].placeholder}
              canWrite={canEdit}
              self={{ id: actor.id, name: actor.name }}
              ready={ready}
              // A rebuilt document (after a refused change) is newer than the server's copy of the page.
              fallback={ready ? LOADING_DRAFT : staticDraft}
              fallbackWords={initial?.words ?? 0}
              input={input}
              onEditor={setEditor}
              onCommentOnSelection={commentOnSelection}
            />
          ) : (
            <StaticDraftFrame canWrite={canEdit} words={initial?.words ?? 0}>
              {staticDraft}
            </StaticDraftFrame>
          )
        }
        side={
          <>
            <DraftCommentsPanel
              doc={threadsDoc}
              data={data}
              unreadable={unreadable}
              anchors={anchors}
              passageText={passageText}
              actor={actor}
              draftKind={draft.kind}
              session={session}
              members={members}
              canComment={canComment}
              pending={pending}
              focusRequest={focusRequest}
              onClearPending={() => setPending(null)}
              activeHighlight={active}
              onShowPassage={showPassage}
              onCreated={(highlightId) => open(highlightId, false)}
            />
            <RevisionsPanel
              draftId={draft.id}
              canWrite={canEdit}
              revisions={revisions.data?.revisions ?? null}
              status={revisions.status}
              error={revisions.error}
              reload={revisions.reload}
              hasUnsavedChanges={() => Boolean(live.provider?.hasUnsyncedChanges)}
            />
          </>
        }
      />
    </NewsSourceProvider>
  );
}
