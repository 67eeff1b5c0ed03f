// What every tool that sends one request to Kibana does around it: a write first makes sure the spaces
// it writes into exist, a destructive call asks the user, and a 404 or an empty listing is checked for a
// space that does not exist before it is answered as Kibana's own.
import { KibanaError, type KibanaRequest, type KibanaResponse } from '../client/index.js';
import type { NotFoundTarget } from './error-results.js';
import { isEmptyListing } from './payload.js';
import type { ToolContext, ToolResult } from './runtime/tool.js';

export interface GuardedRequest {
  request: KibanaRequest;
  /** The request changes something (not a read). */
  writes: boolean;
  /** The operation lives in a space (its request's space is the one it writes into). */
  spaceAware: boolean;
  /** The question the user must approve first, for a call that cannot be undone. */
  confirmation?: string;
  /** What a 404 was about, for its hint. */
  notFound: NotFoundTarget;
}

/** Kibana's answer, or the result that ends the call before or instead of one (refused, declined, not found). */
export async function guardedSend(context: ToolContext, call: GuardedRequest): Promise<KibanaResponse | { result: ToolResult }> {
  const { request } = call;
  if (call.writes) await context.spaces.assertWritable(request, call.spaceAware);
  if (call.confirmation !== undefined) {
    const confirmation = await context.confirm({ key: 'confirm', message: call.confirmation });
    if (!confirmation.approved) return { result: confirmation.refusal };
  }
  let response: KibanaResponse;
  try {
    response = await context.kibana(request);
  } catch (error) {
    if (!(error instanceof KibanaError) || error.category !== 'not_found') throw error;
    await context.spaces.assertReadable(request);
    return { result: context.results.failure(error, call.notFound) };
  }
  if (!call.writes && isEmptyListing(response.data)) await context.spaces.assertReadable(request);
  return response;
}
