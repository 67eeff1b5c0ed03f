// Checks openapi/toolsets.yaml against the format its header defines and against the upstream
// specs kept next to the project (../shared/openapi). Spec-dependent checks skip, visibly, when
// those files are absent.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { parseOperationList } from '../src/generator/operation-list.js';
import { parseToolsets, type ToolEntry } from '../src/generator/toolsets.js';
import { operationKey, type HttpMethod } from '../src/kibana/http.js';
import { canonicalKey } from '../src/kibana/spaces.js';
import { localRefResolver } from '../src/openapi/pointer.js';
import { HAVE_SPECS, NO_SPECS_REASON, SOURCES, SPECS_DIR, upstreamDocument } from './generator/support/upstream.js';
import { ALL_VARIANTS as tools } from './support/tools.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOOLSETS_PATH = join(ROOT, 'openapi', 'toolsets.yaml');
const SPEC_SKIP = HAVE_SPECS ? '' : ` [skipped: ${NO_SPECS_REASON}]`;

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

// ---- upstream spec access (the specs of openapi/specs.yaml, cached as JSON; see test/generator/support/upstream.ts) -----

type Json = Record<string, any>;
const specs: Array<{ id: string; document: Json; resolveRef: (ref: string) => unknown; paths: Map<string, string> }> = HAVE_SPECS
  ? await Promise.all(
      SOURCES.specs.map(async (source) => {
        const document = await upstreamDocument(source);
        const paths = new Map<string, string>();
        for (const [path, item] of Object.entries(document.paths as Json))
          for (const method of Object.keys(item as Json)) paths.set(canonicalKey(method, path), path);
        return { id: source.id, document, resolveRef: localRefResolver(document), paths };
      }),
    )
  : [];
/** The upstream operations of an entry, one per spec that has it (method + path, a /s/{spaceId} prefix aside). */
function upstream(e: ToolEntry): Array<{ spec: (typeof specs)[number]; op: Json; item: Json }> {
  return specs.flatMap((spec) => {
    const path = spec.paths.get(canonicalKey(e.method, e.path));
    const item = path === undefined ? undefined : (spec.document.paths as Json)[path];
    const op = item?.[e.method.toLowerCase()];
    return op ? [{ spec, op, item }] : [];
  });
}
function deref(spec: (typeof specs)[number], node: any): any {
  let cur = node;
  for (let i = 0; cur && typeof cur === 'object' && typeof cur.$ref === 'string' && i < 50; i++) cur = spec.resolveRef(cur.$ref);
  return cur;
}
interface Param {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: unknown;
}
function parameters(e: ToolEntry): Param[] {
  return upstream(e).flatMap(({ spec, op, item }) =>
    [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(spec, p) as Param),
  );
}
/** Top-level body properties over every spec, content type and allOf/oneOf/anyOf branch. */
function bodyProperties(e: ToolEntry): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const { spec, op } of upstream(e)) {
    const body = deref(spec, op.requestBody);
    const visit = (schema: any, depth: number) => {
      const s = deref(spec, schema);
      if (!s || typeof s !== 'object' || depth > 8) return;
      for (const [k, v] of Object.entries(s.properties ?? {})) out.set(k, deref(spec, v));
      for (const key of ['allOf', 'oneOf', 'anyOf']) for (const branch of s[key] ?? []) visit(branch, depth + 1);
    };
    for (const media of Object.values(body?.content ?? {}) as Json[]) visit(media.schema, 0);
  }
  return out;
}
/** Required top-level body properties (of a plain object body) in some spec. */
function bodyRequired(e: ToolEntry): Set<string> {
  return new Set(
    upstream(e).flatMap(({ spec, op }) => {
      const body = deref(spec, op.requestBody);
      const schemas = (Object.values(body?.content ?? {}) as Json[]).map((media) => deref(spec, media.schema));
      return schemas.flatMap((schema) => (Array.isArray(schema?.required) ? schema.required : []));
    }),
  );
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
        expect(words(text).length, `${label(e)}.args.${arg} is short`).toBeLessThanOrEqual(24);
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
    // Clients start warning past 40 to 50 tools (Cursor, Windsurf); the token budget of the default set is 10k.
    expect(count).toBeGreaterThanOrEqual(10);
    expect(count).toBeLessThanOrEqual(42);
  });
});

// ---- against the 8.18 spec ---------------------------------------------------------------------

describe('toolsets.yaml against the upstream specs', () => {
  it.skipIf(!HAVE_SPECS)(`every op exists in one of the specs${SPEC_SKIP}`, () => {
    const missing = entries.filter((e) => upstream(e).length === 0).map(opOf);
    expect(missing).toEqual([]);
  });

  it.skipIf(!HAVE_SPECS)(`args name arguments the generated tool has, or properties of its whole-body argument${SPEC_SKIP}`, () => {
    const bad: string[] = [];
    for (const e of entries) {
      const variants = tools.filter(
        (t) => t.name === e.name && canonicalKey(t.operation.method, t.operation.path) === canonicalKey(e.method, e.path),
      );
      if (variants.length === 0) continue;
      const names = new Set(variants.flatMap((tool) => [...Object.keys(tool.inputSchema.properties ?? {}), ...wireNames(tool)]));
      for (const tool of variants) {
        const body = tool.request.body;
        if (body?.kind === 'arg') for (const k of bodyProperties(e).keys()) names.add(k);
        if (body?.kind === 'multipart') for (const part of body.parts) names.add(part.field);
      }
      for (const k of Object.keys(e.args)) if (!names.has(k)) bad.push(`${label(e)}: ${k}`);
    }
    expect(bad).toEqual([]);
  });

  it.skipIf(!HAVE_SPECS)(
    `omit names optional query parameters or optional top-level body properties of their operation${SPEC_SKIP}`,
    () => {
      const bad: string[] = [];
      for (const e of entries) {
        if (upstream(e).length === 0) continue;
        const params = parameters(e);
        const required = bodyRequired(e);
        for (const k of e.omit) {
          const p = params.find((x) => x.name === k && x.in === 'query');
          if (p?.required || required.has(k)) bad.push(`${label(e)}: ${k} is required`);
          else if (!p && !bodyProperties(e).has(k)) bad.push(`${label(e)}: ${k} is neither a query parameter nor a body property`);
        }
      }
      expect(bad).toEqual([]);
    },
  );

  it.skipIf(!HAVE_SPECS)(`optional names query or header parameters a spec requires${SPEC_SKIP}`, () => {
    const bad: string[] = [];
    for (const e of entries) {
      for (const k of e.optional) {
        const p = parameters(e).find((x) => x.name === k && x.in !== 'path' && x.required);
        if (!p) bad.push(`${label(e)}: ${k} is no required query or header parameter`);
      }
    }
    expect(bad).toEqual([]);
  });

  it.skipIf(!HAVE_SPECS)(`avoids operations a spec marks deprecated, except listed ones${SPEC_SKIP}`, () => {
    // Saved objects find/get are deprecated upstream without a replacement and still exist in 9.x.
    const allowed = new Set(['GET /api/saved_objects/_find', 'GET /api/saved_objects/{type}/{id}']);
    const deprecated = entries.filter((e) => upstream(e).some(({ op }) => op.deprecated === true) && !allowed.has(opOf(e))).map(opOf);
    expect(deprecated).toEqual([]);
  });

  it.skipIf(!HAVE_SPECS)(`descriptions share no 8-word run with the upstream prose${SPEC_SKIP}`, () => {
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
      const texts = [
        ...upstream(e).flatMap(({ op }) => [op.summary, op.description]),
        ...parameters(e).map((p) => p.description),
        ...[...bodyProperties(e).values()].map((s) => s?.description),
      ]
        .filter((t): t is string => typeof t === 'string')
        .map(shingles);
      const ours = [e.description, ...Object.values(e.args)];
      for (const text of ours) for (const s of shingles(text)) if (texts.some((u) => u.has(s))) copied.push(`${label(e)}: "${s}"`);
    }
    expect(copied).toEqual([]);
  });
});

// ---- against the 9.x operation list ------------------------------------------------------------

describe('toolsets.yaml against Kibana 9.x', () => {
  const nineX = (): Map<string, unknown> =>
    parseOperationList(readFileSync(join(SPECS_DIR, SOURCES.operationList.file), 'utf8'), SOURCES.operationList.file);

  it.skipIf(!HAVE_SPECS)(`every selected operation exists in 9.x, or says until which version it exists${SPEC_SKIP}`, () => {
    const ops = nineX();
    const sampled = (entry: ToolEntry) => SOURCES.operationList.sampled.some((prefix) => entry.path.startsWith(prefix));
    const missing = entries.filter(
      (entry) => !ops.has(canonicalKey(entry.method, entry.path)) && entry.versions.until === undefined && !sampled(entry),
    );
    expect(missing.map(opOf)).toEqual([]);
  });

  it.skipIf(!HAVE_SPECS)(`until marks only operations 9.x really lacks, with a 9.x version${SPEC_SKIP}`, () => {
    const ops = nineX();
    const marked = entries.filter((entry) => entry.versions.until !== undefined);
    for (const entry of marked) {
      expect(ops.has(canonicalKey(entry.method, entry.path)), `${opOf(entry)} exists in 9.x: drop until`).toBe(false);
      expect(entry.versions.until).toMatch(/^9\.\d+\.\d+$/);
    }
    expect(marked.length).toBeLessThanOrEqual(10);
  });
});

/** The wire names of a tool's parameters and body fields (what toolsets.yaml's args are keyed by). */
function wireNames(tool: (typeof tools)[number]): string[] {
  const body = tool.request.body;
  return [...tool.request.params.map((p) => p.name), ...(body?.kind === 'fields' ? Object.values(body.fields) : [])];
}
