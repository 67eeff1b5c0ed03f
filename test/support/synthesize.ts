// Deterministic valid arguments for a JSON Schema: required fields filled, enums, formats and
// bounds respected; `optional` also fills optional properties of the root object.
type Schema = Record<string, unknown>;

const FORMAT_SAMPLES: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00.000Z',
  date: '2024-01-01',
  time: '00:00:00Z',
  email: 'agent@example.com',
  uri: 'https://example.com/',
  'uri-reference': '/example',
  uuid: '00000000-0000-4000-8000-000000000000',
  ipv4: '127.0.0.1',
  ipv6: '::1',
  hostname: 'example.com',
  duration: 'P1D',
};

export interface SynthesizeOptions {
  /** Fill the optional properties of the root object too. */
  optional?: boolean;
}

export function synthesize(root: Schema, options: SynthesizeOptions = {}): Record<string, unknown> {
  const value = new Synthesizer(root).value(root, 0, options.optional === true);
  return value as Record<string, unknown>;
}

class Synthesizer {
  constructor(private readonly root: Schema) {}

  value(schema: Schema, depth: number, optional = false): unknown {
    if (depth > 30) return undefined;
    if (typeof schema.$ref === 'string') return this.value(this.resolve(schema.$ref), depth + 1, optional);
    if ('const' in schema) return schema.const;
    if (Array.isArray(schema.enum)) return schema.enum.find((v) => v !== null) ?? null;
    const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
    if (Array.isArray(union)) {
      const member = union.find((m) => m.type !== 'null') ?? union[0];
      if (member) return this.value({ ...withoutUnion(schema), ...member }, depth + 1, optional);
    }
    if (Array.isArray(schema.allOf)) {
      const values = (schema.allOf as Schema[]).map((m) => this.value(m, depth + 1, optional));
      if (!values.every(isPlainObject)) return values[0];
      const merged = Object.assign({}, ...values);
      const own = this.value({ ...schema, allOf: undefined }, depth + 1, optional);
      return typeof own === 'object' && own !== null ? { ...merged, ...own } : merged;
    }
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
    const type = types.find((t) => t !== 'null') ?? (schema.properties ? 'object' : types[0]);
    switch (type) {
      case 'string':
        return this.string(schema);
      case 'integer':
      case 'number':
        return this.number(schema, type === 'integer');
      case 'boolean':
        return true;
      case 'null':
        return null;
      case 'array': {
        const items = (schema.items as Schema | undefined) ?? { type: 'string' };
        const count = Math.max(Number(schema.minItems ?? 1), 1);
        return Array.from({ length: Math.min(count, Number(schema.maxItems ?? count)) }, () => this.value(items, depth + 1));
      }
      case 'object':
        return this.object(schema, depth, optional);
      default:
        return 'value';
    }
  }

  private object(schema: Schema, depth: number, optional: boolean): Record<string, unknown> {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const out: Record<string, unknown> = {};
    for (const [name, sub] of Object.entries(properties)) {
      if (!required.has(name) && !optional) continue;
      const value = this.value(sub, depth + 1);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }

  private string(schema: Schema): string {
    const format = typeof schema.format === 'string' ? FORMAT_SAMPLES[schema.format] : undefined;
    let text = format ?? 'value';
    const min = Number(schema.minLength ?? 0);
    if (text.length < min) text = text.padEnd(min, 'x');
    if (typeof schema.maxLength === 'number' && text.length > schema.maxLength) text = text.slice(0, Math.max(schema.maxLength, 1));
    return text;
  }

  private number(schema: Schema, integer: boolean): number {
    let value = 1;
    if (typeof schema.minimum === 'number') value = Math.max(value, schema.minimum);
    if (typeof schema.exclusiveMinimum === 'number') value = Math.max(value, schema.exclusiveMinimum + 1);
    if (typeof schema.maximum === 'number') value = Math.min(value, schema.maximum);
    if (typeof schema.exclusiveMaximum === 'number') value = Math.min(value, schema.exclusiveMaximum - 1);
    return integer ? Math.ceil(value) : value;
  }

  private resolve(ref: string): Schema {
    const parts = ref
      .replace(/^#\//, '')
      .split('/')
      .map((p) => decodeURIComponent(p.replace(/~1/g, '/').replace(/~0/g, '~')));
    let node: unknown = this.root;
    for (const part of parts) node = (node as Record<string, unknown>)[part];
    if (typeof node !== 'object' || node === null) throw new Error(`unresolvable ${ref}`);
    return node as Schema;
  }
}

function withoutUnion(schema: Schema): Schema {
  const { anyOf: _a, oneOf: _o, ...rest } = schema;
  return rest;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
