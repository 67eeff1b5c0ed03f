// Server benchmarks: cold start over stdio, added latency of a tools/call, Streamable HTTP throughput and memory.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { KibanaClient } from '../src/client/index.js';
import { loadedModules } from '../harness/loaded-modules.js';
import { connectHttp, CLI, startHttpServer, serverEnv } from '../harness/mcp-peers.js';
import { startRecordingKibana, type RecordingKibana } from '../harness/recording-kibana.js';
import { USER_AGENT } from '../src/version.js';
import { silentLogger } from '../src/logger.js';
import { serveHttp } from '../src/server/http.js';
import { mcpServing } from '../src/server/mcp-server.js';
import { defaultOriginPolicy } from '../src/server/http-origin.js';
import { generatedTool } from '../src/tools/call.js';
import * as generated from '../src/tools/generated/index.js';
import { loadAllTools } from '../src/tools/registry.js';
import { ToolRuntime } from '../src/tools/runtime/runtime.js';

type Rows = Array<Record<string, string | number>>;
const MINIMAL_SERVER = fileURLToPath(new URL('./fixtures/minimal-server.mjs', import.meta.url));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

interface Started {
  ms: number;
  rssMb: number;
}

/** Spawn → initialize → the first tools/list answer; RSS read right after that answer. */
async function coldStart(args: string[], env: Record<string, string>): Promise<Started> {
  const started = performance.now();
  const transport = new StdioClientTransport({ command: process.execPath, args, env: serverEnv(env), stderr: 'ignore' });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  await client.listTools();
  const ms = performance.now() - started;
  const rssMb = residentMegabytes(transport.pid!);
  await client.close();
  return { ms, rssMb };
}

interface Variant {
  name: string;
  args: string[];
  env: Record<string, string>;
}

/** The servers compared at start-up: the floor, this build, and a baseline build when KIBANA_MCP_BENCH_BASELINE names its cli.js. */
function startVariants(kibana: RecordingKibana): Variant[] {
  const env = { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' };
  const builds: Array<[string, string]> = [['kibana-mcp', CLI]];
  const baseline = process.env.KIBANA_MCP_BENCH_BASELINE;
  if (baseline) builds.push(['baseline', baseline]);
  return [
    { name: 'minimal one-tool SDK server', args: [MINIMAL_SERVER], env: {} },
    ...builds.flatMap(([label, cli]) => [
      { name: `${label}, default toolsets`, args: [cli], env },
      { name: `${label}, every toolset`, args: [cli, '--toolsets', 'all', '--tier', 'destructive'], env },
    ]),
  ];
}

async function benchColdStart(kibana: RecordingKibana): Promise<Rows> {
  const rounds = Number(process.env.KIBANA_MCP_BENCH_ROUNDS ?? 10);
  const variants = startVariants(kibana);
  const samples = variants.map(() => [] as Started[]);
  for (const variant of variants) await coldStart(variant.args, variant.env); // warm the file cache for all
  // Interleaved rounds, so that a change in machine load hits every variant alike.
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, variant] of variants.entries()) samples[index]!.push(await coldStart(variant.args, variant.env));
  }
  const floorMs = median(samples[0]!.map((sample) => sample.ms));
  const floorRss = median(samples[0]!.map((sample) => sample.rssMb));
  return variants.map((variant, index) => {
    const ms = median(samples[index]!.map((sample) => sample.ms));
    const rss = median(samples[index]!.map((sample) => sample.rssMb));
    return {
      case: variant.name,
      'median ms': round(ms, 1),
      'x floor': round(ms / floorMs),
      'RSS MB': round(rss, 1),
      'RSS x floor': round(rss / floorRss),
      ...(index === 0 ? {} : { target: '<= 1.15x, RSS <= 1.1x' }),
    };
  });
}

/** Module files and Node built-ins loaded by the first tools/list answer, per variant. */
async function benchModules(kibana: RecordingKibana): Promise<Rows> {
  const rows: Rows = [];
  for (const variant of startVariants(kibana)) {
    const loaded = await loadedModules(variant.args, variant.env);
    const ours = loaded.files.filter((file) => !file.includes('/node_modules/')).length;
    rows.push({
      case: variant.name,
      'module files': loaded.files.length,
      'own files': ours,
      builtins: loaded.builtins.length,
      tools: loaded.tools,
    });
  }
  return rows;
}

async function benchAddedLatency(kibana: RecordingKibana): Promise<Rows> {
  const calls = 2_000;
  const direct = new KibanaClient({
    baseUrl: kibana.url,
    auth: { kind: 'apiKey', apiKey: 'k' },
    connectTimeoutMs: 1_000,
    timeoutMs: 5_000,
    retries: 0,
    userAgent: USER_AGENT,
  });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI],
    env: serverEnv({ KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' }),
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);

  const time = async (work: () => Promise<unknown>): Promise<number[]> => {
    for (let i = 0; i < 200; i += 1) await work();
    const samples: number[] = [];
    for (let i = 0; i < calls; i += 1) {
      const started = performance.now();
      await work();
      samples.push(performance.now() - started);
    }
    return samples.sort((a, b) => a - b);
  };
  const viaClient = await time(() => direct.request({ method: 'GET', path: '/api/status' }));
  const viaMcp = await time(() => client.callTool({ name: 'get_status', arguments: {} }));
  await client.close();
  await direct.close();
  return ['p50', 'p99'].map((label) => {
    const p = label === 'p50' ? 50 : 99;
    const added = percentile(viaMcp, p) - percentile(viaClient, p);
    return {
      percentile: label,
      'KibanaClient.request ms': round(percentile(viaClient, p), 3),
      'tools/call over stdio ms': round(percentile(viaMcp, p), 3),
      'added ms': round(added, 3),
      target: label === 'p50' ? '<= 1 ms' : '<= 5 ms',
    };
  });
}

function residentMegabytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!;
  return Number(/\d+/.exec(line)![0]) / 1024;
}

async function benchHttp(kibana: RecordingKibana): Promise<Rows> {
  const server = await startHttpServer([], { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' });
  const concurrency = 32;
  const clients = await Promise.all(Array.from({ length: concurrency }, () => connectHttp(server.url)));
  const pid = server.child.pid!;
  const run = async (total: number): Promise<number> => {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      clients.map(async (client) => {
        while (next < total) {
          next += 1;
          await client.callTool({ name: 'get_status', arguments: {} });
        }
      }),
    );
    return (total / (performance.now() - started)) * 1000;
  };
  const firstRate = await run(1_000);
  const rssAfter1k = residentMegabytes(pid);
  const rate = await run(9_000);
  const rssAfter10k = residentMegabytes(pid);
  await Promise.all(clients.map((client) => client.close()));
  await server.stop();
  return [
    { measure: 'calls/s, first 1,000 (32 clients)', value: round(firstRate, 0) },
    { measure: 'calls/s, next 9,000 (32 clients)', value: round(rate, 0) },
    { measure: 'server RSS after 1,000 calls, MB', value: round(rssAfter1k, 1) },
    { measure: 'server RSS after 10,000 calls, MB', value: round(rssAfter10k, 1) },
    { measure: 'growth 1k → 10k, % (target <= 10)', value: round(((rssAfter10k - rssAfter1k) / rssAfter1k) * 100, 1) },
  ];
}

/** In-process, so the heap can be measured after a full GC: RSS alone cannot tell a leak from a lazy collector. */
async function benchHeap(kibana: RecordingKibana): Promise<Rows> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return [{ measure: 'skipped: run with node --expose-gc (npm run bench does)', value: '' }];
  const client = new KibanaClient({
    baseUrl: kibana.url,
    auth: { kind: 'apiKey', apiKey: 'k' },
    connectTimeoutMs: 1_000,
    timeoutMs: 5_000,
    retries: 0,
    userAgent: USER_AGENT,
  });
  const tools = (await loadAllTools(generated)).map(generatedTool);
  const runtime = new ToolRuntime({
    tools,
    client,
    defaultSpace: 'default',
    maxResultChars: 20_000,
    confirmation: 'auto',
    logger: silentLogger,
  });
  const running = await serveHttp(mcpServing(runtime, silentLogger), {
    host: '127.0.0.1',
    port: 0,
    auth: { kind: 'none' },
    origins: defaultOriginPolicy('127.0.0.1'),
  });
  const clients = await Promise.all(Array.from({ length: 32 }, () => connectHttp(running.url)));
  const rows: Rows = [];
  let done = 0;
  for (const checkpoint of [1_000, 10_000, 20_000]) {
    let next = done;
    await Promise.all(
      clients.map(async (mcp) => {
        while (next < checkpoint) {
          next += 1;
          await mcp.callTool({ name: 'get_status', arguments: {} });
        }
      }),
    );
    done = checkpoint;
    for (let i = 0; i < 3; i += 1) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    rows.push({
      measure: `heap used after GC, after ${checkpoint} calls, MB`,
      value: round(process.memoryUsage().heapUsed / 1_048_576, 1),
    });
  }
  await Promise.all(clients.map((mcp) => mcp.close()));
  await running.close();
  await runtime.close();
  return rows;
}

export async function benchServer(): Promise<Array<{ name: string; rows: Rows }>> {
  const kibana = await startRecordingKibana(() => ({
    body: { version: { number: '8.18.2' }, status: { overall: { level: 'available' } } },
  }));
  kibana.handle(() => {
    kibana.requests.length = 0; // keep the stub's own memory flat
    return { body: { version: { number: '8.18.2' }, status: { overall: { level: 'available' } } } };
  });
  try {
    return [
      {
        name: 'Cold start over stdio (spawn → initialize → tools/list) and RSS after it, medians of interleaved rounds',
        rows: await benchColdStart(kibana),
      },
      { name: 'Modules loaded by the first tools/list answer over stdio', rows: await benchModules(kibana) },
      { name: 'Added latency of tools/call (stdio) over KibanaClient.request, 2,000 calls each', rows: await benchAddedLatency(kibana) },
      { name: 'Streamable HTTP, 32 concurrent clients, 10,000 calls (server in a child process)', rows: await benchHttp(kibana) },
      { name: 'Streamable HTTP, 32 concurrent clients, leak check (server in this process)', rows: await benchHeap(kibana) },
    ];
  } finally {
    await kibana.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const table of await benchServer()) {
    console.log(`\n${table.name}`);
    console.table(table.rows);
  }
}
