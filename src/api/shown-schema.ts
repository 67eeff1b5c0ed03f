// A schema as describe_kibana_api shows it: component references inlined, as deep as fits a budget
// of characters. Below the depth that fits, a value keeps what a call cannot do without, as the
// curated tools' schemas do: its type, enum and constraints, and when it must be sent its required
// properties, its items and every union member (so discriminators stay), down to the leaves. Where
// anything is left out, the part says so with `schema_path`: the JSON pointer that describes it next.
// When even that does not fit, parts below the depth are outlined (type and `schema_path` only).
import { refName } from '../schema/refs.js';
import { typesOf, type JsonType, type Schema } from '../schema/schema.js';
import type { ComponentStore } from '../schema/components.js';

/** The keyword that marks a part shown in part, with the pointer that shows it whole. */
export const SCHEMA_PATH = 'schema_path';

type Shown = Record<string, unknown>;
/**
 * How the parts below the depth are shown: `skeleton` (what a call cannot do without), `outline` (type
 * and schema_path), `members` (outline, and a union's members count as one more level: the form of a
 * union too wide to show its members' properties).
 */
type Mode = 'skeleton' | 'outline' | 'members';

export interface ShownSchema {
  schema: Shown;
  /** Some part is left out and names its schema_path. */
  cut: boolean;
}

/** Depths tried below the full schema, deepest first; each in skeleton mode, then in outline mode. */
const DEPTHS = [6, 5, 4, 3, 2, 1, 0];
const UNIONS = ['anyOf', 'oneOf', 'allOf'] as const;
/** Keywords of a value kept in every form it is shown in. */
const VALUE_KEYWORDS = ['type', 'const', 'enum', 'format'] as const;
class TooLarge extends Error {}

/** A JSON pointer token (RFC 6901). */
export function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `schema` (found at pointer `at`) shown in at most `maxChars` characters of JSON, as deep as that allows. */
export function showSchema(schema: Schema, at: string, components: ComponentStore, maxChars: number): ShownSchema {
  const attempts: Array<{ depth: number; mode: Mode }> = [
    { depth: Number.POSITIVE_INFINITY, mode: 'skeleton' },
    ...DEPTHS.map((depth) => ({ depth, mode: 'skeleton' as const })),
    ...DEPTHS.map((depth) => ({ depth, mode: 'outline' as const })),
    ...DEPTHS.map((depth) => ({ depth, mode: 'members' as const })),
  ];
  for (const { depth, mode } of attempts) {
    const renderer = new Renderer(components, depth, mode, maxChars);
    try {
      const shown = renderer.value(schema, at, 0, true, []);
      if (JSON.stringify(shown).length <= maxChars) return { schema: shown, cut: renderer.cut };
    } catch (error) {
      if (!(error instanceof TooLarge)) throw error;
    }
  }
  return { schema: { ...typeOf(components.resolve(schema), components), [SCHEMA_PATH]: at }, cut: true };
}

class Renderer {
  cut = false;
  #size = 0;

  constructor(
    private readonly components: ComponentStore,
    private readonly depth: number,
    private readonly mode: Mode,
    private readonly maxChars: number,
  ) {}

  /** A value at `level` levels below the shown root; `needed`: it must be sent when its parent is. */
  value(schema: Schema, at: string, level: number, needed: boolean, seen: string[]): Shown {
    this.#count(schema);
    const name = refName(schema);
    if (name !== undefined) {
      if (seen.includes(name)) return this.#mark(typeOf(this.components.resolve(schema), this.components), at);
      const { $ref: _ref, ...siblings } = schema;
      return { ...this.value(this.components.require(name), at, level, needed, [...seen, name]), ...siblings };
    }
    if (level > this.depth) return this.mode === 'skeleton' ? this.#skeleton(schema, at, needed, seen) : this.#outline(schema, at);
    const { properties, items, additionalProperties, not, discriminator: _discriminator, ...own } = schema;
    const out: Shown = { ...own };
    const memberLevel = this.mode === 'members' ? level + 1 : level;
    for (const key of UNIONS) {
      const members = schema[key];
      if (members) out[key] = members.map((member, i) => this.value(member, `${at}/${key}/${i}`, memberLevel, needed, seen));
    }
    if (properties) {
      const required = new Set(schema.required ?? []);
      out.properties = Object.fromEntries(
        Object.entries(properties).map(([key, sub]) => [
          key,
          this.value(sub, `${at}/properties/${pointerToken(key)}`, level + 1, required.has(key), seen),
        ]),
      );
    }
    if (items) out.items = this.value(items, `${at}/items`, level + 1, needed, seen);
    if (additionalProperties)
      out.additionalProperties = this.value(additionalProperties, `${at}/additionalProperties`, level + 1, false, seen);
    else if (additionalProperties === false) out.additionalProperties = false;
    if (not) out.not = this.value(not, `${at}/not`, level + 1, false, seen);
    return out;
  }

  /** What a value cannot do without; when it must be sent, its required properties, items and members too. */
  #skeleton(schema: Schema, at: string, needed: boolean, seen: string[]): Shown {
    const name = refName(schema);
    if (name !== undefined) {
      if (seen.includes(name)) return this.#mark(typeOf(this.components.resolve(schema), this.components), at);
      return this.#skeleton(this.components.require(name), at, needed, [...seen, name]);
    }
    this.#count(schema);
    const structured = schema.properties || schema.items || schema.additionalProperties || UNIONS.some((key) => schema[key]);
    if (!needed) {
      const out = typeOf(schema, this.components);
      return structured ? this.#mark(out, at) : out;
    }
    // Everything a value must satisfy (type, enum, format, bounds, pattern), without its parts and its words.
    const {
      properties: _p,
      items: _i,
      additionalProperties: _a,
      anyOf: _any,
      oneOf: _one,
      allOf: _all,
      not: _not,
      required: _r,
      ...rest
    } = schema;
    const { description: _d, default: _default, deprecated: _deprecated, discriminator: _discriminator, ...constraints } = rest;
    const out: Shown = { ...typeOf(schema, this.components), ...constraints };
    const required = (schema.required ?? []).filter((key) => schema.properties?.[key]);
    let complete = !schema.additionalProperties && Object.keys(schema.properties ?? {}).length === required.length;
    if (required.length > 0) {
      out.properties = Object.fromEntries(
        required.map((key) => [key, this.#skeleton(schema.properties![key]!, `${at}/properties/${pointerToken(key)}`, true, seen)]),
      );
      out.required = required;
    }
    if (schema.items) out.items = this.#skeleton(schema.items, `${at}/items`, true, seen);
    for (const key of UNIONS) {
      const members = schema[key];
      if (members) out[key] = members.map((member, i) => this.#skeleton(member, `${at}/${key}/${i}`, true, seen));
    }
    if (schema.not) complete = false;
    return complete ? out : this.#mark(out, at);
  }

  /** Type and schema_path; an object also shows the required properties that pin it to one value (a union member's discriminator). */
  #outline(schema: Schema, at: string): Shown {
    const out = typeOf(schema, this.components);
    const structured = schema.properties || schema.items || schema.additionalProperties || UNIONS.some((key) => schema[key]);
    if (!structured) return out;
    const pins = pinnedProperties(schema, this.components);
    if (Object.keys(pins).length > 0) out.properties = pins;
    return this.#mark(out, at);
  }

  #mark(shown: Shown, at: string): Shown {
    this.cut = true;
    return { ...shown, [SCHEMA_PATH]: at };
  }

  /** Gives up on a form that is already larger than the budget, before it is built whole (inlining can multiply a schema). */
  #count(schema: Schema): void {
    this.#size += 8 + (schema.enum ? JSON.stringify(schema.enum).length : 0);
    if (this.#size > this.maxChars) throw new TooLarge();
  }
}

/** A value's type, const, enum and format; a union of kinds says the types of its members. */
function typeOf(schema: Schema, components: ComponentStore): Shown {
  const out: Shown = {};
  for (const key of VALUE_KEYWORDS) if (schema[key] !== undefined) out[key] = schema[key];
  if (out.type === undefined) {
    const members = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].map((member) => typesOf(components.resolve(member)));
    const types = members.every((list) => list.length > 0) ? [...new Set(members.flat())] : [];
    if (types.length > 0) out.type = types.length === 1 ? (types[0] as JsonType) : types;
    else if (schema.properties) out.type = 'object';
  }
  return out;
}

/** The required properties of an object (through `allOf` parts) whose value is fixed: `const`, or an enum of one. */
function pinnedProperties(schema: Schema, components: ComponentStore, seen: string[] = []): Shown {
  const name = refName(schema);
  if (name !== undefined) return seen.includes(name) ? {} : pinnedProperties(components.require(name), components, [...seen, name]);
  const pins: Shown = {};
  for (const part of schema.allOf ?? []) Object.assign(pins, pinnedProperties(part, components, seen));
  for (const key of schema.required ?? []) {
    const property = schema.properties?.[key] && components.resolve(schema.properties[key]);
    if (property && ('const' in property || property.enum?.length === 1)) pins[key] = typeOf(property, components);
  }
  return pins;
}
