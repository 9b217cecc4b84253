// Hocuspocus's wire format, in one place for the door check and for the raw clients that tests and
// benchmarks speak it with: a message is the document name, then one of these types.
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export const MESSAGE_SYNC_REPLY = 4;
export const MESSAGE_STATELESS = 5;
export const MESSAGE_CLOSE = 7;
/** Sent by the server only: whether an update was saved. */
export const MESSAGE_SYNC_STATUS = 8;

/** The types a client may send (BroadcastStateless and SyncStatus are the server's own). */
export const CLIENT_MESSAGE_TYPES: ReadonlySet<number> = new Set([
  MESSAGE_SYNC,
  MESSAGE_AWARENESS,
  MESSAGE_AUTH,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC_REPLY,
  MESSAGE_STATELESS,
  MESSAGE_CLOSE,
]);

// Inside an auth message.
export const AUTH_TOKEN = 0;
export const AUTH_PERMISSION_DENIED = 1;
export const AUTH_AUTHENTICATED = 2;
