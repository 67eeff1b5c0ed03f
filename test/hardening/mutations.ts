// A bounded, seeded set of argument mutations for one tool: the kinds of input a careless or hostile
// client sends. Each names what it did, so that a finding can be replayed by tool and mutation name.
import { synthesize } from '../support/synthesize.js';

type Schema = Record<string, unknown>;

export interface Mutation {
  /** `kind` or `kind:argument`. */
  name: string;
  /** What the caller sends as `arguments`: not always an object. */
  args: unknown;
  /** What the runtime must do: accept it, refuse it, or either (but never drop or crash). */
  expect: 'accepted' | 'refused' | 'either';
}

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Far past what a URL (16 KiB of headers at Kibana) or a result (20,000 characters) may hold. */
export const HUGE_STRING_LENGTH = 256 * 1024;
export const DEEP_NESTING = 10_000;
const UNICODE = 'Grüße 日本語 😀 \u202e\u200b "quoted" \\ back/slash\ttab';
const UNKNOWN = 'zz_unknown_argument';
export const NESTED_EXTRA = 'zz_extra_field';

/** A nested object `depth` levels deep, built without recursion. */
export function deeplyNested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'any';

/** The JSON type an argument's schema takes first (unions: their first non-null member). */
function kindOf(schema: Schema | undefined, root: Schema): Kind {
  if (!schema) return 'any';
  if (typeof schema.$ref === 'string') return kindOf(resolve(root, schema.$ref), root);
  if (Array.isArray(schema.enum)) return typeof schema.enum[0] === 'number' ? 'number' : 'string';
  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(union)) return kindOf(union.find((member) => member.type !== 'null') ?? union[0], root);
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type];
  const type = types.find((t) => t !== 'null');
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'string' || type === 'boolean' || type === 'array' || type === 'object') return type;
  return schema.properties ? 'object' : 'any';
}

function resolve(root: Schema, ref: string): Schema | undefined {
  let node: unknown = root;
  for (const part of ref.replace(/^#\//, '').split('/')) node = (node as Schema | undefined)?.[part];
  return node as Schema | undefined;
}

/** A value of another JSON type than `kind`. */
function wrongTypeFor(kind: Exclude<Kind, 'any'>): unknown {
  switch (kind) {
    case 'string':
      return 4242;
    case 'number':
      return 'not a number';
    case 'boolean':
      return 'yes';
    case 'array':
      return { not: 'an array' };
    case 'object':
      return ['not', 'an', 'object'];
  }
}

export function mutationsOf(fullSchema: Schema, random: () => number): Mutation[] {
  const properties = (fullSchema.properties ?? {}) as Record<string, Schema>;
  const required = (fullSchema.required as string[] | undefined) ?? [];
  const names = Object.keys(properties);
  const kind = (name: string) => kindOf(properties[name], fullSchema);
  const pick = (candidates: string[]) => candidates[Math.floor(random() * candidates.length)];
  const ofKind = (...kinds: Kind[]) => names.filter((name) => kinds.includes(kind(name)));
  const base = synthesize(fullSchema, { optional: true });
  const minimal = synthesize(fullSchema);
  const withArg = (name: string, value: unknown) => ({ ...base, [name]: value });
  const out: Mutation[] = [
    { name: 'valid', args: base, expect: 'accepted' },
    { name: 'minimal', args: minimal, expect: 'accepted' },
    { name: 'empty', args: {}, expect: required.length > 0 ? 'refused' : 'accepted' },
    { name: 'arguments-null', args: null, expect: required.length > 0 ? 'refused' : 'either' },
    { name: 'arguments-array', args: [], expect: 'refused' },
    { name: 'arguments-string', args: 'text', expect: 'refused' },
    { name: 'unknown-argument', args: { ...base, [UNKNOWN]: 'x' }, expect: 'refused' },
    { name: 'prototype-key', args: { ...JSON.parse('{"__proto__":{"polluted":"yes"}}'), ...base }, expect: 'refused' },
    { name: 'constructor-key', args: { ...base, constructor: { prototype: { polluted: 'yes' } } }, expect: 'refused' },
  ];
  const missing = pick(required);
  if (missing !== undefined) {
    const { [missing]: _dropped, ...rest } = base;
    out.push({ name: `missing-required:${missing}`, args: rest, expect: 'refused' });
  }
  const typed = pick(ofKind('string', 'number', 'boolean', 'array', 'object'));
  if (typed !== undefined) {
    out.push({ name: `wrong-type:${typed}`, args: withArg(typed, wrongTypeFor(kind(typed) as Exclude<Kind, 'any'>)), expect: 'either' });
  }
  const nulled = pick(names);
  if (nulled !== undefined) out.push({ name: `null:${nulled}`, args: withArg(nulled, null), expect: 'either' });
  const numeric = pick(ofKind('number'));
  if (numeric !== undefined) {
    out.push({ name: `number-as-string:${numeric}`, args: withArg(numeric, '7'), expect: 'either' });
    out.push({ name: `huge-number:${numeric}`, args: withArg(numeric, 1e308), expect: 'either' });
    out.push({ name: `fraction:${numeric}`, args: withArg(numeric, -0.5), expect: 'either' });
  }
  const text = pick(ofKind('string'));
  if (text !== undefined) {
    out.push({ name: `huge-string:${text}`, args: withArg(text, 'x'.repeat(HUGE_STRING_LENGTH)), expect: 'either' });
    out.push({ name: `lone-surrogate:${text}`, args: withArg(text, 'a\ud800b'), expect: 'either' });
    out.push({ name: `unicode:${text}`, args: withArg(text, UNICODE), expect: 'either' });
    out.push({ name: `empty-string:${text}`, args: withArg(text, ''), expect: 'either' });
  }
  const object = pick(ofKind('object', 'any'));
  const nestable = object ?? pick(ofKind('array')) ?? pick(names);
  if (nestable !== undefined) {
    const deep = deeplyNested(DEEP_NESTING);
    out.push({ name: `deep-nesting:${nestable}`, args: withArg(nestable, kind(nestable) === 'array' ? [deep] : deep), expect: 'either' });
  }
  if (object !== undefined) {
    const value = typeof base[object] === 'object' && base[object] !== null ? (base[object] as Record<string, unknown>) : {};
    out.push({ name: `nested-extra:${object}`, args: withArg(object, { ...value, [NESTED_EXTRA]: 'x' }), expect: 'either' });
    out.push({
      name: `nested-prototype-key:${object}`,
      args: withArg(object, { ...value, ...JSON.parse('{"__proto__":{"polluted":"yes"}}') }),
      expect: 'either',
    });
  }
  return out;
}
