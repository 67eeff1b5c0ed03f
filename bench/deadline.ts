// The worst-case answer time against a Kibana that never answers (issue 14 §2): the server as
// installed (`node dist/cli.js` over stdio, nothing set but the URL and a key), a Kibana on loopback
// that accepts every connection and never answers, and one call of each kind of step a call can
// wait on: a read (retried), a write into a space (space check first), a write, a tool whose
// operation follows Kibana's version (the version read, since the start-up probe got no answer
// either), Kibana's status. The client waits far longer than the server's deadline, to see when
// the server answers and what it says. Only list_dashboards is added to the default tools. Run alone: node --import tsx bench/deadline.ts
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { CLI, serverEnv } from '../harness/mcp-peers.js';
import { startSilentKibana } from '../harness/silent-kibana.js';

const CALLS: Array<{ name: string; arguments: Record<string, unknown>; step: string }> = [
  { name: 'list_data_views', arguments: {}, step: 'a read: attempts and retries' },
  {
    name: 'create_data_view',
    arguments: { space_id: 'ops', data_view: { title: 'logs-*' } },
    step: 'a write into a space: the space check',
  },
  { name: 'set_default_data_view', arguments: { data_view_id: 'logs' }, step: 'a write, sent once' },
  { name: 'list_dashboards', arguments: {}, step: 'the version read of a version-following tool' },
  { name: 'get_status', arguments: {}, step: 'GET /api/status' },
];

export async function benchDeadline(): Promise<{ name: string; rows: Array<Record<string, string | number>> }> {
  const kibana = await startSilentKibana();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI],
    // Every time limit at its default; list_dashboards (not a default toolset) is included for its version read.
    env: serverEnv({ KIBANA_URL: kibana.url, KIBANA_API_KEY: 'YmVuY2g6YmVuY2g=', KIBANA_MCP_INCLUDE: 'list_dashboards' }),
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench-deadline', version: '1.0.0' });
  const rows: Array<Record<string, string | number>> = [];
  try {
    const connecting = performance.now();
    await client.connect(transport);
    await client.listTools();
    const startMs = performance.now() - connecting;
    const answers = await Promise.all(
      CALLS.map(async (call) => {
        const sent = performance.now();
        const result = await client.callTool({ name: call.name, arguments: call.arguments }, { timeout: 300_000 });
        const text = (result.content as Array<{ text: string }>)[0]?.text ?? '';
        return { call, ms: performance.now() - sent, said: text.split('\n')[0]!.slice(0, 110) };
      }),
    );
    for (const { call, ms, said } of answers)
      rows.push({ tool: call.name, 'waits on': call.step, 'answered after s': Number((ms / 1000).toFixed(2)), said });
    rows.push({
      tool: '(start)',
      'waits on': 'start-up version probe, then tools/list',
      'answered after s': Number((startMs / 1000).toFixed(2)),
      said: '',
    });
  } finally {
    await client.close();
    await kibana.stop();
  }
  return { name: 'worst-case answer time against a Kibana that never answers, default settings (--call-timeout 50 s)', rows };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchDeadline();
  console.log(result.name);
  console.table(result.rows);
}
