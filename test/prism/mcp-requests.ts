// The tools through MCP, over stdio and over Streamable HTTP, against a spec's judge: a server process
// whose Kibana is a recording proxy in front of the judge, which keeps the judge's verdict on each
// request. One tool of each toolset per transport: what each tool sends is ./curated-requests.ts's to
// check; here, that the protocol, the runtime and the process carry every kind of argument the same way.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { connectHttp, connectStdio, startHttpServer, textOf } from '../../harness/mcp-peers.js';
import { SPACE_ARG, toolsOnVersion } from '../../src/tools/spec.js';
import * as tasks from '../../src/tools/tasks/index.js';
import { prismCanJudge } from '../support/prism.js';
import { synthesize } from '../support/synthesize.js';
import { ALL_TOOLS, fullInputSchema } from '../support/tools.js';

interface Verdict {
  method: string;
  path: string;
  status: number;
  violations: string[];
}

async function startVerdictProxy(target: string): Promise<{ url: string; verdicts: Verdict[]; stop(): Promise<void> }> {
  const verdicts: Verdict[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const upstream = await request(`${target}${req.url}`, {
      method: req.method as 'GET',
      headers: Object.fromEntries(Object.entries(req.headers).filter(([name]) => name !== 'host' && name !== 'connection')) as Record<
        string,
        string
      >,
      body: chunks.length > 0 ? Buffer.concat(chunks) : null,
    });
    const body = Buffer.from(await upstream.body.arrayBuffer());
    const header = upstream.headers['sl-violations'];
    const found = typeof header === 'string' ? (JSON.parse(header) as Array<{ location?: string[]; message?: string }>) : [];
    verdicts.push({
      method: req.method ?? '',
      path: new URL(req.url ?? '/', 'http://x').pathname,
      status: upstream.statusCode,
      violations: found.filter((v) => v.location?.[0] === 'request').map((v) => `${v.location?.join('.')}: ${v.message}`),
    });
    const headers = Object.fromEntries(
      Object.entries(upstream.headers).filter(([name]) => !['transfer-encoding', 'connection', 'content-length'].includes(name)),
    );
    res.writeHead(upstream.statusCode, headers as Record<string, string>).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    verdicts,
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** The task tools are served beside the generated ones, and hide a generated tool of the same name. */
const TASK_TOOLS = tasks.toolsets.flatMap((toolset) => toolset.tools);
const tools = ALL_TOOLS.filter((tool) => !TASK_TOOLS.includes(tool.name));

/** The MCP peer over one transport, connected to a server whose Kibana is the verdict proxy. */
async function connectOver(
  transport: 'stdio' | 'http',
  serverArgs: string[],
  kibanaUrl: string,
): Promise<{ client: Client; close(): Promise<void> }> {
  const env = { KIBANA_URL: kibanaUrl, KIBANA_API_KEY: 'dGVzdDp0ZXN0' };
  if (transport === 'stdio') return connectStdio(serverArgs, env);
  const server = await startHttpServer(serverArgs, env);
  const client = await connectHttp(server.url);
  return {
    client,
    async close() {
      await client.close();
      await server.stop();
    },
  };
}

/**
 * Declares, for each transport, the MCP suites against the judge `judgeUrl()` answers by the time they run
 * (a judge of `spec`, the Kibana `version` the server is told: the judge's /api/status names none).
 */
export function describeMcpRequests(spec: string, version: string, judgeUrl: () => string): void {
  const serverArgs = ['--toolsets', 'all', '--tier', 'destructive', '--retries', '0', '--kibana-version', version];
  let proxy: Awaited<ReturnType<typeof startVerdictProxy>>;
  beforeAll(async () => {
    proxy = await startVerdictProxy(judgeUrl());
  });
  afterAll(async () => {
    await proxy?.stop();
  });

  describe.each(['stdio', 'http'] as const)('through MCP over %s', (transport) => {
    let peer: { client: Client; close(): Promise<void> };
    beforeAll(async () => {
      peer = await connectOver(transport, serverArgs, proxy.url);
    }, 30_000);
    afterAll(async () => {
      await peer?.close();
    });

    it('lists every generated tool of the version and the task tools', async () => {
      const { tools: listed } = await peer.client.listTools();
      const onVersion = toolsOnVersion(tools, version).map((tool) => tool.name);
      expect(listed.map((tool) => tool.name).sort()).toEqual([...TASK_TOOLS, ...onVersion].sort());
    });

    it('one tool of each toolset sends requests with zero violations', async () => {
      const failures: string[] = [];
      const judged = toolsOnVersion(tools, version).filter((candidate) => prismCanJudge(candidate.name, spec));
      const called = judged.filter((tool, at) => judged.findIndex((other) => other.toolset === tool.toolset) === at);
      for (const tool of called) {
        const args = synthesize(fullInputSchema(tool));
        if (tool.spaceAware) args[SPACE_ARG] = 'marketing';
        const before = proxy.verdicts.length;
        const result = await peer.client.callTool({ name: tool.name, arguments: args });
        const all = proxy.verdicts.slice(before);
        // A write into a space is preceded by the server's own check that the space exists.
        const sent = all.length > 1 && all[0]!.method === 'GET' && all[0]!.path.startsWith('/api/spaces/space/') ? all.slice(1) : all;
        if (sent.length === 0) failures.push(`${tool.name}: no request reached Kibana (${textOf(result).slice(0, 300)})`);
        for (const verdict of sent) {
          for (const violation of verdict.violations) failures.push(`${tool.name}: ${verdict.method} ${verdict.path}: ${violation}`);
          if (verdict.status === 422) failures.push(`${tool.name}: the judge answered 422`);
        }
        if (result.isError && /Invalid arguments/.test(textOf(result))) failures.push(`${tool.name}: ${textOf(result)}`);
      }
      expect(called.length).toBeGreaterThan(10);
      expect(failures).toEqual([]);
    }, 120_000);

    it('refuses invalid arguments with a message that names the field', async () => {
      const result = await peer.client.callTool({ name: 'create_data_view', arguments: { data_view: { title: 7 } } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/data_view\.title: expected string, got number/);
    });
  });
}
