// The typed facts of an OpenAPI operation, as read from any spec: what the generator turns into
// tools and the facts document, and what a runtime reader of a spec works with. No prose except
// the team's own descriptions (set by the generator; never read from an upstream spec).
import type { HttpMethod } from '../kibana/http.js';
import type { VersionRange } from '../kibana/versions.js';
import type { Schema } from '../schema/schema.js';

export type ParameterLocation = 'path' | 'query' | 'header';

/** The header that carries an operation's API version (declared, or taken from a versioned media type). */
export const API_VERSION_HEADER = 'elastic-api-version';

export interface Parameter {
  /** Header names are lower case. */
  name: string;
  in: ParameterLocation;
  /** Always true for path parameters. */
  required: boolean;
  deprecated: boolean;
  description?: string;
  schema: Schema;
}

export interface RequestBody {
  /** The one media type a request sends, parameters stripped (`application/json`, `multipart/form-data`, ndjson). */
  mediaType: string;
  required: boolean;
  schema: Schema;
  description?: string;
}

export interface Response {
  /** A status code, or `default`. */
  status: string;
  /** Media types, parameters stripped and sorted; response schemas are unreliable and not kept. */
  mediaTypes: string[];
}

export interface Operation {
  method: HttpMethod;
  /** The path template as the spec writes it. */
  path: string;
  operationId?: string;
  /** The spec's short title (a fact), or the team's title once curated. */
  summary?: string;
  description?: string;
  /** The spec's tags (facts: short names of API areas). */
  tags: string[];
  deprecated: boolean;
  /** The version the spec's `x-state` says the operation was added in. */
  addedIn?: string;
  /** The Kibana versions the operation exists on, as a facts document records them (`x-kibana-versions`). */
  versions?: VersionRange;
  parameters: Parameter[];
  requestBody?: RequestBody;
  /** Sorted by status; empty when the spec declares none. */
  responses: Response[];
}

/** The schemas an operation's facts hold directly (component references inside them aside). */
export function operationSchemas(operation: Operation): Schema[] {
  const schemas = operation.parameters.map((param) => param.schema);
  if (operation.requestBody) schemas.push(operation.requestBody.schema);
  return schemas;
}
