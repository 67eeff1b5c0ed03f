// Checks openapi/toolsets.yaml against the format its header defines and against the upstream
// specs kept next to the project (../shared/openapi). Spec-dependent checks skip, visibly, when
// those files are absent.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';
import { ALL_TOOLS as tools } from './support/tools.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOOLSETS_PATH = join(ROOT, 'openapi', 'toolsets.yaml');
const SPEC_PATH = join(ROOT, '..', 'shared', 'openapi', 'kibana-8.18.yaml');
const TSV_PATH = join(ROOT, '..', 'shared', 'openapi', 'kibana-9x-main-operations.tsv');

const HAVE_SPEC = existsSync(SPEC_PATH);
const HAVE_TSV = existsSync(TSV_PATH);
const SPEC_SKIP = HAVE_SPEC ? '' : ' [skipped: ../shared/openapi/kibana-8.18.yaml not found]';
const TSV_SKIP = HAVE_TSV ? '' : ' [skipped: ../shared/openapi/kibana-9x-main-operations.tsv not found]';

const TOOLSET_KEYS = new Set(['default', 'description', 'tools']);
const ENTRY_KEYS = new Set([
  'op',
  'name',
  'title',
  'description',
  'read_only',
  'tier',
  'idempotent',
  'destructive_hint',
  'open_world',
  'args',
  'omit',
  'optional',
  'replaced_in',
]);
const REQUIRED_ENTRY_KEYS = ['op', 'name', 'title', 'description'] as const;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
const OP_RE = /^(GET|POST|PUT|PATCH|DELETE) (\/\S*)$/;
const NAME_RE = /^[a-z0-9_]{1,48}$/;
const TOOLSET_ID_RE = /^[a-z0-9_]+$/;
const TIERS = new Set(['read', 'write', 'destructive']);

interface Entry {
  op: string;
  name: string;
  title: string;
  description: string;
  read_only?: boolean;
  tier?: string;
  idempotent?: boolean;
  destructive_hint?: boolean;
  open_world?: boolean;
  args?: Record<string, string>;
  omit?: string[];
  optional?: string[];
  replaced_in?: string;
  [key: string]: unknown;
}
interface Toolset {
  default?: boolean;
  description: string;
  tools: Entry[];
  [key: string]: unknown;
}

const raw = parse(readFileSync(TOOLSETS_PATH, 'utf8')) as { toolsets: Record<string, Toolset> };
const toolsets = raw.toolsets ?? {};
const entries: { toolset: string; entry: Entry }[] = Object.entries(toolsets).flatMap(([id, ts]) =>
  (Array.isArray(ts?.tools) ? ts.tools : []).map((entry) => ({ toolset: id, entry })),
);
const label = (e: Entry) => `${e.name ?? '?'} (${e.op ?? '?'})`;

const isReadOnly = (e: Entry) => e.read_only === true || e.tier === 'read' || e.op.startsWith('GET ');

function splitOp(op: string): { method: Method; path: string } {
  const m = OP_RE.exec(op);
  if (!m) throw new Error(`bad op: ${op}`);
  return { method: m[1] as Method, path: m[2] ?? '' };
}

function sentences(text: string): string[] {
  return text
    .trim()
    .split(/(?<=[.!?])\s+/)
    .filter((s) => s.length > 0);
}
const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);

// ---- upstream spec access (lazy: the 8.18 spec is 2 MB of YAML) --------------------------------

type Json = Record<string, any>;
let specCache: Json | undefined;
function spec(): Json {
  specCache ??= parse(readFileSync(SPEC_PATH, 'utf8'), { maxAliasCount: -1 }) as Json;
  return specCache;
}
function deref(node: any, doc: Json = spec()): any {
  let cur = node;
  for (let i = 0; cur && typeof cur === 'object' && typeof cur.$ref === 'string' && i < 50; i++) {
    const parts = cur.$ref
      .replace(/^#\//, '')
      .split('/')
      .map((p: string) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    cur = parts.reduce((acc: any, key: string) => acc?.[key], doc);
  }
  return cur;
}
function operation(op: string): Json | undefined {
  const { method, path } = splitOp(op);
  return spec().paths?.[path]?.[method.toLowerCase()];
}
interface Param {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: unknown;
}
function parameters(op: string): Param[] {
  const { path } = splitOp(op);
  const item = spec().paths[path];
  return [...(item.parameters ?? []), ...(operation(op)?.parameters ?? [])].map((p) => deref(p) as Param);
}
/** Top-level body properties over every content type and every allOf/oneOf/anyOf branch. */
function bodyProperties(op: string): Map<string, Json> {
  const out = new Map<string, Json>();
  const body = deref(operation(op)?.requestBody);
  const visit = (schema: any, depth: number) => {
    const s = deref(schema);
    if (!s || typeof s !== 'object' || depth > 8) return;
    for (const [k, v] of Object.entries(s.properties ?? {})) out.set(k, deref(v));
    for (const key of ['allOf', 'oneOf', 'anyOf']) for (const branch of s[key] ?? []) visit(branch, depth + 1);
  };
  for (const media of Object.values(body?.content ?? {}) as Json[]) visit(media.schema, 0);
  return out;
}
/** Required top-level body properties (of a plain object body). */
function bodyRequired(op: string): Set<string> {
  const body = deref(operation(op)?.requestBody);
  const schemas = (Object.values(body?.content ?? {}) as Json[]).map((media) => deref(media.schema));
  return new Set(schemas.flatMap((schema) => (Array.isArray(schema?.required) ? schema.required : [])));
}

// ---- format ------------------------------------------------------------------------------------

describe('toolsets.yaml format', () => {
  it('has only a toolsets map at the top', () => {
    expect(Object.keys(raw)).toEqual(['toolsets']);
    expect(typeof toolsets).toBe('object');
  });

  it('toolsets have a snake_case id, a one-line description, tools and no unknown keys', () => {
    for (const [id, ts] of Object.entries(toolsets)) {
      expect(id, id).toMatch(TOOLSET_ID_RE);
      expect(
        Object.keys(ts).filter((k) => !TOOLSET_KEYS.has(k)),
        id,
      ).toEqual([]);
      expect(typeof ts.description, id).toBe('string');
      expect(ts.description.trim().length, id).toBeGreaterThan(0);
      expect(ts.description, id).not.toMatch(/\n/);
      if ('default' in ts) expect(typeof ts.default, id).toBe('boolean');
      expect(Array.isArray(ts.tools) && ts.tools.length > 0, `${id} has tools`).toBe(true);
    }
  });

  it('every entry has the required fields, valid values and no unknown keys', () => {
    for (const { entry: e } of entries) {
      const l = label(e);
      expect(
        Object.keys(e).filter((k) => !ENTRY_KEYS.has(k)),
        l,
      ).toEqual([]);
      for (const key of REQUIRED_ENTRY_KEYS) {
        expect(typeof e[key], `${l}.${key}`).toBe('string');
        expect((e[key] as string).trim().length, `${l}.${key}`).toBeGreaterThan(0);
      }
      expect(e.op, l).toMatch(OP_RE);
      if ('read_only' in e) expect(e.read_only, `${l}.read_only`).toBe(true);
      if ('tier' in e) expect(TIERS.has(e.tier as string), `${l}.tier=${e.tier}`).toBe(true);
      if ('idempotent' in e) expect(typeof e.idempotent, `${l}.idempotent`).toBe('boolean');
      if ('open_world' in e) expect(typeof e.open_world, `${l}.open_world`).toBe('boolean');
      if ('destructive_hint' in e) {
        expect(e.destructive_hint, `${l}.destructive_hint: false is the default`).toBe(true);
        expect(
          isReadOnly(e) || e.tier === 'destructive' || (e.tier === undefined && e.op.startsWith('DELETE ')),
          `${l}.destructive_hint on a read or destructive tool`,
        ).toBe(false);
      }
      for (const key of ['omit', 'optional'] as const) {
        if (!(key in e)) continue;
        expect(Array.isArray(e[key]) && (e[key]?.length ?? 0) > 0, `${l}.${key}`).toBe(true);
        for (const k of e[key] ?? []) expect(typeof k, `${l}.${key}`).toBe('string');
      }
      if ('args' in e) {
        expect(e.args && typeof e.args === 'object' && !Array.isArray(e.args), `${l}.args`).toBe(true);
        for (const [k, v] of Object.entries(e.args ?? {})) {
          expect(typeof v, `${l}.args.${k}`).toBe('string');
          expect(v.trim().length, `${l}.args.${k}`).toBeGreaterThan(0);
          expect(words(v).length, `${l}.args.${k} is short`).toBeLessThanOrEqual(20);
        }
      }
      for (const k of e.omit ?? []) expect(e.args?.[k], `${l}: ${k} is both omitted and described`).toBeUndefined();
    }
  });

  it('tool names are verb-first snake case, at most 48 characters, and unique', () => {
    const seen = new Map<string, string>();
    for (const { entry: e } of entries) {
      expect(e.name, e.op).toMatch(NAME_RE);
      expect(e.name, `${e.name} starts with a verb, not a noun of one letter`).toMatch(/^[a-z]{2,}_/);
      expect(seen.get(e.name), `duplicate name ${e.name}`).toBeUndefined();
      seen.set(e.name, e.op);
    }
  });

  it('selects at least 70 operations in at least 12 toolsets', () => {
    expect(Object.keys(toolsets).length).toBeGreaterThanOrEqual(12);
    expect(entries.length).toBeGreaterThanOrEqual(70);
  });

  it('lists no operation twice', () => {
    const seen = new Map<string, string>();
    for (const { entry: e } of entries) {
      expect(seen.get(e.op), `${e.op} also in ${seen.get(e.op)}`).toBeUndefined();
      seen.set(e.op, e.name);
    }
  });

  it('descriptions are 1-3 sentences and at most 60 words; titles a few words', () => {
    for (const { entry: e } of entries) {
      const n = sentences(e.description).length;
      expect(n, `${label(e)}: ${n} sentences`).toBeGreaterThanOrEqual(1);
      expect(n, `${label(e)}: ${n} sentences`).toBeLessThanOrEqual(3);
      expect(words(e.description).length, `${label(e)} word count`).toBeLessThanOrEqual(60);
      expect(e.description, label(e)).not.toMatch(/\n/);
      expect(words(e.title).length, `${label(e)} title`).toBeLessThanOrEqual(6);
    }
  });

  it('read_only is only on POSTs and never combined with a write or destructive tier', () => {
    for (const { entry: e } of entries.filter(({ entry }) => entry.read_only)) {
      expect(splitOp(e.op).method, label(e)).toBe('POST');
      expect(e.tier ?? 'read', label(e)).toBe('read');
    }
  });

  it('overrides change something: tier and idempotent differ from the method default', () => {
    const defaultTier: Record<Method, string> = {
      GET: 'read',
      POST: 'write',
      PUT: 'write',
      PATCH: 'write',
      DELETE: 'destructive',
    };
    const defaultIdempotent: Record<Method, boolean> = {
      GET: true,
      PUT: true,
      DELETE: true,
      POST: false,
      PATCH: false,
    };
    for (const { entry: e } of entries) {
      const { method } = splitOp(e.op);
      if (e.tier !== undefined) expect(e.tier, `${label(e)} tier override is a no-op`).not.toBe(defaultTier[method]);
      if (e.idempotent !== undefined)
        expect(e.idempotent, `${label(e)} idempotent override is a no-op`).not.toBe(isReadOnly(e) || defaultIdempotent[method]);
      if (e.open_world !== undefined) expect(e.open_world, `${label(e)} open_world: false is the default`).toBe(true);
    }
  });

  it('at least one toolset is on by default, and the default set stays small', () => {
    const defaults = Object.entries(toolsets).filter(([, ts]) => ts.default === true);
    expect(defaults.length).toBeGreaterThanOrEqual(1);
    // What a default configuration exposes: the default toolsets below the destructive tier.
    const isDestructive = (e: Entry) => e.tier === 'destructive' || (e.tier === undefined && e.op.startsWith('DELETE '));
    const tools = defaults.flatMap(([, ts]) => ts.tools).filter((e) => !isDestructive(e)).length;
    // Clients start warning past 40 tools (Cursor); the token budget of the default set is 10k.
    expect(tools).toBeGreaterThanOrEqual(10);
    expect(tools).toBeLessThanOrEqual(40);
  });
});

// ---- against the 8.18 spec ---------------------------------------------------------------------

describe('toolsets.yaml against the Kibana 8.18 spec', () => {
  it.skipIf(!HAVE_SPEC)(`every op exists in the 8.18 spec${SPEC_SKIP}`, () => {
    const missing = entries.map(({ entry }) => entry.op).filter((op) => !operation(op));
    expect(missing).toEqual([]);
  });

  it.skipIf(!HAVE_SPEC)(`args name arguments the generated tool has, or properties of its whole-body argument${SPEC_SKIP}`, () => {
    const bad: string[] = [];
    for (const { entry: e } of entries) {
      const tool = tools.find((t) => t.name === e.name);
      if (!tool || !e.args) continue;
      const names = new Set(Object.keys(tool.inputSchema.properties ?? {}));
      const body = tool.request.body;
      if (body?.kind === 'arg') for (const k of bodyProperties(e.op).keys()) names.add(k);
      if (body?.kind === 'multipart') for (const part of body.parts) names.add(part.field);
      for (const k of Object.keys(e.args)) if (!names.has(k)) bad.push(`${label(e)}: ${k}`);
    }
    expect(bad).toEqual([]);
  });

  it.skipIf(!HAVE_SPEC)(`omit names optional query parameters or optional top-level body properties of their operation${SPEC_SKIP}`, () => {
    const bad: string[] = [];
    for (const { entry: e } of entries) {
      if (!e.omit || !operation(e.op)) continue;
      const params = parameters(e.op);
      const required = bodyRequired(e.op);
      for (const k of e.omit) {
        const p = params.find((x) => x.name === k && x.in === 'query');
        if (p?.required || required.has(k)) bad.push(`${label(e)}: ${k} is required`);
        else if (!p && !bodyProperties(e.op).has(k)) bad.push(`${label(e)}: ${k} is neither a query parameter nor a body property`);
      }
    }
    expect(bad).toEqual([]);
  });

  it.skipIf(!HAVE_SPEC)(`optional names query or header parameters the spec requires${SPEC_SKIP}`, () => {
    const bad: string[] = [];
    for (const { entry: e } of entries) {
      if (!e.optional || !operation(e.op)) continue;
      for (const k of e.optional) {
        const p = parameters(e.op).find((x) => x.name === k && x.in !== 'path');
        if (!p?.required) bad.push(`${label(e)}: ${k} is no required query or header parameter`);
      }
    }
    expect(bad).toEqual([]);
  });

  it.skipIf(!HAVE_SPEC)(`avoids operations the 8.18 spec marks deprecated, except listed ones${SPEC_SKIP}`, () => {
    // Saved objects find/get are deprecated upstream without a replacement and still exist in 9.x.
    const allowed = new Set(['GET /api/saved_objects/_find', 'GET /api/saved_objects/{type}/{id}']);
    const deprecated = entries.map(({ entry }) => entry.op).filter((op) => operation(op)?.deprecated === true && !allowed.has(op));
    expect(deprecated).toEqual([]);
  });

  it.skipIf(!HAVE_SPEC)(`descriptions share no 8-word run with the upstream prose${SPEC_SKIP}`, () => {
    const norm = (t: string) =>
      t
        .toLowerCase()
        .replace(/[^a-z0-9_]+/g, ' ')
        .trim()
        .split(' ')
        .filter(Boolean);
    const shingles = (t: string) => {
      const w = norm(t);
      const out = new Set<string>();
      for (let i = 0; i + 8 <= w.length; i++) out.add(w.slice(i, i + 8).join(' '));
      return out;
    };
    const copied: string[] = [];
    for (const { entry: e } of entries) {
      const op = operation(e.op);
      if (!op) continue;
      const upstream = [
        op.summary,
        op.description,
        ...parameters(e.op).map((p) => p.description),
        ...[...bodyProperties(e.op).values()].map((s) => s?.description),
      ]
        .filter((t): t is string => typeof t === 'string')
        .map(shingles);
      const ours = [e.description, ...Object.values(e.args ?? {})];
      for (const text of ours) for (const s of shingles(text)) if (upstream.some((u) => u.has(s))) copied.push(`${label(e)}: "${s}"`);
    }
    expect(copied).toEqual([]);
  });
});

// ---- against the 9.x operation list ------------------------------------------------------------

describe('toolsets.yaml against Kibana 9.x', () => {
  const nineX = (): Set<string> =>
    new Set(
      readFileSync(TSV_PATH, 'utf8')
        .split('\n')
        .slice(1)
        .filter((line) => line.trim())
        .map((line) => {
          const [method, path] = line.split('\t');
          return `${(method ?? '').toUpperCase()} ${path ?? ''}`;
        }),
    );

  it.skipIf(!HAVE_TSV)(`every selected operation exists in 9.x, or says in which version it was replaced${TSV_SKIP}`, () => {
    const ops = nineX();
    const missing = entries.map(({ entry }) => entry).filter((entry) => !ops.has(entry.op) && entry.replaced_in === undefined);
    expect(missing.map((entry) => entry.op)).toEqual([]);
  });

  it.skipIf(!HAVE_TSV)(`replaced_in marks only operations 9.x really lacks, with a version${TSV_SKIP}`, () => {
    const ops = nineX();
    const marked = entries.map(({ entry }) => entry).filter((entry) => entry.replaced_in !== undefined);
    for (const entry of marked) {
      expect(ops.has(entry.op), `${entry.op} exists in 9.x: drop replaced_in`).toBe(false);
      expect(String(entry.replaced_in)).toMatch(/^9\.\d+\.\d+$/);
    }
    expect(marked.length).toBeLessThanOrEqual(10);
  });
});
