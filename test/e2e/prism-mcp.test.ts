// Every tool, called through the MCP server over stdio with arguments synthesised from its own
// schema, sends a request that Prism (mocking the real Kibana spec) accepts; over HTTP, one tool
// of each toolset (the transport carries arguments the same way for all). A recording proxy
// between the server and Prism keeps Prism's verdict on each request.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tasks from '../../src/tools/tasks/index.js';
import { ALL_TOOLS } from '../support/tools.js';
import { SPACE_ARG, toolsOnVersion } from '../../src/tools/spec.js';
import { prismCanJudge, startPrism, type PrismServer } from '../support/prism.js';
import { synthesize } from '../support/synthesize.js';
import { fullInputSchema, HAVE_UPSTREAM, UPSTREAM_SPEC } from '../support/tools.js';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { connectHttp, connectStdio, startHttpServer, textOf } from '../../harness/mcp-peers.js';

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

const COMMITTED_SPEC = resolve(import.meta.dirname, '../../openapi/facts/kibana-8.18.yaml');

const SPEC_LABEL = HAVE_UPSTREAM ? 'the upstream 8.18 spec' : 'the committed 8.18 facts (openapi/facts/kibana-8.18.yaml)';
/** A Kibana the 8.18 spec describes: the tools that exist there are the ones Prism can judge (test/generator/prism-roundtrip covers the other specs). */
const SPEC_VERSION = '8.18.2';
// Prism's /api/status says no version number: the server is told the version of the spec Prism mocks.
const SERVER_ARGS = ['--toolsets', 'all', '--tier', 'destructive', '--retries', '0', '--kibana-version', SPEC_VERSION];

/** The MCP peer over one transport, connected to a server whose Kibana is the verdict proxy. */
async function connectOver(transport: 'stdio' | 'http', kibanaUrl: string): Promise<{ client: Client; close(): Promise<void> }> {
  const env = { KIBANA_URL: kibanaUrl, KIBANA_API_KEY: 'dGVzdDp0ZXN0' };
  if (transport === 'stdio') return connectStdio(SERVER_ARGS, env);
  const server = await startHttpServer(SERVER_ARGS, env);
  const client = await connectHttp(server.url);
  return {
    client,
    async close() {
      await client.close();
      await server.stop();
    },
  };
}

let prism: PrismServer;
let proxy: Awaited<ReturnType<typeof startVerdictProxy>>;
beforeAll(async () => {
  prism = await startPrism(HAVE_UPSTREAM ? UPSTREAM_SPEC : COMMITTED_SPEC);
  proxy = await startVerdictProxy(prism.baseUrl);
}, 90_000);
afterAll(async () => {
  await proxy?.stop();
  await prism?.stop();
});

describe.each(['stdio', 'http'] as const)(`every tool through MCP over %s against Prism on ${SPEC_LABEL}`, (transport) => {
  let peer: { client: Client; close(): Promise<void> };
  beforeAll(async () => {
    peer = await connectOver(transport, proxy.url);
  }, 30_000);
  afterAll(async () => {
    await peer?.close();
  });

  it('lists every generated tool of the version and the task tools', async () => {
    const { tools: listed } = await peer.client.listTools();
    const onVersion = toolsOnVersion(tools, SPEC_VERSION).map((tool) => tool.name);
    expect(listed.map((tool) => tool.name).sort()).toEqual([...TASK_TOOLS, ...onVersion].sort());
  });

  it(`sends requests with zero violations for ${transport === 'stdio' ? 'every tool' : 'one tool of each toolset'}`, async () => {
    const failures: string[] = [];
    const judged = toolsOnVersion(tools, SPEC_VERSION).filter((candidate) => prismCanJudge(candidate.name, 'kibana-8.18'));
    const called =
      transport === 'stdio' ? judged : judged.filter((tool, at) => judged.findIndex((other) => other.toolset === tool.toolset) === at);
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
        if (verdict.status === 422) failures.push(`${tool.name}: Prism answered 422`);
      }
      if (result.isError && /Invalid arguments/.test(textOf(result))) failures.push(`${tool.name}: ${textOf(result)}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('refuses invalid arguments with a message that names the field', async () => {
    const result = await peer.client.callTool({ name: 'create_data_view', arguments: { data_view: { title: 7 } } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/data_view\.title: expected string, got number/);
  });
});
