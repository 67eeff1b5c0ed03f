// The full-API tools (issue 11 §4), each measured in a server process over stdio against a loopback
// Kibana: the first search_kibana_api (which loads the catalogue of the version), warm search, describe
// and call, the memory the loaded catalogue holds (RSS and heap after a full collection, before and after
// the first call), and cold start to the first tools/list with and without the api toolset. Rounds are
// interleaved and medians reported. `node --expose-gc --import tsx bench/api.ts`, or part of `npm run bench`.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { CLI, serverEnv } from '../harness/mcp-peers.js';
import { type RecordingKibana, startRecordingKibana } from '../harness/recording-kibana.js';
import * as generated from '../src/tools/generated/index.js';
import * as tasks from '../src/tools/tasks/index.js';
import { coldStart, median, round } from './server.js';

type Rows = Array<Record<string, string | number>>;

const ROUNDS = Number(process.env.KIBANA_MCP_BENCH_ROUNDS ?? 10);
const WARM_CALLS = 20;
const VERSION = '9.4.0';
const HEAP_PROBE = fileURLToPath(new URL('./fixtures/heap-probe.mjs', import.meta.url));
const CATALOGUE_DIR = fileURLToPath(new URL('../openapi/catalogue/', import.meta.url));
const megabytes = (bytes: number) => round(bytes / 1_048_576, 1);

const CALLS = {
  search: { name: 'search_kibana_api', arguments: { query: 'offline fleet agents' } },
  describe: { name: 'describe_kibana_api', arguments: { method: 'POST', path: '/api/detection_engine/rules' } },
  call: {
    name: 'call_kibana_api',
    arguments: { method: 'GET', path: '/api/fleet/agents', query: { perPage: 20, kuery: 'status:offline' } },
  },
};

interface Memory {
  rss: number;
  heap: number;
}

interface Round {
  firstSearchMs: number;
  before: Memory;
  after: Memory;
  warm: Record<keyof typeof CALLS, number[]>;
}

/** One server: its memory once listed, the first search timed, its memory then, and warm calls of each tool. */
async function oneServer(kibana: RecordingKibana): Promise<Round> {
  const dir = mkdtempSync(join(tmpdir(), 'kibana-mcp-api-bench-'));
  const probeFile = join(dir, 'heap.txt');
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--expose-gc', '--import', HEAP_PROBE, CLI, '--kibana-version', VERSION],
    env: serverEnv({ KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k', HEAP_PROBE_FILE: probeFile }),
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  await client.listTools();
  const memory = async (): Promise<Memory> => {
    const lines = () => readFileSync(probeFile, { encoding: 'utf8', flag: 'a+' }).trim().split('\n').filter(Boolean);
    const count = lines().length;
    process.kill(transport.pid!, 'SIGUSR2');
    for (let waited = 0; lines().length === count && waited < 5_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    const [rss, heap] = lines().at(-1)!.split(' ').map(Number);
    return { rss: rss!, heap: heap! };
  };
  const timed = async (call: { name: string; arguments: Record<string, unknown> }) => {
    const started = performance.now();
    const result = await client.callTool(call);
    if (result.isError) throw new Error(`${call.name}: ${JSON.stringify(result.content)}`);
    return performance.now() - started;
  };
  try {
    const before = await memory();
    const firstSearchMs = await timed(CALLS.search);
    const after = await memory();
    const warm = { search: [] as number[], describe: [] as number[], call: [] as number[] };
    for (const kind of Object.keys(CALLS) as Array<keyof typeof CALLS>) {
      await timed(CALLS[kind]);
      for (let i = 0; i < WARM_CALLS; i += 1) warm[kind].push(await timed(CALLS[kind]));
    }
    return { firstSearchMs, before, after, warm };
  } finally {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function catalogueBytes(): number {
  return readdirSync(CATALOGUE_DIR)
    .filter((file) => file.endsWith('.json'))
    .reduce((sum, file) => sum + statSync(join(CATALOGUE_DIR, file)).size, 0);
}

export async function benchApi(): Promise<Array<{ name: string; rows: Rows }>> {
  const kibana = await startRecordingKibana(() => ({ body: { list: [], total: 0, page: 1, perPage: 20 } }));
  const withoutApi = [...tasks.toolsets, ...generated.toolsets].filter((toolset) => toolset.default && toolset.id !== tasks.API_TOOLSET);
  const env = { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' };
  const starts = [
    { name: 'default toolsets (with api)', args: [CLI, '--kibana-version', VERSION], env },
    {
      name: 'default toolsets without api',
      args: [CLI, '--kibana-version', VERSION, '--toolsets', withoutApi.map((t) => t.id).join(',')],
      env,
    },
  ];
  try {
    for (const start of starts) await coldStart(start);
    const rounds: Round[] = [];
    const startMs = starts.map(() => [] as number[]);
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [index, start] of starts.entries()) startMs[index]!.push((await coldStart(start)).ms);
      rounds.push(await oneServer(kibana));
    }
    const medianOf = (pick: (round: Round) => number) => median(rounds.map(pick));
    const warm = (kind: keyof typeof CALLS) => median(rounds.flatMap((each) => each.warm[kind]));
    const [withMs, withoutMs] = startMs.map(median) as [number, number];
    return [
      {
        name: `Full-API tools on Kibana ${VERSION} over stdio (median of ${ROUNDS} servers; warm: ${WARM_CALLS} calls each)`,
        rows: [
          {
            measure: 'first search_kibana_api (loads the catalogue)',
            value: round(
              medianOf((each) => each.firstSearchMs),
              1,
            ),
            unit: 'ms',
          },
          { measure: 'warm search_kibana_api', value: round(warm('search'), 2), unit: 'ms' },
          { measure: 'warm describe_kibana_api (detection rule create)', value: round(warm('describe'), 2), unit: 'ms' },
          { measure: 'warm call_kibana_api (GET, loopback Kibana)', value: round(warm('call'), 2), unit: 'ms' },
          {
            measure: 'catalogue RSS once loaded (RSS after - before)',
            value: megabytes(medianOf((each) => each.after.rss - each.before.rss)),
            unit: 'MB',
          },
          {
            measure: 'catalogue heap once loaded (after a full GC)',
            value: megabytes(medianOf((each) => each.after.heap - each.before.heap)),
            unit: 'MB',
          },
          { measure: 'catalogue on disk (openapi/catalogue/*.json)', value: megabytes(catalogueBytes()), unit: 'MB' },
          { measure: 'cold start to tools/list, default toolsets', value: round(withMs, 1), unit: 'ms' },
          { measure: 'cold start to tools/list, default toolsets without api', value: round(withoutMs, 1), unit: 'ms' },
          {
            measure: 'cold start added by the api toolset',
            value: round((100 * (withMs - withoutMs)) / withoutMs, 1),
            unit: '% (target <= 5)',
          },
        ],
      },
    ];
  } finally {
    await kibana.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const table of await benchApi()) {
    console.log(`\n${table.name}`);
    console.table(table.rows);
  }
}
