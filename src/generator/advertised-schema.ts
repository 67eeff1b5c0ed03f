// The input schema shown in `tools/list`, made from a tool's full input model.
//
// Shared component schemas stay `$defs` when a tool uses them more than once and they are
// not tiny (inlining everything costs ~42 % more tokens); the rest is inlined.
//
// Every property schema says its `type` at its own top, even a union or a reference (`type:
// object` beside an `anyOf` of objects, the list of types for a union of kinds): simple clients
// decide from it alone how to encode a value (a JSON object, not a string of JSON).
//
// Huge inputs (detection rule create/update with ~10 rule-type variants, connector configs,
// synthetics monitors) would cost tens of thousands of tokens. Rather than splitting them
// into per-variant tools (which multiplies tools and breaks "one operation, one tool"), the
// advertised schema is depth-limited: when a tool's definition exceeds its budget, schemas
// below a nesting depth keep only what a call cannot do without, their required skeleton: the
// type, enum and constraints of every required property down to the leaves, the items of
// required arrays, and one skeleton per union member (so discriminators stay). Optional
// branches are cut first; the deepest depth that fits is kept, and the description says so.
// The tool's validator still checks the full schema and its error messages name the nested
// field and what it expects, so an agent learns the deep shape on demand.
import type { ComponentStore } from '../schema/components.js';
import { refName } from '../schema/refs.js';
import { typesOf, type JsonType, type Schema } from '../schema/schema.js';
import { mapSubschemas, type SubschemaKind } from '../schema/walk.js';
import type { ListedToolSource } from '../tools/listing.js';
import { SPACE_ARG, type JsonSchemaObject } from '../tools/spec.js';
import { flatObjectShape } from './tool-model.js';
import { toolTokens } from './tokens.js';

/** Tokens a tool definition may cost before its schema is depth-limited. */
export const TOOL_TOKEN_BUDGET = 250;
/** Component schemas this short (JSON characters) are inlined even when shared. */
const TINY_SCHEMA = 80;
/** Parts of a skeleton this long (JSON characters) are shown once when they repeat. */
const SHARED_SKELETON = 160;
const DEFS_PREFIX = '#/$defs/';
/** Keywords a required skeleton keeps: what a value must be to pass. */
const CONSTRAINTS = [
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
] as const;
/** The types of a schema that says nothing about its value. */
const ANY_TYPE: JsonType[] = ['array', 'boolean', 'null', 'number', 'object', 'string'];
/** What a depth-limited schema leaves out; that the validator names each bad field is said once, in the server's instructions. */
const COLLAPSED_NOTE = (depth: number) => ` Optional fields below depth ${depth} are hidden but checked.`;

export interface AdvertisedTool {
  description: string;
  inputSchema: JsonSchemaObject;
}

export function advertise(tool: Omit<ListedToolSource, 'inputSchema'> & { input: Schema }, components: ComponentStore): AdvertisedTool {
  const input = withoutSpacePattern(tool.input);
  const full = asRoot(withSharedDefs(input, components));
  if (toolTokens({ ...tool, inputSchema: full }) <= TOOL_TOKEN_BUDGET) return { description: tool.description, inputSchema: full };
  let candidate: AdvertisedTool | undefined;
  const skeletons = skeletonsOf(components);
  for (let depth = 4; depth >= 0; depth -= 1) {
    const collapsed = collapse(input, components, depth, 0, true, skeletons);
    candidate = {
      description: tool.description + COLLAPSED_NOTE(depth),
      inputSchema: asRoot(sharedSkeletons(collapsed, skeletons.origins)),
    };
    if (toolTokens({ ...tool, ...candidate }) <= TOOL_TOKEN_BUDGET) break;
  }
  return candidate as AdvertisedTool;
}

/** The pattern of space_id is checked by the validator and said once in the server's instructions, not in every tool. */
function withoutSpacePattern(input: Schema): Schema {
  const properties = input.properties as Record<string, Schema> | undefined;
  const space = properties?.[SPACE_ARG];
  if (!space || !('pattern' in space)) return input;
  const { pattern: _pattern, ...shown } = space;
  return { ...input, properties: { ...properties, [SPACE_ARG]: shown } };
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
    if (name === undefined) return shown(mapSubschemas(schema, (sub, kind) => typed(rewrite(sub), sub, components, kind)));
    const { $ref: _ref, ...siblings } = schema;
    const target = keep.has(name) ? { $ref: DEFS_PREFIX + name } : rewrite(components.require(name));
    return Object.keys(siblings).length === 0 ? target : { ...target, ...siblings };
  };
  const root: Schema & { $defs?: Record<string, Schema> } = rewrite(input);
  if (keep.size > 0) {
    root.$defs = Object.fromEntries(
      [...keep].sort().map((name) => [name, typed(rewrite(components.require(name)), components.require(name), components, 'value')]),
    );
  }
  return root;
}

/**
 * The schema with everything below `depth` levels of arguments reduced to its required skeleton;
 * `needed` says whether the value must be sent (a required property, the items of a needed array).
 */
function collapse(schema: Schema, components: ComponentStore, depth: number, level: number, needed: boolean, skeletons: Skeletons): Schema {
  const name = refName(schema);
  if (name !== undefined) {
    const { $ref: _ref, ...siblings } = schema;
    return { ...collapse(components.require(name), components, depth, level, needed, skeletons), ...siblings };
  }
  if (level > depth) return skeletons.of(schema, needed);
  const required = new Set(schema.required ?? []);
  // A union's members sit at the level of the union itself.
  const out = mapSubschemas({ ...schema, properties: undefined }, (sub, kind) =>
    typed(
      collapse(sub, components, depth, kind === 'member' ? level : level + 1, needed && kind !== 'not', skeletons),
      sub,
      components,
      kind,
    ),
  );
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, sub]) => [
        key,
        typed(collapse(sub, components, depth, level + 1, required.has(key), skeletons), sub, components, 'value'),
      ]),
    );
  } else delete out.properties;
  return shown(out);
}

const skeletonsByComponents = new WeakMap<ComponentStore, Skeletons>();

/** The skeletons made from one spec's schemas: the tools of a spec share its components, and so their skeletons. */
function skeletonsOf(components: ComponentStore): Skeletons {
  let skeletons = skeletonsByComponents.get(components);
  if (!skeletons) {
    skeletons = new Skeletons(components);
    skeletonsByComponents.set(components, skeletons);
  }
  return skeletons;
}

/**
 * The skeletons of a spec's schemas, each made once: the depth loop asks for the same ones at every
 * depth, and the tools of a spec for those of the components they share. `origins` names the
 * component a skeleton was made from (see sharedSkeletons). A skeleton is not changed once made, so
 * the same one may stand in several places.
 */
class Skeletons {
  readonly origins = new WeakMap<Schema, string>();
  readonly #needed = new WeakMap<Schema, Schema>();
  readonly #optional = new WeakMap<Schema, Schema>();

  constructor(private readonly components: ComponentStore) {}

  of(schema: Schema, needed: boolean): Schema {
    const made = needed ? this.#needed : this.#optional;
    let out = made.get(schema);
    if (!out) {
      out = skeleton(schema, this.components, needed, [], this.origins);
      made.set(schema, out);
    }
    return out;
  }
}

/**
 * What a value of `schema` cannot do without: its type, enum and constraints; when it is needed
 * (`needed`: the argument itself, a required property, the items of a needed array), also its
 * required properties, its items and one skeleton per union member, each a skeleton in turn. An
 * optional property keeps its type only, and so does a component met again inside itself.
 */
function skeleton(schema: Schema, components: ComponentStore, needed: boolean, seen: string[], origins: WeakMap<Schema, string>): Schema {
  const name = refName(schema);
  const resolved = components.resolve(schema);
  const inside = name === undefined ? seen : [...seen, name];
  const out: Schema = {};
  const types = typeList(resolved, components);
  if (types.length > 0) out.type = types.length === 1 ? (types[0] as JsonType) : types;
  if ('const' in resolved) out.const = resolved.const;
  if (resolved.enum) out.enum = resolved.enum;
  if (schema.description !== undefined) out.description = schema.description;
  if (!needed || (name !== undefined && seen.includes(name))) return out;
  if (name !== undefined) origins.set(out, name);
  for (const key of CONSTRAINTS) if (resolved[key] !== undefined) (out as Record<string, unknown>)[key] = resolved[key];
  // "Not empty" goes without saying for a value the caller fills in.
  if (out.minLength === 1) delete out.minLength;
  if (out.minItems === 1) delete out.minItems;
  // Parts stay parts, so that a part many members share is shown once (see sharedSkeletons).
  if (resolved.allOf && resolved.allOf.length > 1 && !resolved.properties) {
    const parts = resolved.allOf.map((part) => skeleton(part, components, true, inside, origins)).filter((part) => part.properties);
    for (const part of parts) delete part.type;
    if (parts.length > 0) out.allOf = parts;
    return out;
  }
  const shape = flatObjectShape(resolved, components);
  const required = [...new Set(shape?.required ?? [])].filter((key) => shape?.properties[key]);
  if (shape && required.length > 0) {
    out.properties = Object.fromEntries(
      required.map((key) => [key, skeleton(shape.properties[key] as Schema, components, true, inside, origins)]),
    );
    out.required = required;
  }
  if (resolved.items && types.includes('array')) out.items = skeleton(resolved.items, components, true, inside, origins);
  const union = resolved.anyOf ?? resolved.oneOf;
  if (union) {
    // A member says its type only where it differs from the union's.
    const own = (member: Schema): Schema => {
      const { type, ...rest } = skeleton(member, components, true, inside, origins);
      return type === undefined || JSON.stringify(type) === JSON.stringify(out.type) ? rest : { type, ...rest };
    };
    const members = mergedMembers(
      [...new Set(union.map((member) => JSON.stringify(own(member))))].map((member) => JSON.parse(member) as Schema),
    );
    // Members that differ only in type are said by the union's type list.
    if (members.some((member) => Object.keys(member).some((key) => key !== 'type'))) out.anyOf = members;
  }
  return out;
}

/** Members alike but for the values of one property they pin (`action: delete`, `action: enable`) are one member with all those values. */
function mergedMembers(members: Schema[]): Schema[] {
  const pinned = [
    ...new Set(
      members.flatMap((member) =>
        Object.entries(member.properties ?? {})
          .filter(([, p]) => p.enum)
          .map(([key]) => key),
      ),
    ),
  ];
  let merged = members;
  for (const key of pinned) {
    const groups = new Map<string, Schema>();
    for (const member of merged) {
      const property = member.properties?.[key];
      if (!property?.enum) {
        groups.set(JSON.stringify(member), member);
        continue;
      }
      const { enum: values, ...rest } = property;
      const shape = JSON.stringify({ ...member, properties: { ...member.properties, [key]: rest } });
      const other = groups.get(shape);
      if (other?.properties?.[key]?.enum)
        other.properties[key] = { ...other.properties[key], enum: [...new Set([...other.properties[key].enum, ...values])] };
      else groups.set(shape, { ...member, properties: { ...member.properties, [key]: { ...property } } });
    }
    merged = [...groups.values()];
  }
  return merged;
}

/**
 * A part of a skeleton that appears more than once (identical each time and not tiny) is shown once,
 * in `$defs`, named after its component where it is one, and referred to elsewhere (with its type
 * beside the reference). Larger parts are shared first.
 */
function sharedSkeletons(root: Schema, origins: WeakMap<Schema, string>): Schema & { $defs?: Record<string, Schema> } {
  const keyOf = structuralKeys();
  const counts = new Map<string, number>();
  const visit = (schema: Schema): void => {
    const key = keyOf(schema);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    mapSubschemas(schema, (sub) => (visit(sub), sub));
  };
  visit(root);
  const defs = new Map<string, { name: string; schema: Schema }>();
  const replace = (schema: Schema, top: boolean): Schema => {
    const key = keyOf(schema);
    if (!top && (counts.get(key) ?? 0) > 1 && JSON.stringify(schema).length > SHARED_SKELETON) {
      let def = defs.get(key);
      if (!def) {
        const name = origins.get(schema) ?? `shared_${defs.size + 1}`;
        def = { name, schema };
        defs.set(key, def);
        def.schema = mapSubschemas(schema, (sub) => replace(sub, false));
      }
      return schema.type === undefined ? { $ref: DEFS_PREFIX + def.name } : { $ref: DEFS_PREFIX + def.name, type: schema.type };
    }
    return mapSubschemas(schema, (sub) => replace(sub, false));
  };
  const out: Schema & { $defs?: Record<string, Schema> } = replace(root, true);
  if (defs.size > 0)
    out.$defs = Object.fromEntries(
      [...defs.values()].map(({ name, schema }) => [name, schema]).sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  return out;
}

/**
 * A key per JSON value, the same for two values exactly when their JSON texts are: each made of its own
 * scalars and its children's keys, so keying every node of a tree is linear where stringifying each is not.
 * Values are keyed once (by identity): a value must not change after it is keyed.
 */
function structuralKeys(): (value: unknown) => string {
  const ids = new Map<string, string>();
  const known = new WeakMap<object, string>();
  const keyOf = (value: unknown): string => {
    if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
    const seen = known.get(value);
    if (seen !== undefined) return seen;
    const own = Array.isArray(value)
      ? `[${value.map(keyOf).join(',')}]`
      : `{${Object.entries(value)
          .filter(([, entry]) => entry !== undefined)
          .map(([name, entry]) => `${JSON.stringify(name)}:${keyOf(entry)}`)
          .join(',')}}`;
    let id = ids.get(own);
    if (id === undefined) {
      id = `#${ids.size}`;
      ids.set(own, id);
    }
    known.set(value, id);
    return id;
  };
  return keyOf;
}

/** `schema` with the type of `original` at its top where it has none: values only (union members say it through their union). */
function typed(schema: Schema, original: Schema, components: ComponentStore, kind: SubschemaKind): Schema {
  if (kind !== 'value' || schema.type !== undefined) return schema;
  const types = typeList(original, components);
  return types.length === 0 ? schema : { ...schema, type: types.length === 1 ? (types[0] as JsonType) : types };
}

/** The JSON types a value of `schema` may have, as the schema (through references and unions) says them. */
function typeList(schema: Schema, components: ComponentStore, seen: string[] = []): JsonType[] {
  const name = refName(schema);
  if (name !== undefined) return seen.includes(name) ? [] : typeList(components.require(name), components, [...seen, name]);
  let types: JsonType[] = typesOf(schema);
  if (types.length === 0 && 'const' in schema) types = [jsonType(schema.const)];
  if (types.length === 0 && schema.enum) types = schema.enum.map(jsonType);
  const union = schema.anyOf ?? schema.oneOf;
  if (types.length === 0 && union) {
    const members = union.map((member) => typeList(member, components, seen));
    types = members.some((member) => member.length === 0) ? ANY_TYPE : members.flat();
  }
  if (types.length === 0 && schema.allOf) types = schema.allOf.flatMap((part) => typeList(part, components, seen));
  if (types.length === 0 && (schema.properties || schema.additionalProperties)) types = ['object'];
  if (types.length === 0 && schema.items) types = ['array'];
  if (types.length === 0 && Object.keys(schema).every((key) => key === 'description' || key === 'default' || key === 'deprecated'))
    types = ANY_TYPE;
  const distinct = [...new Set(types)];
  return distinct.includes('number') ? distinct.filter((type) => type !== 'integer') : distinct;
}

function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

/**
 * A schema as shown: upstream `oneOf` members often overlap (several match one value), which Kibana
 * accepts; the validator takes the first match, so it says `anyOf` to agree. A discriminator's mapping
 * names components the tool does not carry, and its members show their values anyway: it is left out.
 */
function shown(schema: Schema): Schema {
  const { discriminator: _discriminator, ...without } = schema;
  return oneOfAsAnyOf(without);
}

function oneOfAsAnyOf(schema: Schema): Schema {
  if (!schema.oneOf) return schema;
  const { oneOf, ...rest } = schema;
  if (!rest.anyOf) return { ...rest, anyOf: oneOf };
  const { anyOf, ...others } = rest;
  return { ...others, allOf: [...(others.allOf ?? []), { anyOf }, { anyOf: oneOf }] };
}
