// The ToolSpec model: what the generator emits and the runtime consumes.
// It knows nothing of OpenAPI (the generator translates) nor of MCP wiring (the server does).
import type { z } from 'zod';

import type { HttpMethod } from '../kibana/http.js';
import { isInRange, type VersionRange } from '../kibana/versions.js';

export type { HttpMethod, VersionRange };

/** Which tools a configuration registers: each tier includes the ones below it. */
export type Tier = 'read' | 'write' | 'destructive';

export interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** A JSON Schema object as advertised in `tools/list` (root is always `type: object`). */
export interface JsonSchemaObject {
  type: 'object';
  properties?: Record<string, unknown>;
  required?: string[];
  additionalProperties?: boolean | Record<string, unknown>;
  $defs?: Record<string, unknown>;
  [keyword: string]: unknown;
}

/** A tool argument that travels in the URL path, the query string or a header. */
export interface ParamBinding {
  /** The argument's name in the tool's input. */
  arg: string;
  /** The name on the wire (path template variable, query key or header name). */
  name: string;
  in: 'path' | 'query' | 'header';
}

/**
 * How tool arguments become the request body.
 * - `fields`: the body is an object; each listed argument becomes one property
 *   (map: argument name → body property name). Used when the body is flat.
 * - `arg`: the whole body is the value of one argument (arrays, unions, name clashes).
 * - `multipart`: a multipart/form-data body; `ndjson-file` parts turn an array
 *   argument into an ndjson file part, `json` parts send the argument JSON-encoded,
 *   `text` parts send it as is.
 */
export type BodyBinding =
  | { kind: 'fields'; fields: Record<string, string> }
  | { kind: 'arg'; arg: string; encoding: 'json' | 'ndjson' }
  | { kind: 'multipart'; parts: MultipartBinding[] };

export interface MultipartBinding {
  arg: string;
  field: string;
  as: 'ndjson-file' | 'json' | 'text';
  /** File name sent with an `ndjson-file` part. */
  filename?: string;
}

export interface RequestMapping {
  method: HttpMethod;
  /** Path template relative to the Kibana base URL, e.g. `/api/data_views/data_view/{viewId}`. Never carries `/s/{space}`. */
  path: string;
  params: ParamBinding[];
  body?: BodyBinding;
  /** Fixed headers the operation needs (e.g. `elastic-api-version`). Never tool arguments. */
  headers?: Record<string, string>;
  /** The `Accept` the request sends, from what the operation answers, when it is not JSON alone (`application/x-ndjson, application/json`). */
  accept?: string;
}

/**
 * How a write tool answers: `compact` keeps what the agent needs next (ids, names, versions, status,
 * counts, errors, the fields sent; see src/tools/write-answers.ts) and advertises `full`, which asks
 * for the whole answer; `whole` returns the answer as Kibana gave it, for writes whose answer is the
 * result the agent asked for (a connector run).
 */
export type WriteAnswer = 'compact' | 'whole';

/**
 * A write Kibana acknowledges without acting while a value is already set, unless the argument
 * `unless` is true (`set_default_data_view` without `force`). After such a call the runtime reads
 * `read` in the call's space and compares its answer's `field` with the call's `argument`: when they
 * differ, the result says that nothing changed and what to pass.
 */
export interface KeepsExisting {
  unless: string;
  read: { method: 'GET'; path: string };
  field: string;
  argument: string;
}

export interface ToolSpec {
  /** Matches `^[a-z0-9_]{1,48}$` (inside MCP's `^[a-zA-Z0-9_-]{1,64}$`, leaving room for client prefixes); verb first (`list_data_views`). */
  name: string;
  toolset: string;
  tier: Tier;
  description: string;
  annotations: ToolAnnotations;
  /** Whether the operation lives in a space (adds the optional `space_id` argument). */
  spaceAware: boolean;
  /** The schema shown in `tools/list`. May be depth-limited; the validator always checks fully. */
  inputSchema: JsonSchemaObject;
  /** Tokens of the tool's `tools/list` entry (o200k_base), counted when the tool was generated. */
  tokens: number;
  /** Loads the full validator; called once, on the first call of the tool. */
  validator: () => Promise<z.ZodType<Record<string, unknown>>>;
  request: RequestMapping;
  /**
   * The Kibana versions this tool works on (`from` inclusive, `until` exclusive). Several ToolSpecs
   * (variants) may share a name with disjoint ranges: the name stays stable and the operation and
   * its schema follow the version. A toolset's data lists a name's variants oldest first.
   */
  versions: VersionRange;
  /** Write tools only: the generator gives every write one, and `compact` ones `full` in their schema. A write without it answers whole. */
  writeAnswer?: WriteAnswer;
  keepsExisting?: KeepsExisting;
  /** The upstream operation this tool was derived from (for reports and drift checks). */
  operation: { method: HttpMethod; path: string; operationId?: string };
}

/** The toolsets a build offers, with the names of their tools; each toolset's tools load on demand. */
export interface ToolsetInfo {
  id: string;
  description: string;
  default: boolean;
  tools: readonly string[];
}

/** The argument every space-aware tool accepts. */
export const SPACE_ARG = 'space_id';

/** The variants that exist on Kibana `version`: at most one per name. */
export function toolsOnVersion<T extends Pick<ToolSpec, 'versions'>>(tools: readonly T[], version: string): T[] {
  return tools.filter((tool) => isInRange(version, tool.versions));
}
