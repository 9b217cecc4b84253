// What the agenda and the digest share: appending blocks to a draft as one logged server change that
// remembers the Yjs ids of the top-level blocks it added, and undoing exactly those blocks as another.
// The editor's own undo only takes back a person's local changes, so a server insertion needs this.
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { z } from "zod";
import { getDb, type Db } from "../db/client.ts";
import { AppError } from "../errors/app-error.ts";
import { authorize, type Actor } from "../policies/index.ts";
import { draftDocumentName } from "../collab/document-name.ts";
import { applyServerChange } from "../collab/server-change.ts";
import { DRAFT_FRAGMENT, draftSchema } from "./editor-schema.ts";
import { assertValidBlocks } from "./insertion-content.ts";
import { loadDraft } from "./drafts.ts";
import type { PmNode } from "./markdown.ts";

export type InsertionKind = "agenda" | "digest";

/** One top-level block's Yjs item id. */
export interface BlockId {
  client: number;
  clock: number;
}

export const blockIdsSchema = z.array(z.object({ client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() }));

export const INSERTION = {
  agenda: { action: "draft:insert-agenda", draftKind: "PRESENTATION", name: "agenda", home: "An agenda goes into the presentation, not the blog post." },
  digest: { action: "draft:insert-digest", draftKind: "BLOG_POST", name: "digest", home: "A digest goes into the blog post, not the presentation." },
} as const;

/** "Insert agenda" / "Undo agenda" (POST body): insert a new one, or take one back by its id. */
export const insertionRequestSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("insert") }),
  z.object({ action: z.literal("undo"), insertionId: z.string().min(1, "Say which insertion to undo.").max(64) }),
]);

export interface UndoableInsertion {
  id: string;
  kind: InsertionKind;
  /** How many top-level blocks it inserted. */
  blocks: number;
  createdAt: Date;
  createdByName: string | null;
}

/**
 * The draft and its writer, before anything else is read: may the actor insert (or undo) this kind
 * at all? The draft's kind is checked later (a wrong one is bad input, not a refusal).
 */
export async function authorizeInsertion({ actor, draftId, kind, db = getDb() }: { actor: Actor | null; draftId: string; kind: InsertionKind; db?: Db }) {
  authorize(actor, "draft:view");
  const draft = await loadDraft(db, draftId);
  const writer = authorize(actor, INSERTION[kind].action, { session: draft.session });
  return { draft, writer };
}

/** Appends the blocks at the end of the document (replacing a lone empty paragraph); returns the new top-level blocks' ids. */
export function appendBlocks(doc: Y.Doc, blocks: readonly PmNode[]): BlockId[] {
  // Built in a scratch document with the editor's own conversion, then copied in: the copies are new
  // items only, so their ids name exactly what was inserted (a diff against the stored document could
  // reuse an existing block).
  const scratch = new Y.Doc();
  prosemirrorJSONToYXmlFragment(draftSchema(), { type: "doc", content: blocks }, scratch.getXmlFragment(DRAFT_FRAGMENT));
  const copies = scratch.getXmlFragment(DRAFT_FRAGMENT).toArray().map((node) => node.clone() as Y.XmlElement | Y.XmlText);
  scratch.destroy();
  const fragment = doc.getXmlFragment(DRAFT_FRAGMENT);
  doc.transact(() => {
    if (isLoneEmptyParagraph(fragment)) fragment.delete(0, 1);
    fragment.insert(fragment.length, copies);
  });
  return copies.map((copy) => ({ client: copy._item!.id.client, clock: copy._item!.id.clock }));
}

function isLoneEmptyParagraph(fragment: Y.XmlFragment): boolean {
  if (fragment.length !== 1) return false;
  const only = fragment.get(0);
  return only instanceof Y.XmlElement && only.nodeName === "paragraph" && only.toArray().every((child) => child instanceof Y.XmlText && child.length === 0);
}

/** Deletes the top-level blocks with these ids that are still there; returns how many it deleted. */
export function removeBlocks(doc: Y.Doc, ids: readonly BlockId[]): number {
  const wanted = new Set(ids.map((id) => `${id.client}:${id.clock}`));
  const fragment = doc.getXmlFragment(DRAFT_FRAGMENT);
  const indexes: number[] = [];
  let index = 0;
  for (let item = fragment._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    if (wanted.has(`${item.id.client}:${item.id.clock}`)) indexes.push(index);
    index += item.length;
  }
  doc.transact(() => {
    for (const at of indexes.reverse()) fragment.delete(at, 1);
  });
  return indexes.length;
}

/** Inserts the blocks `build` makes (it runs after authorization) as one logged change, and remembers them for Undo. */
export async function insertIntoDraft({
  actor,
  draftId,
  kind,
  build,
  db = getDb(),
}: {
  actor: Actor | null;
  draftId: string;
  kind: InsertionKind;
  /** Reads what the blocks are made of, as the writer: the session's id is the draft's. */
  build: (context: { writer: Actor; sessionId: string }) => Promise<PmNode[]>;
  db?: Db;
}): Promise<UndoableInsertion> {
  const { draft, writer } = await authorizeInsertion({ actor, draftId, kind, db });
  if (draft.kind !== INSERTION[kind].draftKind) throw new AppError("INVALID_INPUT", INSERTION[kind].home);
  const blocks = await build({ writer, sessionId: draft.session.id });
  assertValidBlocks(blocks);
  let ids: BlockId[] = [];
  await applyServerChange({ db, documentName: draftDocumentName(draft.id), userId: writer.id, change: (doc) => (ids = appendBlocks(doc, blocks)) });
  const row = await db.draftInsertion.create({ data: { draftId: draft.id, kind, blocks: ids as object[], createdById: writer.id }, select: { id: true, createdAt: true } });
  return { id: row.id, kind, blocks: ids.length, createdAt: row.createdAt, createdByName: writer.name };
}
