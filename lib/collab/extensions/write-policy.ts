// Checks every incoming update before it is applied, stored or broadcast. Each loaded document has a
// shadow copy the check applies updates to; a refused update leaves the real document untouched, the
// sender is told why and its connection is reset so that it resyncs from the server.
import type { afterLoadDocumentPayload, afterUnloadDocumentPayload, beforeHandleMessagePayload, beforeSyncPayload, Extension, onChangePayload } from "@hocuspocus/server";
import * as Y from "yjs";
import { RefusedUpdate, refusalMessage, type CollabContext } from "../context.ts";
import { checkReadingUpdate, MAX_UPDATE_BYTES } from "../reading-write-policy.ts";
import { checkDraftUpdate } from "../draft-write-policy.ts";

const SYNC_STEP_1 = 0;
const SYNC_UPDATE = 2;
// A raw message carries the document name and a few varints around the update.
const MAX_MESSAGE_BYTES = MAX_UPDATE_BYTES + 1024;

export class WritePolicy implements Extension {
  extensionName = "write-policy";
  priority = 900;
  private readonly shadows = new Map<string, Y.Doc>();
  /** Updates refused, for the logs and the tests. */
  refusals = 0;

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    this.shadows.set(documentName, copyOf(document));
  }

  async onChange({ documentName, update }: onChangePayload): Promise<void> {
    // Keeps the shadow current with what reached the document by any path (other instances included).
    const shadow = this.shadows.get(documentName);
    if (shadow) Y.applyUpdate(shadow, update);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.shadows.get(documentName)?.destroy();
    this.shadows.delete(documentName);
  }

  async beforeHandleMessage({ update, connection }: beforeHandleMessagePayload<CollabContext>): Promise<void> {
    if (update.byteLength > MAX_MESSAGE_BYTES) this.refuse(connection, "That change is too large (over 64 KiB).");
  }

  async beforeSync({ type, payload, connection, document, documentName, context }: beforeSyncPayload<CollabContext>): Promise<void> {
    if (type === SYNC_STEP_1) return;
    if (connection.readOnly) {
      // Hocuspocus never applies a read-only connection's writes; an explicit update is also refused loudly.
      if (type === SYNC_UPDATE) this.refuse(connection, "You can read this document but not change it.");
      return;
    }
    const shadow = this.shadows.get(documentName);
    if (!shadow || !context.session || !context.ref) this.refuse(connection, "This document is not open for writing.");
    const result =
      context.ref!.kind === "reading"
        ? checkReadingUpdate({ shadow: shadow!, update: payload, actor: context.actor, session: context.session! })
        : checkDraftUpdate({ shadow: shadow!, update: payload });
    if (!result.ok) {
      shadow!.destroy();
      this.shadows.set(documentName, copyOf(document));
      this.refuse(connection, result.reason);
    }
  }

  private refuse(connection: beforeSyncPayload["connection"], reason: string): never {
    this.refusals++;
    connection.sendStateless(refusalMessage(reason));
    throw new RefusedUpdate(reason);
  }
}

function copyOf(document: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: document.gc });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(document));
  return copy;
}
