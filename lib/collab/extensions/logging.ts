// One line per connection opened, refused or closed: enough to see who is on what without noise.
import type { connectedPayload, Extension, onDisconnectPayload } from "@hocuspocus/server";
import type { CollabContext } from "../context.ts";

export class Logging implements Extension {
  extensionName = "logging";
  priority = 10;
  constructor(private readonly log: (line: string) => void) {}

  async connected({ documentName, context, connectionConfig }: connectedPayload<CollabContext>): Promise<void> {
    this.log(`collab: ${context.actor?.id ?? "?"} opened ${documentName} (${connectionConfig.readOnly ? "read-only" : "read-write"})`);
  }

  async onDisconnect({ documentName, context, clientsCount }: onDisconnectPayload<CollabContext>): Promise<void> {
    this.log(`collab: ${context.actor?.id ?? "?"} left ${documentName} (${clientsCount} still there)`);
  }
}
