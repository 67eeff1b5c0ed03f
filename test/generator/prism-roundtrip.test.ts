// Round trip of every tool variant against the spec of each Kibana version it claims: synthesised
// arguments → buildRequest → KibanaClient → Prism, which checks the request against the upstream
// spec. A variant claims a spec when one of its operations is in that spec's facts document over
// versions the variant holds on. Prism runs on a trimmed copy of each spec (the exercised operations
// and the components they reach, upstream content untouched), one per spec, requests in parallel;
// the 9.4 dashboards spec, which Prism needs minutes to load, is judged by Ajv instead (support/ajv-judge).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KibanaClient, KibanaError } from '../../src/client/index.js';
import { factsFile } from '../../src/generator/paths.js';
import type { HttpMethod } from '../../src/kibana/http.js';
import { canonicalKey } from '../../src/kibana/spaces.js';
import { compareVersions, type VersionRange } from '../../src/kibana/versions.js';
import { parseDocument } from '../../src/openapi/document.js';
import { SpecReader } from '../../src/openapi/spec-reader.js';
import { buildRequest } from '../../src/tools/build-request.js';
import { SPACE_ARG, type ToolSpec } from '../../src/tools/spec.js';
import { formatValidationError } from '../../src/tools/validation.js';
import { prismCanJudge, startPrism, type PrismServer } from '../support/prism.js';
import { synthesize } from '../support/synthesize.js';
import { ALL_VARIANTS, fullInputSchema, inputOf } from '../support/tools.js';
import { startAjvJudge } from './support/ajv-judge.js';
import { trimmedSpec } from './support/trimmed-spec.js';
import { HAVE_SPECS, NO_SPECS_REASON, SOURCES, upstreamDocument } from './support/upstream.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** Requests Prism is given at once. */
const CONCURRENCY = 8;
/** Specs Prism takes minutes to load (see support/ajv-judge): their requests are judged by Ajv on the same trimmed spec. */
const TOO_LARGE_FOR_PRISM = new Set(['dashboards-9.4']);

/** What a spec is asked: its operations the facts hold, the variants that claim each, and those of them Prism can judge. */
function exercised(spec: string): Array<{ method: HttpMethod; path: string; claimed: ToolSpec[]; judged: ToolSpec[] }> {
  const text = readFileSync(join(ROOT, 'openapi/facts', factsFile(spec)), 'utf8');
  const reader = new SpecReader(parseDocument(text, spec));
  return reader.operations().map(({ method, path }) => {
    const versions = reader.operation(method, path).versions ?? {};
    const key = canonicalKey(method, path);
    const claimed = ALL_VARIANTS.filter(
      (tool) => canonicalKey(tool.operation.method, tool.operation.path) === key && overlaps(tool.versions, versions),
    );
    return { method, path, claimed, judged: claimed.filter((tool) => prismCanJudge(tool.name, spec)) };
  });
}

function overlaps(a: VersionRange, b: VersionRange): boolean {
  const before = (end: string | undefined, start: string | undefined) =>
    end !== undefined && start !== undefined && compareVersions(end, start) <= 0;
  return !before(a.until, b.from) && !before(b.until, a.from);
}

async function violations(client: KibanaClient, tool: ToolSpec): Promise<string[]> {
  const args = synthesize(fullInputSchema(tool));
  if (tool.spaceAware) args[SPACE_ARG] = 'marketing';
  const parsed = inputOf(tool).safeParse(args);
  if (!parsed.success) return [`synthesised args rejected: ${formatValidationError(parsed.error)}`];
  try {
    const response = await client.request(buildRequest(tool, parsed.data, 'default'));
    const header = response.headers['sl-violations'];
    const problems = header
      ? (JSON.parse(header) as Array<{ location?: string[]; message?: string }>).filter((v) => v.location?.[0] === 'request')
      : [];
    return problems.map((v) => `${v.location?.join('.')}: ${v.message}`);
  } catch (error) {
    if (error instanceof KibanaError && error.status !== undefined && [400, 404, 405, 415, 422].includes(error.status))
      return [error.message];
    return [];
  }
}

/** `work` over `items`, at most `limit` at a time. */
async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

describe.skipIf(!HAVE_SPECS)(`Prism round trip on the upstream specs${HAVE_SPECS ? '' : ` (skipped: ${NO_SPECS_REASON})`}`, () => {
  const specs = SOURCES.specs.map((source) => ({ source, operations: exercised(source.id) }));
  const servers = new Map<string, { prism: PrismServer; client: KibanaClient }>();
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kibana-mcp-trimmed-'));
    await Promise.all(
      specs.map(async ({ source, operations }) => {
        const trimmed = trimmedSpec(await upstreamDocument(source), operations);
        const file = join(dir, `${source.id}.json`);
        if (!TOO_LARGE_FOR_PRISM.has(source.id)) await writeFile(file, JSON.stringify(trimmed));
        const prism = TOO_LARGE_FOR_PRISM.has(source.id) ? await startAjvJudge(trimmed) : await startPrism(file);
        const client = new KibanaClient({
          baseUrl: prism.baseUrl,
          auth: { kind: 'apiKey', apiKey: 'dGVzdDp0ZXN0' },
          connectTimeoutMs: 5_000,
          timeoutMs: 20_000,
          retries: 0,
          userAgent: 'kibana-mcp-test',
        });
        servers.set(source.id, { prism, client });
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await Promise.all([...servers.values()].map(({ prism }) => prism.stop()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('every operation the facts hold is claimed by a tool variant', () => {
    const unclaimed = specs.flatMap(({ source, operations }) =>
      operations.filter(({ claimed }) => claimed.length === 0).map(({ method, path }) => `${source.id}: ${method} ${path}`),
    );
    expect(unclaimed).toEqual([]);
  });

  it.each(SOURCES.specs.map((source) => [source.id] as const))(
    'every variant claiming %s sends requests it accepts',
    async (id) => {
      const { client } = servers.get(id)!;
      const tools = specs.find(({ source }) => source.id === id)!.operations.flatMap((operation) => operation.judged);
      expect(tools.length).toBeGreaterThan(0);
      const results = await inParallel(tools, CONCURRENCY, async (tool) =>
        (await violations(client, tool)).map((problem) => `${tool.name} ${JSON.stringify(tool.versions)}: ${problem}`),
      );
      expect(results.flat()).toEqual([]);
    },
    120_000,
  );
});
