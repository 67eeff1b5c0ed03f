// Failures → `isError` tool results the agent can act on: what happened, Kibana's words, what to do next.
import { KibanaError } from '../client/index.js';
import type { KibanaErrorCategory } from '../client/types.js';
import { cutAt, cutNotice } from './results.js';
import type { ToolResult } from './runtime/tool.js';
import { MissingSpaceError } from './space-guard.js';

/**
 * What a 404 was about, as the call shows it: an object named in a space, an object of an API that
 * no space holds, or no object at all (a listing, whose route is what is missing).
 */
export type NotFoundTarget = 'object-in-space' | 'object' | 'route';

const NOT_FOUND_HINTS: Record<NotFoundTarget, string> = {
  'object-in-space':
    'Check the id and the space: objects live in one space, so pass the right space_id, or list the objects first to find the id.',
  object: 'Check the id: this API keeps its objects outside spaces, so list them first to find the id.',
  route:
    'Kibana does not serve this API here: the feature may be turned off or not licensed, or this Kibana version lacks it (get_status shows the version).',
};

const HINTS: Record<KibanaErrorCategory, string> = {
  auth: 'The Kibana credentials were rejected or have expired: the user must fix the API key, password or token this server uses (in passthrough mode, the Authorization header their client sends).',
  forbidden:
    'The credentials are valid but lack the privilege for this call: ask for a role that grants it, or check that the space is the right one.',
  // The hint of a 404 whose call is not known: the most common case, an object in a space.
  not_found: NOT_FOUND_HINTS['object-in-space'],
  conflict:
    'An object with this id already exists (or was changed meanwhile): use the update tool, choose another id, or read the object again and retry.',
  bad_request: 'Kibana rejected the arguments: fix what its message names and call again.',
  rate_limited: 'Kibana is rate limiting: wait a little before calling again.',
  unavailable: 'Kibana or Elasticsearch is unavailable right now: retry later; get_status shows their health.',
  server: 'Kibana failed while handling the call: retry once; if it fails again, the message above is what to report.',
  timeout: 'Kibana did not answer in time: narrow the call (a smaller page, a filter) or retry later.',
  network: 'Kibana cannot be reached: it may be down or the URL may be wrong; retry later.',
  tls: 'The TLS connection to Kibana failed: the server needs KIBANA_CA_CERT set to the right certificate authority.',
  unsupported_response: 'This operation returns binary or streamed content, which a tool cannot return: use Kibana itself for it.',
  not_api:
    'Something other than the Kibana API answered (often a login proxy): the user must point KIBANA_URL at the API and use credentials the proxy lets through. Nothing can be assumed to have been done.',
  too_large: 'The answer is too large to read: narrow the call (a smaller page, fewer fields, a filter).',
  invalid_request: 'The server refused these arguments before calling Kibana: fix what the message names and call again.',
  aborted: 'The call was cancelled before Kibana answered.',
};

/** A request the call's deadline ended: the whole call had run out of time, whichever of its steps was waiting. */
const PAST_DEADLINE_HINT =
  'The whole call has one time limit (--call-timeout), every Kibana request and retry in it included, so that its answer reaches the client before the client gives up; Kibana did not answer within it: narrow the call (a smaller page, a filter) or retry later.';
/** Said of a write that was sent and not answered. */
export const MAYBE_WRITTEN = ' A write may have been done anyway: read the object before you retry.';

export function errorResult(text: string): ToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}

/** Kibana's failure and the hint that fits it, within `maxChars`: a long message is cut, the hint kept. */
export function kibanaErrorResult(error: KibanaError, maxChars: number, notFound?: NotFoundTarget): ToolResult {
  const status = error.status === undefined || error.message.includes(String(error.status)) ? '' : ` (HTTP ${error.status})`;
  const message = `${error.message}${status}`;
  const hint = `\nHint: ${hintFor(error, notFound)}`;
  if (message.length + hint.length <= maxChars) return errorResult(message + hint);
  const kept = Math.max(0, maxChars - hint.length);
  return {
    isError: true,
    content: [
      { type: 'text', text: cutAt(message, kept) + hint },
      { type: 'text', text: cutNotice(kept, message.length) },
    ],
  };
}

function hintFor(error: KibanaError, notFound: NotFoundTarget | undefined): string {
  // A write that was sent may have been done; one the deadline kept from starting (no attempt) was not.
  if (error.pastDeadline) return PAST_DEADLINE_HINT + (error.method !== 'GET' && error.attempts > 0 ? MAYBE_WRITTEN : '');
  return error.category === 'not_found' && notFound ? NOT_FOUND_HINTS[notFound] : HINTS[error.category];
}

export function failureResult(error: unknown, maxChars: number, notFound?: NotFoundTarget): ToolResult {
  if (error instanceof MissingSpaceError) return errorResult(error.message);
  if (error instanceof KibanaError) return kibanaErrorResult(error, maxChars, notFound);
  return errorResult(`Internal error: ${error instanceof Error ? error.message : String(error)}`);
}
