// KibanaClient.request against a bare undici `request` loop, same server, same run.
// Run alone: node --import tsx bench/client.ts

import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Agent, request } from 'undici';
import { KibanaClient } from '../src/client/index.js';

const WARMUP = 2_000;
const REQUESTS = 10_000;
const ROUNDS = 5;
const CONCURRENCIES = [1, 32];
const API_KEY = 'YmVuY2g6YmVuY2g=';

// The server lives in a worker thread so that its cost is not billed to the client under test.
const SERVER_SOURCE = `
const { createServer } = require('node:http');
const { parentPort } = require('node:worker_threads');
const body = JSON.stringify({ name: 'kibana', version: { number: '8.18.0' }, status: { overall: { level: 'available' } } });
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => server.close(() => process.exit(0)));
`;

async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const worker = new Worker(SERVER_SOURCE, { eval: true });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      worker.postMessage('stop');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

/** Requests per second of `n` calls of `fn`, `concurrency` at a time. */
async function measure(n: number, concurrency: number, fn: () => Promise<unknown>): Promise<number> {
  let next = 0;
  const lane = async () => {
    while (next++ < n) await fn();
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  return n / ((performance.now() - started) / 1000);
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;

export async function benchClient(): Promise<{ name: string; rows: Array<Record<string, string | number>> }> {
  const server = await startServer();
  const agent = new Agent();
  const client = new KibanaClient({
    baseUrl: server.url,
    auth: { kind: 'apiKey', apiKey: API_KEY },
    connectTimeoutMs: 5_000,
    timeoutMs: 30_000,
    retries: 2,
    userAgent: 'kibana-mcp-bench',
  });
  const bare = async () => {
    const { body } = await request(`${server.url}/api/status`, {
      dispatcher: agent,
      headers: { authorization: `ApiKey ${API_KEY}`, accept: 'application/json', 'user-agent': 'bare-undici' },
    });
    return body.json();
  };
  // The leanest undici call (no URL parsing), which the client itself uses: the stricter baseline.
  const origin = server.url;
  const bareDispatch = async () => {
    const { body } = await agent.request({
      origin,
      path: '/api/status',
      method: 'GET',
      headers: { authorization: `ApiKey ${API_KEY}`, accept: 'application/json', 'user-agent': 'bare-undici' },
    });
    return body.json();
  };
  const viaClient = () => client.request({ method: 'GET', path: '/api/status' });

  const rows: Array<Record<string, string | number>> = [];
  try {
    for (const concurrency of CONCURRENCIES) {
      const contenders = { bare, bareDispatch, viaClient };
      const best = { bare: 0, bareDispatch: 0, viaClient: 0 };
      for (const fn of Object.values(contenders)) await measure(WARMUP, concurrency, fn);
      // Interleave rounds and keep each side's best: the machine's noise hits all alike.
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, fn] of Object.entries(contenders)) {
          const key = name as keyof typeof best;
          best[key] = Math.max(best[key], await measure(REQUESTS, concurrency, fn));
        }
      }
      rows.push({
        concurrency,
        requests: REQUESTS,
        'undici request(url) req/s': Math.round(best.bare),
        'undici agent.request req/s': Math.round(best.bareDispatch),
        'KibanaClient req/s': Math.round(best.viaClient),
        'vs request(url)': percent(best.viaClient / best.bare),
        'vs agent.request': percent(best.viaClient / best.bareDispatch),
      });
    }
  } finally {
    await client.close();
    await agent.close();
    await server.stop();
  }
  return { name: 'client: KibanaClient.request vs bare undici request (GET, small JSON, keep-alive)', rows };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchClient();
  console.log(result.name);
  console.table(result.rows);
}
