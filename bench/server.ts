// Server benchmarks, this build ("after", SDK v2) side by side with a baseline build ("before": the
// cli.js KIBANA_MCP_BENCH_BASELINE names, e.g. main's on SDK 1.x) and the smallest SDK servers, in
// one run: cold start to the first tool list per era, added latency of a tools/call, Streamable
// HTTP calls/s at 32 clients, and memory from 1,000 to 10,000 calls (RSS, and the heap after a full
// collection, which tells a leak from a collector that sizes itself). The machine is shared and
// noisy: rounds are interleaved, and medians and ratios are reported.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { loadedModules } from '../harness/loaded-modules.js';
import { CLI, serverEnv, startHttpProcess } from '../harness/mcp-peers.js';
import { type RecordingKibana, startRecordingKibana } from '../harness/recording-kibana.js';
import { KibanaClient } from '../src/client/index.js';
import { USER_AGENT } from '../src/version.js';
import { rollup } from 'rollup';
import { bundledPackagePlugins } from '../scripts/bundled-packages.mjs';

type Rows = Array<Record<string, string | number>>;
type Era = '2025' | '2026';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const HEAP_PROBE = fixture('heap-probe.mjs');
export const MINIMAL_SERVER = fixture('minimal-server.mjs');
const BASELINE = process.env.KIBANA_MCP_BENCH_BASELINE;
const ROUNDS = Number(process.env.KIBANA_MCP_BENCH_ROUNDS ?? 10);
// Fewer runs leave the growth ratio to the collector's timing: the 2025 era's came out at 1.20x over 5 runs, 0.86x over 7.
const HTTP_ROUNDS = Number(process.env.KIBANA_MCP_BENCH_HTTP_ROUNDS ?? 7);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
export const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
export const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const megabytes = (bytes: number) => round(bytes / 1_048_576, 1);

/** A server to measure: how to start it over stdio (`args` for node) and which eras it speaks. */
interface Variant {
  name: string;
  args: string[];
  env: Record<string, string>;
  eras: Era[];
  /** The minimal server of the same era this one is compared with. */
  floor?: string;
  /** Whether issue 15's start-up targets apply (a start that asks Kibana first waits for its answer too). */
  targeted?: boolean;
}

function clientFor(era: Era): Client {
  return new Client({ name: 'bench', version: '1' }, era === '2026' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {});
}

/** A process's resident set now (VmRSS), or the most it has had so far (VmHWM). */
function residentBytes(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`))!;
  return Number(/\d+/.exec(line)![0]) * 1024;
}

function builds(): Array<[label: string, cli: string]> {
  return [['after (v2)', CLI], ...(BASELINE ? [['before (baseline)', BASELINE] as [string, string]] : [])];
}

/** Every toolset on 9.4.0, the longest tool list: a minimal server that lists the same tools shows what the list alone costs. */
const LONGEST_LIST = ['--toolsets', 'all', '--tier', 'destructive', '--kibana-version', '9.4.0'];

/** A tool list written to a file, and how many tools it holds. */
interface ListFile {
  file: string;
  count: number;
}

/** What the start tables compare with, beyond the minimal servers themselves: made once, in the scratch directory. */
interface StartFloors {
  longestList: ListFile;
  /** The minimal v2 server with the SDK and zod bundled as the build bundles them. */
  bundledMinimal: string;
}

const MINIMAL = 'minimal v2 server';
const BUNDLED_MINIMAL = 'minimal v2 server, bundled as the build bundles the SDK and zod';

/** The minimal v2 server bundled as dist/ is: the floor of a start that reads a few files rather than a hundred. */
async function bundleMinimalServer(dir: string): Promise<string> {
  const bundle = await rollup({
    input: MINIMAL_SERVER,
    plugins: bundledPackagePlugins(),
    treeshake: true,
    onwarn(warning, warn) {
      if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
    },
  });
  const { output } = await bundle.write({ dir: join(dir, 'bundled-minimal'), format: 'es' });
  await bundle.close();
  return join(dir, 'bundled-minimal', output[0].fileName);
}

/** Writes this build's longest tool list to a file, for the minimal server that lists it. */
async function writeLongestList(kibana: RecordingKibana, dir: string): Promise<ListFile> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, ...LONGEST_LIST],
    env: serverEnv({ KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' }),
    stderr: 'ignore',
  });
  const client = clientFor('2025');
  await client.connect(transport);
  const { tools } = await client.listTools();
  await client.close();
  const file = join(dir, 'tools.json');
  writeFileSync(file, JSON.stringify(tools));
  return { file, count: tools.length };
}

function startVariants(kibana: RecordingKibana, { longestList, bundledMinimal }: StartFloors): Variant[] {
  const env = { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' };
  return [
    { name: MINIMAL, args: [MINIMAL_SERVER], env: {}, eras: ['2025', '2026'] },
    { name: BUNDLED_MINIMAL, args: [bundledMinimal], env: {}, eras: ['2025', '2026'], floor: MINIMAL },
    {
      name: `minimal v2 server listing the same ${longestList.count} tools as every toolset on 9.4.0`,
      args: [fixture('minimal-server-listing.mjs')],
      env: { MINIMAL_TOOLS_FILE: longestList.file },
      eras: ['2025', '2026'],
      floor: MINIMAL,
    },
    { name: 'minimal v1 server', args: [fixture('minimal-server-v1.mjs')], env: {}, eras: ['2025'] },
    ...builds().flatMap(([label, cli]): Variant[] => {
      const eras: Era[] = cli === CLI ? ['2025', '2026'] : ['2025'];
      // Kibana 8.18.2's tool set, the largest 9.x one (9.4.0's), and a start that asks the stub Kibana its version (8.18.2).
      const sets: Array<[string, string[]]> = [
        ['on 8.18.2', ['--kibana-version', '8.18.2']],
        ['on 9.4.0', ['--kibana-version', '9.4.0']],
        ['version read at start', []],
      ];
      return sets.flatMap(([versions, versionArgs]): Variant[] => {
        const compared = { env, eras, floor: MINIMAL, targeted: versionArgs.length > 0 };
        return [
          { name: `${label}, default toolsets, ${versions}`, args: [cli, ...versionArgs], ...compared },
          {
            name: `${label}, every toolset, ${versions}`,
            args: [cli, '--toolsets', 'all', '--tier', 'destructive', ...versionArgs],
            ...compared,
          },
        ];
      });
    }),
  ];
}

/** Spawn → initialize (2025) or server/discover (2026) → the first tools/list answer; RSS right after. */
export async function coldStart(variant: Pick<Variant, 'args' | 'env'>, era: Era = '2025'): Promise<{ ms: number; rss: number }> {
  const started = performance.now();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: variant.args,
    env: serverEnv(variant.env),
    stderr: 'ignore',
  });
  const client = clientFor(era);
  await client.connect(transport);
  await client.listTools();
  const ms = performance.now() - started;
  const rss = residentBytes(transport.pid!);
  await client.close();
  return { ms, rss };
}

/**
 * Spawn → initialize → the tools/list answer, with a bare JSON-RPC peer over stdio (2025 era): the
 * server's own time, without the SDK client's checking of the answer, which grows with the tool list.
 */
async function bareColdStart(variant: Pick<Variant, 'args' | 'env'>): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, variant.args, { env: serverEnv(variant.env), stdio: ['pipe', 'pipe', 'ignore'] });
  const send = (message: object) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ms = await new Promise<number>((resolve, reject) => {
    let pending = '';
    child.once('error', reject);
    void exited.then((code) => reject(new Error(`${variant.args.join(' ')} exited (${code}) before answering tools/list`)));
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const { id } = JSON.parse(line) as { id?: number };
        if (id === 1) {
          send({ method: 'notifications/initialized' });
          send({ id: 2, method: 'tools/list' });
        } else if (id === 2) {
          resolve(performance.now() - started);
          child.stdin.end();
        }
      }
    });
    send({
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
    });
  });
  // The next round starts once this server is gone, as coldStart's does.
  await exited;
  return ms;
}

async function benchBareColdStart(kibana: RecordingKibana, floors: StartFloors): Promise<Rows> {
  const variants = startVariants(kibana, floors).filter((variant) => variant.eras.includes('2025'));
  const samples = variants.map(() => [] as number[]);
  for (const variant of variants) await bareColdStart(variant);
  for (let index = 0; index < ROUNDS; index += 1) {
    for (const [at, variant] of variants.entries()) samples[at]!.push(await bareColdStart(variant));
  }
  const medianOf = (name: string) => median(samples[variants.findIndex((variant) => variant.name === name)]!);
  return variants.map((variant, at) => {
    const ms = median(samples[at]!);
    return {
      case: variant.name,
      'median ms': round(ms, 1),
      'x minimal v2': variant.floor ? round(ms / medianOf(variant.floor)) : '',
      'x bundled minimal': variant.targeted ? round(ms / medianOf(BUNDLED_MINIMAL)) : '',
      ...(variant.targeted ? { target: '<= 1.15x minimal v2' } : {}),
    };
  });
}

async function benchColdStart(kibana: RecordingKibana, floors: StartFloors): Promise<Rows> {
  const runs = startVariants(kibana, floors).flatMap((variant) => variant.eras.map((era) => ({ variant, era })));
  const samples = runs.map(() => [] as Array<{ ms: number; rss: number }>);
  for (const run of runs) await coldStart(run.variant, run.era); // warm the file cache for all
  for (let index = 0; index < ROUNDS; index += 1) {
    for (const [at, run] of runs.entries()) samples[at]!.push(await coldStart(run.variant, run.era));
  }
  const medianOf = (at: number) => ({
    ms: median(samples[at]!.map((sample) => sample.ms)),
    rss: median(samples[at]!.map((sample) => sample.rss)),
  });
  const floorOf = (name: string | undefined, era: Era) => {
    const at = runs.findIndex((other) => other.variant.name === name && other.era === era);
    return at >= 0 ? medianOf(at) : undefined;
  };
  return runs.map(({ variant, era }, at) => {
    const { ms, rss } = medianOf(at);
    const floor = floorOf(variant.floor, era);
    const bundledFloor = variant.targeted ? floorOf(BUNDLED_MINIMAL, era) : undefined;
    return {
      case: variant.name,
      era,
      'median ms': round(ms, 1),
      'x minimal v2': floor ? round(ms / floor.ms) : '',
      'x bundled minimal': bundledFloor ? round(ms / bundledFloor.ms) : '',
      'RSS MB': megabytes(rss),
      'RSS x minimal v2': floor ? round(rss / floor.rss) : '',
      ...(variant.targeted ? { target: '<= 1.15x minimal v2, RSS <= 1.1x' } : {}),
    };
  });
}

/** Module files and Node built-ins loaded by the first tools/list answer (2025 era), per variant. */
async function benchModules(kibana: RecordingKibana, floors: StartFloors): Promise<Rows> {
  const rows: Rows = [];
  for (const variant of startVariants(kibana, floors)) {
    const loaded = await loadedModules(variant.args, variant.env);
    rows.push({
      case: variant.name,
      'module files': loaded.files.length,
      'own files': loaded.files.filter((file) => !file.includes('/node_modules/')).length,
      builtins: loaded.builtins.length,
      tools: loaded.tools,
    });
  }
  return rows;
}

/** Added latency of tools/call over stdio against KibanaClient.request, per build and era, in interleaved blocks. */
async function benchAddedLatency(kibana: RecordingKibana): Promise<Rows> {
  const direct = new KibanaClient({
    baseUrl: kibana.url,
    auth: { kind: 'apiKey', apiKey: 'k' },
    connectTimeoutMs: 1_000,
    timeoutMs: 5_000,
    retries: 0,
    userAgent: USER_AGENT,
  });
  const peers = await Promise.all(
    builds().flatMap(([label, cli]) =>
      (cli === CLI ? (['2025', '2026'] as Era[]) : (['2025'] as Era[])).map(async (era) => {
        const client = clientFor(era);
        const env = serverEnv({ KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' });
        await client.connect(new StdioClientTransport({ command: process.execPath, args: [cli], env, stderr: 'ignore' }));
        return { label, era, client, samples: [] as number[] };
      }),
    ),
  );
  const directSamples: number[] = [];
  const time = async (work: () => Promise<unknown>, into: number[], count: number) => {
    for (let i = 0; i < count; i += 1) {
      const started = performance.now();
      await work();
      into.push(performance.now() - started);
    }
  };
  const status = () => direct.request({ method: 'GET', path: '/api/status' });
  // Warm-up, then 5 blocks of 400 calls each, every variant in every block.
  await time(status, [], 200);
  for (const peer of peers) await time(() => peer.client.callTool({ name: 'get_status', arguments: {} }), [], 200);
  for (let block = 0; block < 5; block += 1) {
    await time(status, directSamples, 400);
    for (const peer of peers) await time(() => peer.client.callTool({ name: 'get_status', arguments: {} }), peer.samples, 400);
  }
  await Promise.all(peers.map((peer) => peer.client.close()));
  await direct.close();
  const directSorted = directSamples.sort((a, b) => a - b);
  return peers.flatMap((peer) => {
    const sorted = peer.samples.sort((a, b) => a - b);
    return [50, 99].map((p) => ({
      build: peer.label,
      era: peer.era,
      percentile: `p${p}`,
      'KibanaClient.request ms': round(percentile(directSorted, p), 3),
      'tools/call over stdio ms': round(percentile(sorted, p), 3),
      'added ms': round(percentile(sorted, p) - percentile(directSorted, p), 3),
      target: p === 50 ? '<= 1 ms' : '<= 5 ms',
    }));
  });
}

interface HttpVariant {
  name: string;
  nodeArgs: string[];
  era: Era;
  tool: { name: string; arguments: Record<string, unknown> };
}

function httpVariants(): HttpVariant[] {
  const minimal = { nodeArgs: [fixture('minimal-http-server.mjs')], tool: { name: 'echo', arguments: { text: 'x' } } };
  const status = { name: 'get_status', arguments: {} };
  return [
    { name: MINIMAL, era: '2026', ...minimal },
    { name: MINIMAL, era: '2025', ...minimal },
    ...builds().flatMap(([label, cli]): HttpVariant[] =>
      (cli === CLI ? (['2026', '2025'] as Era[]) : (['2025'] as Era[])).map((era) => ({
        name: label,
        era,
        nodeArgs: [cli, '--http', '--port', '0'],
        tool: status,
      })),
    ),
  ];
}

interface HttpRun {
  rate1k: number;
  rate9k: number;
  /** Mean RSS over calls 500 to 1,000 and 9,000 to 10,000. */
  mean1k: number;
  mean10k: number;
  peak1k: number;
  peak10k: number;
  heap1k: number;
  heap10k: number;
  heap20k: number;
}

/** One server process under 32 concurrent clients: 1,000 calls, then 9,000 more, then 10,000 more for the heap. */
async function httpRun(variant: HttpVariant, kibana: RecordingKibana): Promise<HttpRun> {
  const dir = mkdtempSync(join(tmpdir(), 'kibana-mcp-heap-'));
  const probeFile = join(dir, 'heap.txt');
  const server = await startHttpProcess(['--expose-gc', '--import', HEAP_PROBE, ...variant.nodeArgs], {
    KIBANA_URL: kibana.url,
    KIBANA_API_KEY: 'k',
    HEAP_PROBE_FILE: probeFile,
  });
  const pid = server.child.pid!;
  const clients = await Promise.all(
    Array.from({ length: 32 }, async () => {
      const client = clientFor(variant.era);
      await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
      return client;
    }),
  );
  let done = 0;
  const runTo = async (total: number): Promise<number> => {
    const started = performance.now();
    const before = done;
    await Promise.all(
      clients.map(async (client) => {
        while (done < total) {
          done += 1;
          await client.callTool(variant.tool);
        }
      }),
    );
    return ((done - before) / (performance.now() - started)) * 1000;
  };
  const heapNow = async (): Promise<number> => {
    const lines = () => (readFileSync(probeFile, { encoding: 'utf8', flag: 'a+' }).trim() || '').split('\n').filter(Boolean);
    const count = lines().length;
    process.kill(pid, 'SIGUSR2');
    for (let waited = 0; lines().length === count && waited < 5_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    return Number(lines().at(-1)!.split(' ')[1]);
  };
  // RSS as the calls go, sampled every 20 ms: a reading at one call lands anywhere on the collector's sawtooth.
  const samples: Array<{ calls: number; rss: number }> = [];
  const sampler = setInterval(() => samples.push({ calls: done, rss: residentBytes(pid) }), 20);
  const meanRss = (from: number, to: number) => {
    // Below `to`: at it, the last calls are finishing and then the heap probe collects.
    const inWindow = samples.filter(({ calls }) => calls > from && calls < to);
    return inWindow.reduce((sum, { rss }) => sum + rss, 0) / inWindow.length;
  };
  const rate1k = await runTo(1_000);
  const peak1k = residentBytes(pid, 'VmHWM');
  const heap1k = await heapNow();
  const rate9k = await runTo(10_000);
  const peak10k = residentBytes(pid, 'VmHWM');
  const heap10k = await heapNow();
  await runTo(20_000);
  clearInterval(sampler);
  const heap20k = await heapNow();
  await Promise.all(clients.map((client) => client.close()));
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  return {
    rate1k,
    rate9k,
    mean1k: meanRss(500, 1_000),
    mean10k: meanRss(9_000, 10_000),
    peak1k,
    peak10k,
    heap1k,
    heap10k,
    heap20k,
  };
}

async function benchHttp(kibana: RecordingKibana): Promise<Rows> {
  const variants = httpVariants();
  const runs = variants.map(() => [] as HttpRun[]);
  for (let index = 0; index < HTTP_ROUNDS; index += 1) {
    for (const [at, variant] of variants.entries()) runs[at]!.push(await httpRun(variant, kibana));
  }
  // The mean over a window of calls averages the collector's sawtooth out; the high-water mark
  // (VmHWM) is its top so far.
  const growth = (run: HttpRun) => (run.mean10k - run.mean1k) / run.mean1k;
  const peakGrowth = (run: HttpRun) => (run.peak10k - run.peak1k) / run.peak1k;
  const medianOf = (at: number, measure: (run: HttpRun) => number) => median(runs[at]!.map(measure));
  return variants.map((variant, at) => {
    const floorAt = variants.findIndex((other) => other.name === MINIMAL && other.era === variant.era);
    const ownGrowth = medianOf(at, growth);
    const floorGrowth = medianOf(floorAt, growth);
    const ownPeakGrowth = medianOf(at, peakGrowth);
    const floorPeakGrowth = medianOf(floorAt, peakGrowth);
    return {
      server: variant.name,
      era: variant.era,
      'calls/s first 1k': round(
        medianOf(at, (run) => run.rate1k),
        0,
      ),
      'calls/s next 9k': round(
        medianOf(at, (run) => run.rate9k),
        0,
      ),
      'mean RSS 1k / 10k MB': `${megabytes(medianOf(at, (run) => run.mean1k))} / ${megabytes(medianOf(at, (run) => run.mean10k))}`,
      'RSS growth %': round(ownGrowth * 100, 1),
      'growth x minimal': at === floorAt ? '' : round(ownGrowth / floorGrowth),
      'peak RSS 1k / 10k MB': `${megabytes(medianOf(at, (run) => run.peak1k))} / ${megabytes(medianOf(at, (run) => run.peak10k))}`,
      'peak growth %': round(ownPeakGrowth * 100, 1),
      'peak growth x minimal': at === floorAt ? '' : round(ownPeakGrowth / floorPeakGrowth),
      'heap after GC 1k/10k/20k MB': [1, 10, 20]
        .map((k) => megabytes(medianOf(at, (run) => (k === 1 ? run.heap1k : k === 10 ? run.heap10k : run.heap20k))))
        .join(' / '),
    };
  });
}

export async function benchServer(): Promise<Array<{ name: string; rows: Rows }>> {
  const answer = { body: { version: { number: '8.18.2' }, status: { overall: { level: 'available' } } } };
  const kibana = await startRecordingKibana(() => answer);
  kibana.handle(() => {
    kibana.requests.length = 0; // keep the stub's own memory flat
    return answer;
  });
  const only = process.env.KIBANA_MCP_BENCH_ONLY?.split(',');
  const scratch = mkdtempSync(join(tmpdir(), 'kibana-mcp-bench-floors-'));
  let made: Promise<StartFloors> | undefined;
  const floors = () =>
    (made ??= Promise.all([writeLongestList(kibana, scratch), bundleMinimalServer(scratch)]).then(([longestList, bundledMinimal]) => ({
      longestList,
      bundledMinimal,
    })));
  const tables: Array<[string, string, () => Promise<Rows>]> = [
    [
      'start',
      'Cold start over stdio (spawn → initialize or server/discover → tools/list), RSS after it; medians of interleaved rounds',
      async () => benchColdStart(kibana, await floors()),
    ],
    [
      'start-bare',
      'Cold start over stdio with a bare JSON-RPC peer (spawn → initialize → the tools/list answer, 2025 era): the server alone; medians of interleaved rounds',
      async () => benchBareColdStart(kibana, await floors()),
    ],
    ['modules', 'Modules loaded by the first tools/list answer over stdio (2025 era)', async () => benchModules(kibana, await floors())],
    [
      'latency',
      'Added latency of tools/call over stdio against KibanaClient.request, 2,000 calls each in interleaved blocks',
      () => benchAddedLatency(kibana),
    ],
    [
      'http',
      `Streamable HTTP, 32 concurrent clients, one server process per run, medians of ${HTTP_ROUNDS} interleaved runs; RSS as its mean over calls 500-1,000 and 9,000-10,000 (growth target: <= 10 %, or <= 1.1x the minimal server's)`,
      () => benchHttp(kibana),
    ],
  ];
  try {
    const results: Array<{ name: string; rows: Rows }> = [];
    for (const [id, name, run] of tables) if (!only || only.includes(id)) results.push({ name, rows: await run() });
    return results;
  } finally {
    await kibana.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const table of await benchServer()) {
    console.log(`\n${table.name}`);
    console.table(table.rows);
  }
}
