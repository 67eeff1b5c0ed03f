// Cold start to the first tools/list over stdio with the start-up version probe (issue 10 §2): against
// a reachable sandbox, a loopback port that refuses, one that accepts and never answers (bounded by the
// connect timeout), and with --kibana-version (no probe), beside the floor and one local round trip.
import { request } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { CLI } from '../harness/mcp-peers.js';
import { startSandbox } from '../src/sandbox/index.js';
import { coldStart, MINIMAL_SERVER, median, round } from './server.js';

type Rows = Array<Record<string, string | number>>;

const HANG_CONNECT_TIMEOUT_MS = 1_000;

interface Case {
  name: string;
  args: string[];
  env: Record<string, string>;
}

export async function benchVersions(): Promise<Array<{ name: string; rows: Rows }>> {
  const rounds = Number(process.env.KIBANA_MCP_BENCH_ROUNDS ?? 10);
  const sandbox = await startSandbox({ recordRequests: false });
  const refusing = await freePort();
  const silent = await silentServer();
  const key = sandbox.credentials.apiKey;
  const cases: Case[] = [
    { name: 'minimal one-tool SDK server (floor)', args: [MINIMAL_SERVER], env: {} },
    {
      name: '--kibana-version 8.18.2 (no probe)',
      args: [CLI, '--kibana-version', '8.18.2'],
      env: { KIBANA_URL: sandbox.url, KIBANA_API_KEY: key },
    },
    { name: 'reachable sandbox (probe answered)', args: [CLI], env: { KIBANA_URL: sandbox.url, KIBANA_API_KEY: key } },
    { name: 'loopback port that refuses', args: [CLI], env: { KIBANA_URL: `http://127.0.0.1:${refusing}`, KIBANA_API_KEY: key } },
    {
      name: `loopback port that never answers (--connect-timeout ${HANG_CONNECT_TIMEOUT_MS})`,
      args: [CLI, '--connect-timeout', String(HANG_CONNECT_TIMEOUT_MS)],
      env: { KIBANA_URL: `http://127.0.0.1:${silent.port}`, KIBANA_API_KEY: key },
    },
  ];
  try {
    for (const each of cases) await coldStart(each); // warm the file cache for all
    const samples = cases.map(() => [] as number[]);
    // Interleaved rounds, so that a change in machine load hits every case alike.
    for (let round = 0; round < rounds; round += 1) {
      for (const [index, each] of cases.entries()) samples[index]!.push((await coldStart(each)).ms);
    }
    const medians = samples.map(median);
    const fixed = medians[1]!;
    const roundTrip = await localRoundTrip(sandbox.url, key);
    const rows: Rows = cases.map((each, index) => ({
      case: each.name,
      'median ms': round(medians[index]!, 1),
      'x floor': round(medians[index]! / medians[0]!),
      'vs --kibana-version ms': index < 2 ? '' : round(medians[index]! - fixed, 1),
    }));
    rows.push({
      case: 'one local HTTP round trip (fresh connection, GET /api/status)',
      'median ms': round(roundTrip, 2),
      'x floor': '',
      'vs --kibana-version ms': '',
    });
    return [
      {
        name: `Cold start to tools/list with the version probe (median of ${rounds}; target: the probe adds at most one local round trip)`,
        rows,
      },
    ];
  } finally {
    await silent.close();
    await sandbox.stop();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts connections, reads what comes, never answers. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket.resume());
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Median of 50 GET /api/status on fresh connections, as the probe sends it. */
async function localRoundTrip(url: string, apiKey: string): Promise<number> {
  const { hostname, port } = new URL(url);
  const times: number[] = [];
  for (let i = 0; i < 50; i += 1) {
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const sent = request(
        { hostname, port, path: '/api/status', agent: false, headers: { authorization: `ApiKey ${apiKey}` } },
        (response) => {
          response.resume().on('end', resolve);
        },
      );
      sent.on('error', reject).end();
    });
    times.push(performance.now() - started);
  }
  return median(times);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const table of await benchVersions()) {
    console.log(`\n${table.name}`);
    console.table(table.rows);
  }
}
