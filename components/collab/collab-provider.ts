// The HocuspocusProvider for one live document, wired to a ReadingConnection's callbacks. Shared by
// the browser hook and the integration tests, so both drive the very same provider setup.
import { HocuspocusProvider } from "@hocuspocus/provider";
import type * as Y from "yjs";
import type { ProviderCallbacks } from "../annotations/reading-connection";

export interface CollabProviderOptions {
  url: string;
  name: string;
  document: Y.Doc;
  callbacks: ProviderCallbacks;
  /** A WebSocket class for environments without one (tests pass one that sends a session cookie). */
  WebSocketPolyfill?: unknown;
}

export function createCollabProvider({ url, name, document, callbacks, WebSocketPolyfill }: CollabProviderOptions): HocuspocusProvider {
  const provider = new HocuspocusProvider({
    url,
    name,
    document,
    ...(WebSocketPolyfill ? { WebSocketPolyfill: WebSocketPolyfill as typeof WebSocket } : {}),
    // The server reads the next-auth cookie; the provider only insists on sending some token.
    token: "session-cookie",
    onStatus: ({ status }) => callbacks.onStatus(status),
    onSynced: ({ state }) => {
      if (state) callbacks.onSynced();
    },
    onUnsyncedChanges: ({ number }) => callbacks.onUnsyncedChanges(number),
    onStateless: ({ payload }) => callbacks.onStateless(payload),
    onAuthenticated: ({ scope }) => callbacks.onAuthenticated(scope),
    onAuthenticationFailed: ({ reason }) => callbacks.onAuthenticationFailed(reason),
  });
  // Not the onMessage option: the provider hands its options to its socket too, which calls it with a bare event.
  provider.on("message", ({ event }: { event: MessageEvent }) => callbacks.onMessage(new Uint8Array(event.data as ArrayBuffer)));
  return provider;
}
