// The sizes the full-API tools accept, shared by their definitions (loaded at start) and their checks (loaded on a first call).

/** Longest path a call may give. */
export const MAX_PATH_LENGTH = 2048;
/** Longest search query: a few words, never a pasted document. */
export const MAX_QUERY_LENGTH = 200;
