// Presence identity is the server's to say: whatever a client puts in its awareness `user` field is
// replaced with its session's name and colour, and a client may not publish state for another's clientId.
import type { beforeHandleAwarenessPayload, Extension, onDisconnectPayload } from "@hocuspocus/server";
import type { CollabContext } from "../context.ts";

const COLOURS = ["#b45309", "#0f766e", "#7c3aed", "#be123c", "#1d4ed8", "#4d7c0f", "#a21caf", "#0e7490"];

export function colourFor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLOURS[hash % COLOURS.length]!;
}

export class Presence implements Extension {
  extensionName = "presence";
  priority = 700;
  /** clientId -> the socket that first published it, per document. */
  private readonly owners = new Map<string, Map<number, string>>();

  async beforeHandleAwareness({ states, context, socketId, documentName, connection }: beforeHandleAwarenessPayload<CollabContext>): Promise<void> {
    if (!connection || !context?.actor) return;
    const owners = this.owners.get(documentName) ?? new Map<number, string>();
    this.owners.set(documentName, owners);
    for (const [clientId, state] of states) {
      const owner = owners.get(clientId);
      if (owner !== undefined && owner !== socketId) {
        states.delete(clientId);
        continue;
      }
      owners.set(clientId, socketId);
      if (state && Object.keys(state).length > 0) {
        state.user = { id: context.actor.id, name: context.actor.name, color: colourFor(context.actor.id) };
      }
    }
  }

  async onDisconnect({ documentName, socketId }: onDisconnectPayload): Promise<void> {
    const owners = this.owners.get(documentName);
    if (!owners) return;
    for (const [clientId, owner] of owners) if (owner === socketId) owners.delete(clientId);
    if (owners.size === 0) this.owners.delete(documentName);
  }
}
