// The JSON-RPC error codes this server answers with, named once.
// -32768 to -32000 are reserved: the first five are JSON-RPC's own, -32000 to -32099 are left to servers.

/** The body is not JSON at all. */
export const PARSE_ERROR = -32700;
/** The message is not an acceptable request: not a JSON-RPC request, or too large to read. */
export const INVALID_REQUEST = -32600;
export const INTERNAL_ERROR = -32603;
/** Refused by the HTTP layer before any MCP handling: a forbidden Host or Origin, a method other than POST. */
export const HTTP_REFUSED = -32000;
/** The caller did not authenticate (a missing or wrong bearer token, no Kibana credentials in passthrough). */
export const UNAUTHORIZED = -32001;
