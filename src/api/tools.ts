// The three full-API tools as tools/list shows them: search, describe and call any operation of the
// connected Kibana. Their handlers live with the runtime; these are the names, words and schemas.
import { HTTP_METHODS } from '../kibana/http.js';
import { SPACE_ID_SOURCE } from '../kibana/spaces.js';
import type { JsonSchemaObject, Tier, ToolAnnotations } from '../tools/spec.js';
import { MAX_PATH_LENGTH, MAX_QUERY_LENGTH } from './limits.js';

export interface ApiToolDefinition {
  name: 'search_kibana_api' | 'describe_kibana_api' | 'call_kibana_api';
  description: string;
  inputSchema: JsonSchemaObject;
  annotations: ToolAnnotations;
}

const METHOD = { type: 'string', enum: [...HTTP_METHODS] };
const PATH_DESCRIPTION = 'As search_kibana_api shows it, e.g. /api/fleet/agents/{agentId}; or filled in.';

export const SEARCH_KIBANA_API: ApiToolDefinition = {
  name: 'search_kibana_api',
  description:
    "Finds Kibana API operations for a task when no other tool fits. Returns up to 10 operations, best first: method, path, title, tier, space_aware, and use_instead when a dedicated tool does the job (prefer it). Only this Kibana's version's operations. Next: describe_kibana_api, then call_kibana_api.",
  inputSchema: {
    type: 'object',
    properties: {
      query: {
        type: 'string',
        maxLength: MAX_QUERY_LENGTH,
        description: 'A few words: what to do, to what, e.g. "offline fleet agents", "snooze rule".',
      },
      tag: { type: 'string', description: 'Only this API area, tag or toolset, e.g. fleet, alerting, cases.' },
    },
    required: ['query'],
    additionalProperties: false,
  },
  annotations: { title: 'Search the Kibana API', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
};

export const DESCRIBE_KIBANA_API: ApiToolDefinition = {
  name: 'describe_kibana_api',
  description:
    'Shows how to call one Kibana API operation: the path_params, query and body call_kibana_api takes for it, with required fields and types. Large schemas are shown in part; schema_path shows one part whole.',
  inputSchema: {
    type: 'object',
    properties: {
      method: METHOD,
      path: { type: 'string', maxLength: MAX_PATH_LENGTH, description: PATH_DESCRIPTION },
      schema_path: { type: 'string', description: 'A schema_path a describe result shows, to see that part whole.' },
    },
    required: ['method', 'path'],
    additionalProperties: false,
  },
  annotations: {
    title: 'Describe a Kibana API operation',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
};

export const CALL_KIBANA_API: ApiToolDefinition = {
  name: 'call_kibana_api',
  description:
    "Calls one Kibana API operation, checked against its schema first; headers, spaces and file uploads are handled for you. Only operations search_kibana_api lists, within the server's tier; destructive ones need confirmation. Prefer a dedicated tool when one exists.",
  inputSchema: {
    type: 'object',
    properties: {
      method: METHOD,
      path: { type: 'string', maxLength: MAX_PATH_LENGTH, description: PATH_DESCRIPTION },
      path_params: {
        type: 'object',
        additionalProperties: { type: 'string' },
        description: 'Values for the {placeholders} of a template path, unencoded.',
      },
      query: { type: 'object', description: 'Query parameters by name; arrays repeat the parameter.' },
      body: { type: ['object', 'array'], description: 'The request body as JSON, as describe_kibana_api shows it.' },
      space_id: {
        type: 'string',
        pattern: SPACE_ID_SOURCE,
        description: 'Space of a space-aware operation; default: the configured space.',
      },
      full: { type: 'boolean', description: "Return a write's whole answer, not just ids, names, status and counts." },
    },
    required: ['method', 'path'],
    additionalProperties: false,
  },
  annotations: { title: 'Call the Kibana API', readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
};

export const API_TOOLS: readonly ApiToolDefinition[] = [SEARCH_KIBANA_API, DESCRIBE_KIBANA_API, CALL_KIBANA_API];

/**
 * What call_kibana_api may do on a server of this tier, as its annotations say: only read at `read`
 * (it refuses the rest), change but not delete at `write`, anything at `destructive`.
 */
export function callAnnotations(tier: Tier): ToolAnnotations {
  const { annotations } = CALL_KIBANA_API;
  if (tier === 'read') return { ...annotations, readOnlyHint: true, destructiveHint: false, idempotentHint: true };
  return tier === 'write' ? { ...annotations, destructiveHint: false } : annotations;
}
