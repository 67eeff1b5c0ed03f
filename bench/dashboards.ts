// What the issue's log dashboard costs an agent ("a line chart of log count over time and a table
// of the top 10 hosts for logs-*"): tool calls, and tokens of the arguments it writes and the
// results it reads (o200k_base), through the dashboard task tools and through the generic tools
// (data views, saved objects, the dashboards API), against the sandbox as Kibana 8.18 and 9.4.
// The generic path is the shortest that works: find the data view and its fields, read a
// dashboard with a Lens panel to learn the shape, send the whole dashboard, read it back.
// `node --import tsx bench/dashboards.ts`, or as part of `npm run bench`.
import { fileURLToPath } from 'node:url';
import { type DataViewInfo, dataViewInfo } from '../src/dashboards/data-view.js';
import { writeDashboard } from '../src/dashboards/dashboards.js';
import type { FlatDashboard } from '../src/dashboards/flat.js';
import { KibanaClient } from '../src/client/index.js';
import { countTokens } from '../src/generator/tokens.js';
import { silentLogger } from '../src/logger.js';
import { startSandbox } from '../src/sandbox/index.js';
import * as generated from '../src/tools/generated/index.js';
import { loadSelectedTools } from '../src/tools/registry.js';
import { ToolRuntime } from '../src/tools/runtime/runtime.js';
import { servedSelection } from '../src/tools/served-tools.js';
import { servedCatalog } from '../src/tools/tasks/catalog.js';
import * as tasks from '../src/tools/tasks/index.js';

/** The log dashboard: a line chart of log count over time and a table of the top 10 hosts of `logs-*`. */
export const LOG_DASHBOARD: FlatDashboard = {
  title: 'Web logs',
  time_range: { from: 'now-24h', to: 'now' },
  panels: [
    { chart: 'line', title: 'Log count over time', data_view: 'logs-*', metrics: [{ op: 'count' }], breakdown: { by: 'date_histogram' } },
    // Ten is the default number of top values, so the flat form says none.
    {
      chart: 'table',
      title: 'Top 10 hosts',
      data_view: 'logs-*',
      metrics: [{ op: 'count' }],
      breakdown: { by: 'top_values', field: 'host.name' },
    },
  ],
};

/** A seeded dashboard with a Lens panel, read to learn how panels are written. */
const EXAMPLE_DASHBOARD = 'host-metrics-dashboard';
const LOGS_VIEW = 'logs-data-view';
/** The toolsets either path uses. */
const TOOLSETS = ['dashboards', 'dashboards_api', 'data_views', 'saved_objects'];

export interface PathCost {
  calls: number;
  argumentTokens: number;
  resultTokens: number;
}

interface Step {
  tool: string;
  args: Record<string, unknown>;
}

/** A Kibana call made the way a generic tool makes it: its arguments, and its answer as the agent reads it. */
type Send = (step: Step) => Promise<string>;

async function walk(send: Send, steps: (previous: string[]) => Promise<Step | undefined>): Promise<PathCost> {
  const cost: PathCost = { calls: 0, argumentTokens: 0, resultTokens: 0 };
  const results: string[] = [];
  for (let step = await steps(results); step; step = await steps(results)) {
    const result = await send(step);
    cost.calls += 1;
    cost.argumentTokens += countTokens(JSON.stringify(step.args));
    cost.resultTokens += countTokens(result);
    results.push(result);
  }
  return cost;
}

/** Both paths on one Kibana version. */
export async function dashboardCosts(version: string): Promise<{ task: PathCost; generic: PathCost }> {
  const sandbox = await startSandbox({ version, recordRequests: false });
  const runtime = new ToolRuntime({
    tools: servedSelection(await loadSelectedTools(servedCatalog(generated, tasks), { toolsets: TOOLSETS, tier: 'write' }), version),
    client: new KibanaClient({
      baseUrl: sandbox.url,
      auth: { kind: 'apiKey', apiKey: sandbox.credentials.apiKey },
      connectTimeoutMs: 2_000,
      timeoutMs: 10_000,
      retries: 0,
      userAgent: 'kibana-mcp-bench',
    }),
    defaultSpace: 'default',
    maxResultChars: 100_000,
    confirmation: 'never',
    logger: silentLogger,
  });
  const viaTool: Send = async ({ tool, args }) => {
    const result = await runtime.call(tool, args);
    if (result.isError) throw new Error(`${tool}: ${result.content[0]?.text}`);
    return result.content.map((part) => part.text).join('\n');
  };
  try {
    const task = await walk(viaTool, async (results) => {
      if (results.length === 0) return { tool: 'build_dashboard', args: { ...LOG_DASHBOARD } };
      if (results.length === 1) return { tool: 'describe_dashboard', args: { id: JSON.parse(results[0]!).id } };
      return undefined;
    });
    const generic = await walk(
      version.startsWith('8.') ? viaTool : viaApi(sandbox.url, sandbox.credentials.apiKey, viaTool),
      genericSteps(version),
    );
    return { task, generic };
  } finally {
    await runtime.close();
    await sandbox.stop();
  }
}

/** The generic path: list and read the data view, read an example, send the dashboard, read it back. */
function genericSteps(version: string): (results: string[]) => Promise<Step | undefined> {
  const is8x = version.startsWith('8.');
  const id = 'web-logs';
  return async (results) => {
    switch (results.length) {
      case 0:
        return { tool: 'list_data_views', args: {} };
      case 1:
        return { tool: 'get_data_view', args: { view_id: LOGS_VIEW } };
      case 2:
        return { tool: 'get_saved_object', args: { type: 'dashboard', id: EXAMPLE_DASHBOARD } };
      case 3: {
        const views = new Map<string, DataViewInfo>([['logs-*', dataViewInfo(JSON.parse(results[1]!))]]);
        const written = writeDashboard(LOG_DASHBOARD, { version, views });
        if (written.format === 'api-9.4') return { tool: 'POST /api/dashboards', args: written.body };
        const { panelsJSON, optionsJSON, kibanaSavedObjectMeta: _meta, ...attributes } = written.savedObject.attributes;
        const panels = (JSON.parse(String(panelsJSON)) as Record<string, unknown>[]).map(({ embeddableConfig, ...panel }) => ({
          ...panel,
          panelConfig: embeddableConfig,
        }));
        const body = { ...attributes, panels, options: JSON.parse(String(optionsJSON)) };
        return { tool: 'create_dashboard', args: { id, attributes: body, references: written.savedObject.references } };
      }
      case 4:
        return is8x
          ? { tool: 'get_dashboard', args: { id } }
          : { tool: 'GET /api/dashboards/{id}', args: { id: JSON.parse(results[3]!).id } };
      default:
        return undefined;
    }
  };
}

/**
 * On 9.4 the generated dashboards tools still call the 8.x API (the 9.4 variants are the
 * generator's work in progress): the dashboards API is called directly, its answer read as the
 * tools return answers (compact JSON). The other steps go through the tools.
 */
function viaApi(url: string, apiKey: string, viaTool: Send): Send {
  return async (step) => {
    const [method, path] = step.tool.split(' ');
    if (!path) return viaTool(step);
    const target = new URL(path.replace('{id}', String(step.args.id)), url);
    const body = method === 'POST' ? JSON.stringify(step.args) : undefined;
    const headers = { authorization: `ApiKey ${apiKey}`, 'kbn-xsrf': 'bench', 'content-type': 'application/json' };
    const response = await fetch(target, { method, headers, body });
    if (!response.ok) throw new Error(`${step.tool}: ${response.status} ${await response.text()}`);
    return JSON.stringify(await response.json());
  };
}

export async function benchDashboards() {
  const rows = [];
  for (const version of ['8.18.2', '9.4.0']) {
    const { task, generic } = await dashboardCosts(version);
    const total = (cost: PathCost) => cost.argumentTokens + cost.resultTokens;
    for (const [path, cost] of [
      ['task tools', task],
      ['generic tools', generic],
    ] as const) {
      rows.push({
        kibana: version,
        path,
        calls: cost.calls,
        'argument tokens': cost.argumentTokens,
        'result tokens': cost.resultTokens,
        total: total(cost),
      });
    }
    rows.push({
      kibana: version,
      path: 'generic ÷ task',
      calls: '',
      'argument tokens': '',
      'result tokens': '',
      total: (total(generic) / total(task)).toFixed(1),
    });
  }
  return [{ name: 'Dashboards: the log dashboard task, built and read back (o200k_base tokens)', rows }];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const table of await benchDashboards()) {
    console.log(`\n${table.name}`);
    console.table(table.rows);
  }
}
