// The input schema shown in `tools/list`, made from a tool's full input model.
//
// Shared component schemas stay `$defs` when a tool uses them more than once and they are
// not tiny (inlining everything costs ~42 % more tokens); the rest is inlined.
//
// Huge inputs (detection rule create/update with ~10 rule-type variants, connector configs,
// synthetics monitors) would cost tens of thousands of tokens. Rather than splitting them
// into per-variant tools (which multiplies tools and breaks "one operation, one tool"), the
// advertised schema is depth-limited: when a tool's definition exceeds its budget, schemas
// below a nesting depth collapse to their bare type (`{"type":"object"}`), the deepest depth
// that fits is kept, and the description says so. The tool's validator still checks the
// full schema and its error messages name the nested field and what it expects, so an agent
// learns the deep shape on demand, only for the tool it actually calls.
import type { ComponentStore } from '../schema/components.js';
import { refName } from '../schema/refs.js';
import type { Schema } from '../schema/schema.js';
import { mapSubschemas } from '../schema/walk.js';
import type { ListedToolSource } from '../tools/listing.js';
import type { JsonSchemaObject } from '../tools/spec.js';
import { flatObjectShape } from './tool-model.js';
import { toolTokens } from './tokens.js';

/** Tokens a tool definition may cost before its schema is depth-limited. */
export const TOOL_TOKEN_BUDGET = 400;
/** Component schemas this short (JSON characters) are inlined even when shared. */
const TINY_SCHEMA = 80;
const DEFS_PREFIX = '#/$defs/';
const COLLAPSED_NOTE = (depth: number) =>
  depth === 0
    ? ' Object arguments are shown without their fields; the call checks them in full and names any field that is missing or wrong.'
    : ` Arguments nested deeper than ${depth} level${depth === 1 ? '' : 's'} are shown without their fields; the call checks them in full and names any field that is missing or wrong.`;

export interface AdvertisedTool {
  description: string;
  inputSchema: JsonSchemaObject;
}

export function advertise(tool: Omit<ListedToolSource, 'inputSchema'> & { input: Schema }, components: ComponentStore): AdvertisedTool {
  const full = asRoot(withSharedDefs(tool.input, components));
  if (toolTokens({ ...tool, inputSchema: full }) <= TOOL_TOKEN_BUDGET) return { description: tool.description, inputSchema: full };
  let candidate: AdvertisedTool | undefined;
  for (let depth = 4; depth >= 0; depth -= 1) {
    candidate = { description: tool.description + COLLAPSED_NOTE(depth), inputSchema: asRoot(collapse(tool.input, components, depth, 0)) };
    if (toolTokens({ ...tool, ...candidate }) <= TOOL_TOKEN_BUDGET) break;
  }
  return candidate as AdvertisedTool;
}

/** The tool model's input is always a root object (see ArgumentLayout); so is every form of it shown. */
function asRoot(schema: Schema & { $defs?: Record<string, Schema> }): JsonSchemaObject {
  if (schema.type !== 'object') throw new Error('a tool input must be a root object');
  return schema as JsonSchemaObject;
}

function withSharedDefs(input: Schema, components: ComponentStore): Schema & { $defs?: Record<string, Schema> } {
  const uses = new Map<string, number>();
  const recursive = new Set<string>();
  const count = (schema: Schema, stack: string[]): void => {
    const name = refName(schema);
    if (name === undefined) {
      mapSubschemas(schema, (sub) => (count(sub, stack), sub));
      return;
    }
    if (stack.includes(name)) {
      recursive.add(name);
      return;
    }
    uses.set(name, (uses.get(name) ?? 0) + 1);
    if (uses.get(name) === 1) count(components.require(name), [...stack, name]);
  };
  count(input, []);
  const keep = new Set(
    [...uses]
      .filter(([name, n]) => recursive.has(name) || (n > 1 && JSON.stringify(components.require(name)).length > TINY_SCHEMA))
      .map(([name]) => name),
  );
  const rewrite = (schema: Schema): Schema => {
    const name = refName(schema);
    if (name === undefined) return oneOfAsAnyOf(mapSubschemas(schema, rewrite));
    const { $ref: _ref, ...siblings } = schema;
    const target = keep.has(name) ? { $ref: DEFS_PREFIX + name } : rewrite(components.require(name));
    return Object.keys(siblings).length === 0 ? target : { ...target, ...siblings };
  };
  const root: Schema & { $defs?: Record<string, Schema> } = rewrite(input);
  if (keep.size > 0) root.$defs = Object.fromEntries([...keep].sort().map((name) => [name, rewrite(components.require(name))]));
  return root;
}

/** The schema with everything below `depth` levels of arguments reduced to its bare type. */
function collapse(schema: Schema, components: ComponentStore, depth: number, level: number): Schema {
  const name = refName(schema);
  if (name !== undefined) {
    const { $ref: _ref, ...siblings } = schema;
    return { ...collapse(components.require(name), components, depth, level), ...siblings };
  }
  if (level > depth) return bareType(schema, components);
  // A union's members sit at the level of the union itself.
  return oneOfAsAnyOf(mapSubschemas(schema, (sub, member) => collapse(sub, components, depth, member ? level : level + 1)));
}

/**
 * Upstream `oneOf` members often overlap (several match one value), which Kibana accepts; the
 * validator takes the first match, so the advertised schema says `anyOf` to agree with it.
 */
function oneOfAsAnyOf(schema: Schema): Schema {
  if (!schema.oneOf) return schema;
  const { oneOf, ...rest } = schema;
  if (!rest.anyOf) return { ...rest, anyOf: oneOf };
  const { anyOf, ...others } = rest;
  return { ...others, allOf: [...(others.allOf ?? []), { anyOf }, { anyOf: oneOf }] };
}

/**
 * A schema's type, enum and required field names without its fields, except required fields
 * with fixed values (the discriminator of a union, such as a rule's `type`); unions keep one
 * bare member each.
 */
function bareType(schema: Schema, components: ComponentStore): Schema {
  const resolved = components.resolve(schema);
  const out: Schema = {};
  if (resolved.type !== undefined) out.type = resolved.type;
  else if (resolved.properties || resolved.additionalProperties || resolved.allOf) out.type = 'object';
  if (resolved.enum) out.enum = resolved.enum;
  const shape = flatObjectShape(resolved, components);
  if (shape && shape.required.length > 0) {
    const fixed = shape.required.flatMap((name) => {
      const property = shape.properties[name];
      const values = property ? components.resolve(property).enum : undefined;
      return values?.length === 1 ? [[name, { enum: values }] as const] : [];
    });
    if (fixed.length > 0) out.properties = Object.fromEntries(fixed);
    out.required = [...new Set(shape.required)];
  }
  const union = resolved.anyOf ?? resolved.oneOf;
  if (union) {
    const members = union.map((member) => JSON.stringify(bareType(member, components)));
    const distinct = [...new Set(members)].map((member) => JSON.parse(member) as Schema);
    if (distinct.length > 1 || Object.keys(distinct[0] ?? {}).length > 0) out.anyOf = distinct;
  }
  if (schema.description !== undefined) out.description = schema.description;
  return out;
}
