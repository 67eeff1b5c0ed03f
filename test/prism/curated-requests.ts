// Every curated tool variant against the spec of each Kibana version it claims: arguments synthesised
// from its full input schema → buildRequest → KibanaClient → the spec's judge. A variant claims a spec
// when one of its operations is in that spec's facts document over versions the variant holds on.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
import { prismCanJudge } from '../support/prism.js';
import { synthesize } from '../support/synthesize.js';
import { ALL_VARIANTS, fullInputSchema, inputOf } from '../support/tools.js';
import { inLanes } from './in-lanes.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** Requests the judge is given at once. */
const CONCURRENCY = 8;

type Exercised = Array<{ method: HttpMethod; path: string; claimed: ToolSpec[]; judged: ToolSpec[] }>;
const exercisedBySpec = new Map<string, Exercised>();

/** What a spec is asked: its operations the facts hold, the variants that claim each, and those of them Prism can judge. */
export function exercised(spec: string): Exercised {
  if (!exercisedBySpec.has(spec)) exercisedBySpec.set(spec, readExercised(spec));
  return exercisedBySpec.get(spec)!;
}

function readExercised(spec: string): Exercised {
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

/** The judged variants claiming `spec`, and what the judge at `baseUrl` found wrong with each one's request. */
export async function curatedRequestProblems(baseUrl: string, spec: string): Promise<{ judged: number; problems: string[] }> {
  const tools = exercised(spec).flatMap((operation) => operation.judged);
  const client = new KibanaClient({
    baseUrl,
    auth: { kind: 'apiKey', apiKey: 'dGVzdDp0ZXN0' },
    connectTimeoutMs: 5_000,
    timeoutMs: 20_000,
    retries: 0,
    userAgent: 'kibana-mcp-test',
  });
  try {
    const lanes = Array.from({ length: CONCURRENCY }, () => client);
    const results = await inLanes(tools, lanes, async (tool) =>
      (await violations(client, tool)).map((problem) => `${tool.name} ${JSON.stringify(tool.versions)}: ${problem}`),
    );
    return { judged: tools.length, problems: results.flat() };
  } finally {
    await client.close();
  }
}
