// Every request the server can send, judged on the spec it claims to follow: one judge per spec
// (./judges.ts), started once, one at a time (Prism loading a whole spec takes a core), and shared by the
// suites that send to it: every curated tool variant, every catalogued operation through call_kibana_api,
// and on 8.18 the tools through MCP over both transports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_SPECS, NO_SPECS_REASON, SOURCES } from '../generator/support/upstream.js';
import type { PrismServer } from '../support/prism.js';
import { catalogueRequestProblems } from './catalogue-requests.js';
import { curatedRequestProblems, exercised } from './curated-requests.js';
import { startJudge } from './judges.js';
import { describeMcpRequests } from './mcp-requests.js';

/** The spec the MCP suites run on, and the Kibana version its server is told. */
const MCP_ON = { spec: 'kibana-8.18', version: '8.18.2' };

describe.skipIf(!HAVE_SPECS)(`requests judged on the upstream specs${HAVE_SPECS ? '' : ` (skipped: ${NO_SPECS_REASON})`}`, () => {
  describe.each(SOURCES.specs.map((source) => [source.id, source] as const))('%s', (id, source) => {
    let judge: PrismServer;
    beforeAll(async () => {
      judge = await startJudge(source);
    }, 120_000);
    afterAll(async () => {
      await judge?.stop();
    });

    it('every operation the facts hold is claimed by a tool variant', () => {
      const unclaimed = exercised(id).filter(({ claimed }) => claimed.length === 0);
      expect(unclaimed.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
    });

    it('every curated tool variant claiming it sends requests it accepts', async () => {
      const { judged, problems } = await curatedRequestProblems(judge.baseUrl, id);
      expect(judged).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    }, 120_000);

    it('every catalogued operation, called through call_kibana_api with what describe_kibana_api says, is sent as it says', async () => {
      expect(await catalogueRequestProblems(judge.baseUrl, source)).toEqual([]);
    }, 240_000);

    if (id === MCP_ON.spec) describeMcpRequests(id, MCP_ON.version, () => judge.baseUrl);
  });
});
