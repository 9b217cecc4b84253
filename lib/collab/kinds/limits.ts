// Message size limits of the collaboration protocol, shared by the door check and the kinds.

/** One update (sync message type 2), as an editor or a comment sends it. */
export const MAX_MESSAGE_UPDATE_BYTES = 64 * 1024;
/** A reconnecting client's sync step 2 carries all its offline work at once; it is checked entry by entry like any update. */
export const MAX_SYNC_STEP2_BYTES = 2 * 1024 * 1024;
