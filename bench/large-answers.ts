// Peak memory under many concurrent large Kibana answers (issue 14): concurrent tool calls through
// the ToolRuntime, each answered with ~31.7 MB of JSON, with the client's byte budget unbounded (as
// before it existed), at its default (two answers at the 32 MiB read limit) and at one answer; 16
// calls as in the issue, and 1 and 32 to show whether the peak follows the number of calls. Each
// run is a fresh child process, as is the stub Kibana, so that nothing else is counted; the peak is
// the kernel's high-water mark of resident memory (VmHWM), not a sample.
// Run alone: node --import tsx bench/large-answers.ts

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const OBJECTS = 60_700;
const SELF = fileURLToPath(import.meta.url);

// Answers /api/saved_objects/_find with a saved-objects page of ~31.7 MB, with a content length
// or, on /s/chunked/…, without one (as streamed exports come).
const KIBANA_SOURCE = `
const { createServer } = require('node:http');
const objects = Array.from({ length: ${OBJECTS} }, (_, i) => ({
  type: 'dashboard', id: 'dashboard-' + i, namespaces: ['default'], updated_at: '2025-01-01T00:00:00.000Z', version: 'WzEsMV0=',
  attributes: { title: 'Dashboard number ' + i, description: 'x'.repeat(180), panelsJSON: '[]', timeRestore: false },
  references: [{ type: 'index-pattern', id: 'logs-' + (i % 50), name: 'kibanaSavedObjectMeta.searchSourceJSON.index' }],
}));
const body = Buffer.from(JSON.stringify({ page: 1, per_page: ${OBJECTS}, total: ${OBJECTS}, saved_objects: objects }));
const server = createServer((req, res) => {
  req.resume();
  const chunked = req.url.startsWith('/s/chunked/');
  res.writeHead(200, { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': body.length }) });
  if (!chunked) return res.end(body);
  for (let at = 0; at < body.length; at += 1 << 20) res.write(body.subarray(at, at + (1 << 20)));
  res.end();
});
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port, bytes: body.length }) + '\\n'));
`;

interface Run {
  peakMb: number;
  baselineMb: number;
  ms: number;
  errors: string[];
}

/** Peak resident memory of this process so far, in MB (Linux). */
function peakRssMb(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : Math.round(process.resourceUsage().maxRSS / 1024);
}

/** In the child: one configuration, measured, printed as JSON. */
async function child(kibanaUrl: string, budget: string, space: string, calls: number): Promise<void> {
  const [{ KibanaClient }, { silentLogger }, { generatedTool }, { ToolRuntime }, { loadToolset }] = await Promise.all([
    import('../src/client/index.js'),
    import('../src/logger.js'),
    import('../src/tools/call.js'),
    import('../src/tools/runtime/runtime.js'),
    import('../src/tools/generated/index.js'),
  ]);
  const { tools } = await loadToolset.saved_objects!();
  const find = tools.find((tool) => tool.name === 'find_saved_objects');
  if (!find) throw new Error('find_saved_objects is not generated');
  const client = new KibanaClient({
    baseUrl: kibanaUrl,
    auth: { kind: 'apiKey', apiKey: 'YmVuY2g6YmVuY2g=' },
    connectTimeoutMs: 10_000,
    timeoutMs: 300_000,
    retries: 0,
    userAgent: 'kibana-mcp-bench',
    ...(budget === 'default' ? {} : { maxBytesInFlight: budget === 'unbounded' ? Number.POSITIVE_INFINITY : Number(budget) }),
  });
  const runtime = new ToolRuntime({
    tools: [generatedTool(find)],
    client,
    defaultSpace: 'default',
    maxResultChars: 20_000,
    confirmation: 'auto',
    logger: silentLogger,
    // The load of the issue, measured for memory: 32 such answers take longer than a call's default deadline.
    callTimeoutMs: 600_000,
  });
  const args = { type: 'dashboard', ...(space === 'default' ? {} : { space_id: space }) };
  // Loads undici and the validator; the answer is a large one too, so the baseline is measured before it.
  const baselineMb = peakRssMb();
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: calls }, () => runtime.call('find_saved_objects', args)));
  const ms = performance.now() - started;
  await runtime.close();
  const errors = results.filter((result) => result.isError).map((result) => result.content[0]?.text.slice(0, 200) ?? '');
  const run: Run = { peakMb: peakRssMb(), baselineMb, ms: Math.round(ms), errors };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

function firstLine(process: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    process.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const end = out.indexOf('\n');
      if (end !== -1) resolve(out.slice(0, end));
    });
    process.once('exit', (code) => reject(new Error(`exited with ${code} before answering: ${out}`)));
  });
}

const MIB = 1024 * 1024;
const BUDGETS: Record<string, string> = {
  unbounded: 'none (as before)',
  default: 'default: 64 MiB (2 answers at the read limit)',
  [String(32 * MIB)]: '32 MiB (1 answer at the read limit)',
};
const RUNS: Array<{ calls: number; budget: string; framing: 'content-length' | 'chunked' }> = [
  { calls: 1, budget: 'default', framing: 'content-length' },
  ...['unbounded', 'default', String(32 * MIB)].map((budget) => ({ calls: 16, budget, framing: 'content-length' as const })),
  { calls: 32, budget: 'unbounded', framing: 'content-length' },
  { calls: 32, budget: 'default', framing: 'content-length' },
  { calls: 16, budget: 'unbounded', framing: 'chunked' },
  { calls: 16, budget: 'default', framing: 'chunked' },
];

export async function benchLargeAnswers(): Promise<{ name: string; rows: Array<Record<string, string | number>> }> {
  const kibana = spawn(process.execPath, ['-e', KIBANA_SOURCE], { stdio: ['ignore', 'pipe', 'inherit'] });
  const rows: Array<Record<string, string | number>> = [];
  try {
    const { port, bytes } = JSON.parse(await firstLine(kibana)) as { port: number; bytes: number };
    const url = `http://127.0.0.1:${port}`;
    for (const { calls, budget, framing } of RUNS) {
      const space = framing === 'chunked' ? 'chunked' : 'default';
      const output = execFileSync(process.execPath, ['--import', 'tsx', SELF, '--child', url, budget, space, String(calls)], {
        encoding: 'utf8',
        maxBuffer: 16 * MIB,
      });
      const run = JSON.parse(output.trim().split('\n').at(-1) as string) as Run;
      rows.push({
        answers: `${calls} × ${(bytes / 1e6).toFixed(1)} MB, ${framing}`,
        'byte budget': BUDGETS[budget] as string,
        'peak RSS MB': run.peakMb,
        'RSS before the calls MB': run.baselineMb,
        'all answered in ms': run.ms,
        errors: run.errors.length === 0 ? 0 : `${run.errors.length}: ${run.errors[0]}`,
      });
    }
  } finally {
    kibana.kill();
  }
  return { name: 'large answers: peak RSS of concurrent tool calls, each answered with ~31.7 MB of JSON', rows };
}

if (process.argv[2] === '--child') {
  await child(process.argv[3] as string, process.argv[4] as string, process.argv[5] as string, Number(process.argv[6]));
} else if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchLargeAnswers();
  console.log(result.name);
  console.table(result.rows);
}
