// The API catalogue: every operation of every shipped spec (and the names of those only the 9.x
// operation list knows), as the full-API tools search, describe and call them. Facts only: method,
// path, the spec's summary as title, tags, parameters and body schemas (normalised, prose dropped),
// response media types, and the versions each holds on; our own description where a curated tool
// covers the operation. Stored per spec as a facts-only OpenAPI 3.1 JSON document whose operations
// carry the keys below; loaded on the first full-API call (see load.ts).
import type { HttpMethod } from '../kibana/http.js';
import type { OperationEffect } from '../kibana/operations.js';
import type { VersionRange } from '../kibana/versions.js';
import type { ParameterLocation } from '../openapi/model.js';
import type { Schema } from '../schema/schema.js';

/** Operation keys of a catalogue document, beside the OpenAPI ones. */
export const CATALOGUE_KEYS = {
  versions: 'x-kibana-versions',
  effect: 'x-kibana-effect',
  spaceAware: 'x-kibana-space-aware',
  tool: 'x-kibana-tool',
  /** An operation the 9.x list names but no shipped spec describes: no parameters or body are known. */
  schemaless: 'x-kibana-schemaless',
} as const;

export interface CatalogueParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: Schema;
}

export interface CatalogueOperation {
  method: HttpMethod;
  /** The path template as tools address it: a `/s/{spaceId}` prefix removed (the space travels as `space_id`). */
  path: string;
  /** The template as the spec writes it, when it differs from `path`. */
  specPath?: string;
  /** The spec's `summary`; empty for operations only the list names. */
  title: string;
  tags: readonly string[];
  operationId?: string;
  /** What the operation does (its tier); a curated tool's tier where one covers it. */
  effect: OperationEffect;
  spaceAware: boolean;
  versions: VersionRange;
  deprecated?: boolean;
  /** Path (the space parameter aside), query and header parameters. */
  parameters: CatalogueParameter[];
  body?: { mediaType: string; required: boolean; schema: Schema };
  /** Media types of the success responses. */
  responses: string[];
  /** The curated tool that covers the operation, with its toolset and our description. */
  curatedTool?: string;
  toolset?: string;
  description?: string;
  /** The spec (id in openapi/specs.yaml) whose component schemas the schemas refer to. */
  spec: string;
  /** Known to exist, without a schema in any shipped spec: `--spec` with the user's own spec gives it. */
  schemaless?: boolean;
}
