// `kibana-mcp demo` (`npm run demo`): a guided tour. An SDK client starts `kibana-mcp --demo`
// over stdio, as an MCP host would, speaking the newest protocol revision (2026-07-28), and walks
// through a few administrator tasks against the built-in sandbox Kibana, printing each call and
// what came back.
import { fileURLToPath } from 'node:url';
import { type CallToolResult, Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { PACKAGE_ROOT } from '../package-root.js';

const CLI = fileURLToPath(new URL('dist/cli.js', PACKAGE_ROOT));
const TOUR_SPACE = 'tour';

type Print = (line: string) => void;

interface Step {
  say: string;
  tool: string;
  args: Record<string, unknown>;
  /** One readable line about the result. */
  summary: (data: any, result: CallToolResult) => string;
  /** The step shows an error on purpose. */
  expectError?: boolean;
}

const STEPS: Step[] = [
  {
    say: 'Which Kibana is this?',
    tool: 'get_status',
    args: {},
    summary: (d) => `Kibana ${d.version.number}, overall status ${d.status.overall.level}`,
  },
  {
    say: 'Create a space for the tour.',
    tool: 'create_space',
    args: { id: TOUR_SPACE, name: 'Guided tour', description: 'Made by the kibana-mcp tour' },
    summary: (d) => `space "${d.id}" (${d.name}) created`,
  },
  {
    say: 'Create a data view inside that space.',
    tool: 'create_data_view',
    args: { space_id: TOUR_SPACE, data_view: { title: 'logs-tour-*', name: 'Tour logs', timeFieldName: '@timestamp' } },
    summary: (d) => `data view ${d.data_view.id} over ${d.data_view.title}`,
  },
  {
    say: 'Open a case there, then comment on it.',
    tool: 'create_case',
    args: {
      space_id: TOUR_SPACE,
      title: 'Login failures on web-01',
      description: 'Spike of failed logins seen during the tour.',
      owner: 'cases',
      tags: ['tour'],
      connector: { id: 'none', name: 'none', type: '.none', fields: null },
      settings: { syncAlerts: false },
    },
    summary: (d) => `case "${d.title}" (${d.id}), status ${d.status}`,
  },
  {
    say: '',
    tool: 'add_case_comment',
    args: {
      space_id: TOUR_SPACE,
      case_id: '$case',
      body: { type: 'user', comment: 'Checked the firewall: nothing blocked.', owner: 'cases' },
    },
    summary: (d) => `the case now has ${d.totalComment} comment(s)`,
  },
  {
    say: 'Find what we made.',
    tool: 'find_cases',
    args: { space_id: TOUR_SPACE, tags: 'tour' },
    summary: (d) => `${d.total} case(s) tagged "tour": ${d.cases.map((c: any) => c.title).join(', ')}`,
  },
  {
    say: '',
    tool: 'list_data_views',
    args: { space_id: TOUR_SPACE },
    summary: (d) => `${d.data_view.length} data view(s) in "${TOUR_SPACE}": ${d.data_view.map((v: any) => v.title).join(', ')}`,
  },
  {
    say: 'The data view lives in its space only.',
    tool: 'list_data_views',
    args: { space_id: 'default' },
    summary: (d) => `default space: ${d.data_view.map((v: any) => v.title).join(', ') || 'none'} (no logs-tour-* here)`,
  },
  {
    say: "Export the saved objects of the space (ndjson comes back as items, a count and Kibana's export summary).",
    tool: 'export_saved_objects',
    args: { space_id: TOUR_SPACE, type: ['index-pattern'] },
    summary: (d) =>
      `${d.count} object(s): ${d.items.map((i: any) => `${i.type} "${i.attributes?.title}"`).join(', ')}; summary: exported ${d.details?.exportedCount}, missing references ${d.details?.missingRefCount}`,
  },
  {
    say: 'Errors come back with a hint the agent can act on.',
    tool: 'get_data_view',
    args: { space_id: TOUR_SPACE, view_id: 'no-such-view' },
    expectError: true,
    summary: (_d, r) => firstText(r),
  },
  {
    say: 'A write into a space that does not exist is refused before it reaches Kibana.',
    tool: 'create_data_view',
    args: { space_id: 'no-such-space', data_view: { title: 'x-*' } },
    expectError: true,
    summary: (_d, r) => firstText(r),
  },
];

function firstText(result: CallToolResult): string {
  const part = result.content.find((item) => item.type === 'text');
  return part && part.type === 'text' ? part.text : '';
}

function compact(value: unknown, max = 110): string {
  const text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export async function runTour(print: Print): Promise<number> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, '--demo', '--log-level', 'warn'],
    env: { PATH: process.env.PATH ?? '' },
    stderr: 'inherit',
  });
  const client = new Client({ name: 'kibana-mcp-tour', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
  await client.connect(transport);
  try {
    const server = client.getServerVersion();
    const { tools } = await client.listTools();
    print(
      `kibana-mcp guided tour: an MCP client talking to ${server?.name} ${server?.version} over stdio (protocol ${client.getNegotiatedProtocolVersion()}), against the built-in sandbox Kibana.\n`,
    );
    print(`The server offers ${tools.length} tools (the default toolsets at tier "write"), for example:`);
    print(
      `  ${tools
        .slice(0, 8)
        .map((tool) => tool.name)
        .join(', ')}, …\n`,
    );

    let caseId = '';
    let step = 0;
    for (const { say, tool, args, summary, expectError } of STEPS) {
      const resolvedArgs = JSON.parse(JSON.stringify(args).replace('"$case"', JSON.stringify(caseId))) as Record<string, unknown>;
      const result = (await client.callTool({ name: tool, arguments: resolvedArgs })) as CallToolResult;
      if (say) print(`${++step}. ${say}`);
      print(`   → ${tool} ${compact(resolvedArgs)}`);
      if (Boolean(result.isError) !== Boolean(expectError)) {
        print(`   ✗ unexpected ${result.isError ? 'error' : 'success'}: ${firstText(result)}`);
        return 1;
      }
      const data = result.isError ? undefined : JSON.parse(firstText(result));
      if (tool === 'create_case') caseId = data.id;
      for (const line of summary(data, result).split('\n')) print(`   ${result.isError ? '!' : '✓'} ${line}`);
    }
    print('\nDone. Point your MCP client at `kibana-mcp --demo`, or at your own Kibana with KIBANA_URL and KIBANA_API_KEY.');
    return 0;
  } finally {
    await client.close();
  }
}
