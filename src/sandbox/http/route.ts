// What a route is: METHOD + path template (`/api/cases/{caseId}`), the Kibana versions that have it,
// and the handler that answers it with the request's context.

import type { HttpMethod } from '../../kibana/http.js';
import type { VersionRange } from '../../kibana/versions.js';
import type { SandboxState } from '../state/index.js';
import type { JsonSchema } from '../validation/json-schema.js';

export type { HttpMethod } from '../../kibana/http.js';
export type { VersionRange } from '../../kibana/versions.js';

export interface RequestContext {
  space: string;
  params: Record<string, string>;
  /** Query parameters after validation: numbers, booleans, arrays and objects already decoded. */
  query: Record<string, unknown>;
  /** Parsed JSON body, or the fields of a multipart form (file parts as text). */
  body: unknown;
  state: SandboxState;
  username: string;
}

export type Handler = (ctx: RequestContext) => unknown;

export interface Route {
  method: HttpMethod;
  path: string;
  /** The Kibana versions that have the route; absent: every version the sandbox simulates. */
  versions?: VersionRange;
  /**
   * Our own checks of the body and query, for operations the shipped spec facts do not cover
   * (required fields, types and enums taken from the specs); the facts win when they have the operation.
   */
  schema?: { body?: JsonSchema; query?: JsonSchema };
  handler: Handler;
}
