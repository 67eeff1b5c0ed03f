// Checks openapi/toolsets.yaml against the format its header defines and against the upstream
// specs kept next to the project (../shared/openapi). Spec-dependent checks skip, visibly, when
// those files are absent.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';
import { parseToolsets, type ToolEntry } from '../src/generator/toolsets.js';
import { operationKey, type HttpMethod } from '../src/kibana/http.js';
import { localRefResolver } from '../src/openapi/pointer.js';
import { ALL_TOOLS as tools } from './support/tools.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOOLSETS_PATH = join(ROOT, 'openapi', 'toolsets.yaml');
const SPEC_PATH = join(ROOT, '..', 'shared', 'openapi', 'kibana-8.18.yaml');
const TSV_PATH = join(ROOT, '..', 'shared', 'openapi', 'kibana-9x-main-operations.tsv');

const HAVE_SPEC = existsSync(SPEC_PATH);
const HAVE_TSV = existsSync(TSV_PATH);
const SPEC_SKIP = HAVE_SPEC ? '' : ' [skipped: ../shared/openapi/kibana-8.18.yaml not found]';
const TSV_SKIP = HAVE_TSV ? '' : ' [skipped: ../shared/openapi/kibana-9x-main-operations.tsv not found]';

// The parser refuses what the file's header does not define (unknown keys, wrong types, values
// that say nothing): reading the file is the format check.
const toolsets = parseToolsets(readFileSync(TOOLSETS_PATH, 'utf8'), 'openapi/toolsets.yaml');
const entries: ToolEntry[] = toolsets.flatMap((toolset) => toolset.tools);
const opOf = (e: ToolEntry) => operationKey(e.method, e.path);
const label = (e: ToolEntry) => `${e.name} (${opOf(e)})`;

const isReadOnly = (e: ToolEntry) => e.readOnly || e.tier === 'read' || e.method === 'GET';

function sentences(text: string): string[] {
  return text
    .trim()
    .split(/(?<=[.!?])\s+/)
    .filter((s) => s.length > 0);
}
const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);

// ---- upstream spec access (lazy: the 8.18 spec is 2 MB of YAML) --------------------------------

type Json = Record<string, any>;
let specCache: { document: Json; resolveRef: (ref: string) => unknown } | undefined;
function spec(): Json {
  if (!specCache) {
    const document = parse(readFileSync(SPEC_PATH, 'utf8'), { maxAliasCount: -1 }) as Json;
    specCache = { document, resolveRef: localRefResolver(document) };
  }
  return specCache.document;
}
function deref(node: any): any {
  let cur = node;
  for (let i = 0; cur && typeof cur === 'object' && typeof cur.$ref === 'string' && i < 50; i++) cur = specCache?.resolveRef(cur.$ref);
  return cur;
}
function operation(method: HttpMethod, path: string): Json | undefined {
  return spec().paths?.[path]?.[method.toLowerCase()];
}
interface Param {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: unknown;
}
function parameters(e: ToolEntry): Param[] {
  const item = spec().paths[e.path];
  return [...(item.parameters ?? []), ...(operation(e.method, e.path)?.parameters ?? [])].map((p) => deref(p) as Param);
}
/** Top-level body properties over every content type and every allOf/oneOf/anyOf branch. */
function bodyProperties(e: ToolEntry): Map<string, Json> {
  const out = new Map<string, Json>();
  const body = deref(operation(e.method, e.path)?.requestBody);
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
function bodyRequired(e: ToolEntry): Set<string> {
  const body = deref(operation(e.method, e.path)?.requestBody);
  const schemas = (Object.values(body?.content ?? {}) as Json[]).map((media) => deref(media.schema));
  return new Set(schemas.flatMap((schema) => (Array.isArray(schema?.required) ? schema.required : [])));
}

// ---- content -----------------------------------------------------------------------------------

describe('toolsets.yaml content', () => {
  it('selects at least 70 operations in at least 12 toolsets', () => {
    expect(toolsets.length).toBeGreaterThanOrEqual(12);
    expect(entries.length).toBeGreaterThanOrEqual(70);
  });

  it('tool names start with a verb, not a noun of one letter', () => {
    for (const e of entries) expect(e.name, label(e)).toMatch(/^[a-z]{2,}_/);
  });

  it('descriptions are 1-3 sentences and at most 60 words; titles a few words; argument texts short', () => {
    for (const e of entries) {
      const n = sentences(e.description).length;
      expect(n, `${label(e)}: ${n} sentences`).toBeGreaterThanOrEqual(1);
      expect(n, `${label(e)}: ${n} sentences`).toBeLessThanOrEqual(3);
      expect(words(e.description).length, `${label(e)} word count`).toBeLessThanOrEqual(60);
      expect(e.description, label(e)).not.toMatch(/\n/);
      expect(words(e.title).length, `${label(e)} title`).toBeLessThanOrEqual(6);
      for (const [arg, text] of Object.entries(e.args))
        expect(words(text).length, `${label(e)}.args.${arg} is short`).toBeLessThanOrEqual(20);
    }
  });

  it('overrides change something: tier and idempotent differ from the method default', () => {
    const defaultTier: Record<HttpMethod, string> = { GET: 'read', POST: 'write', PUT: 'write', PATCH: 'write', DELETE: 'destructive' };
    const defaultIdempotent: Record<HttpMethod, boolean> = { GET: true, PUT: true, DELETE: true, POST: false, PATCH: false };
    for (const e of entries) {
      if (e.tier !== undefined) expect(e.tier, `${label(e)} tier override is a no-op`).not.toBe(defaultTier[e.method]);
      if (e.idempotent !== undefined)
        expect(e.idempotent, `${label(e)} idempotent override is a no-op`).not.toBe(isReadOnly(e) || defaultIdempotent[e.method]);
    }
  });

  it('at least one toolset is on by default, and the default set stays small', () => {
    const defaults = toolsets.filter((ts) => ts.default);
    expect(defaults.length).toBeGreaterThanOrEqual(1);
    // What a default configuration exposes: the default toolsets below the destructive tier.
    const isDestructive = (e: ToolEntry) => e.tier === 'destructive' || (e.tier === undefined && e.method === 'DELETE');
    const count = defaults.flatMap((ts) => ts.tools).filter((e) => !isDestructive(e)).length;
    // Clients start warning past 40 tools (Cursor); the token budget of the default set is 10k.
    expect(count).toBeGreaterThanOrEqual(10);
    expect(count).toBeLessThanOrEqual(40);
  });
});

// ---- against the 8.18 spec ---------------------------------------------------------------------

describe('toolsets.yaml against the Kibana 8.18 spec', () => {
  it.skipIf(!HAVE_SPEC)(`every op exists in the 8.18 spec${SPEC_SKIP}`, () => {
    const missing = entries.filter((e) => !operation(e.method, e.path)).map(opOf);
    expect(missing).toEqual([]);
  });

  it.skipIf(!HAVE_SPEC)(`args name arguments the generated tool has, or properties of its whole-body argument${SPEC_SKIP}`, () => {
    const bad: string[] = [];
    for (const e of entries) {
      const tool = tools.find((t) => t.name === e.name);
      if (!tool) continue;
      const names = new Set(Object.keys(tool.inputSchema.properties ?? {}));
      const body = tool.request.body;
      if (body?.kind === 'arg') for (const k of bodyProperties(e).keys()) names.add(k);
      if (body?.kind === 'multipart') for (const part of body.parts) names.add(part.field);
      for (const k of Object.keys(e.args)) if (!names.has(k)) bad.push(`${label(e)}: ${k}`);
    }
    expect(bad).toEqual([]);
  });

  it.skipIf(!HAVE_SPEC)(`omit names optional query parameters or optional top-level body properties of their operation${SPEC_SKIP}`, () => {
    const bad: string[] = [];
    for (const e of entries) {
      if (!operation(e.method, e.path)) continue;
      const params = parameters(e);
      const required = bodyRequired(e);
      for (const k of e.omit) {
        const p = params.find((x) => x.name === k && x.in === 'query');
        if (p?.required || required.has(k)) bad.push(`${label(e)}: ${k} is required`);
        else if (!p && !bodyProperties(e).has(k)) bad.push(`${label(e)}: ${k} is neither a query parameter nor a body property`);
      }
    }
    expect(bad).toEqual([]);
  });

  it.skipIf(!HAVE_SPEC)(`optional names query or header parameters the spec requires${SPEC_SKIP}`, () => {
    const bad: string[] = [];
    for (const e of entries) {
      if (!operation(e.method, e.path)) continue;
      for (const k of e.optional) {
        const p = parameters(e).find((x) => x.name === k && x.in !== 'path');
        if (!p?.required) bad.push(`${label(e)}: ${k} is no required query or header parameter`);
      }
    }
    expect(bad).toEqual([]);
  });

  it.skipIf(!HAVE_SPEC)(`avoids operations the 8.18 spec marks deprecated, except listed ones${SPEC_SKIP}`, () => {
    // Saved objects find/get are deprecated upstream without a replacement and still exist in 9.x.
    const allowed = new Set(['GET /api/saved_objects/_find', 'GET /api/saved_objects/{type}/{id}']);
    const deprecated = entries.filter((e) => operation(e.method, e.path)?.deprecated === true && !allowed.has(opOf(e))).map(opOf);
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
    for (const e of entries) {
      const op = operation(e.method, e.path);
      if (!op) continue;
      const upstream = [
        op.summary,
        op.description,
        ...parameters(e).map((p) => p.description),
        ...[...bodyProperties(e).values()].map((s) => s?.description),
      ]
        .filter((t): t is string => typeof t === 'string')
        .map(shingles);
      const ours = [e.description, ...Object.values(e.args)];
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
    const missing = entries.filter((entry) => !ops.has(opOf(entry)) && entry.replacedIn === undefined);
    expect(missing.map(opOf)).toEqual([]);
  });

  it.skipIf(!HAVE_TSV)(`replaced_in marks only operations 9.x really lacks, with a version${TSV_SKIP}`, () => {
    const ops = nineX();
    const marked = entries.filter((entry) => entry.replacedIn !== undefined);
    for (const entry of marked) {
      expect(ops.has(opOf(entry)), `${opOf(entry)} exists in 9.x: drop replaced_in`).toBe(false);
      expect(entry.replacedIn).toMatch(/^9\.\d+\.\d+$/);
    }
    expect(marked.length).toBeLessThanOrEqual(10);
  });
});
