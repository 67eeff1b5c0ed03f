// Round trip: synthesised arguments → buildRequest → KibanaClient → Prism, which checks every
// request against the spec: the upstream 8.18 spec when ../shared has it, otherwise the
// committed openapi/kibana.yaml. The latter is extracted from the former and the tools are
// generated from it, so a request the upstream spec accepts is one it accepts: running both
// would double the suite's slowest file for nothing.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KibanaClient, KibanaError } from '../../src/client/index.js';
import { buildRequest } from '../../src/tools/build-request.js';
import { ALL_TOOLS as tools, toolsets } from '../support/tools.js';
import { SPACE_ARG, type ToolSpec } from '../../src/tools/spec.js';
import { formatValidationError } from '../../src/tools/validation.js';
import { PRISM_LIMITS, startPrism, type PrismServer } from '../support/prism.js';
import { synthesize } from '../support/synthesize.js';
import { fullInputSchema, inputOf, HAVE_UPSTREAM, NO_UPSTREAM_REASON, UPSTREAM_SPEC } from '../support/tools.js';

const COMMITTED_SPEC = resolve(import.meta.dirname, '../../openapi/kibana.yaml');

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

function roundTrip(label: string, specFile: string): void {
  describe(`Prism round trip on ${label}`, () => {
    let prism: PrismServer;
    let client: KibanaClient;
    beforeAll(async () => {
      prism = await startPrism(specFile);
      client = new KibanaClient({
        baseUrl: prism.baseUrl,
        auth: { kind: 'apiKey', apiKey: 'dGVzdDp0ZXN0' },
        connectTimeoutMs: 5_000,
        timeoutMs: 20_000,
        retries: 0,
        userAgent: 'kibana-mcp-test',
      });
    });
    afterAll(async () => prism?.stop());

    // One test per toolset: a slow Prism on a busy machine stays within each test's time limit.
    it.each(toolsets.map((toolset) => [toolset.id] as const))('every tool of %s sends a request the spec accepts', async (id) => {
      const failures: string[] = [];
      for (const tool of tools.filter((t) => t.toolset === id && !PRISM_LIMITS.has(t.name)))
        for (const problem of await violations(client, tool)) failures.push(`${tool.name}: ${problem}`);
      expect(failures).toEqual([]);
    });
  });
}

if (HAVE_UPSTREAM) roundTrip('the upstream 8.18 spec', UPSTREAM_SPEC);
else roundTrip(`openapi/kibana.yaml (${NO_UPSTREAM_REASON})`, COMMITTED_SPEC);
