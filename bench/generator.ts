// Benchmark: extract --all over the full upstream 8.18 spec, then generate the selected tools, each in
// a child process so wall time and peak memory (maxRSS) are those of a real CLI run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const SPEC = resolve(ROOT, '../shared/openapi/kibana-8.18.yaml');

interface Row {
  step: string;
  wallMs: number;
  peakRssMb: number;
}

function timed(step: string, script: string, args: string[]): Row {
  const wrapper = `import { performance } from 'node:perf_hooks';
const start = performance.now();
process.argv.splice(1, Infinity, ${JSON.stringify(script)}, ...${JSON.stringify(args)});
await import(${JSON.stringify(pathToFileURL(join(ROOT, script)).href)});
process.on('exit', (code) => process.stderr.write('BENCH ' + JSON.stringify({ code, wallMs: performance.now() - start, maxRss: process.resourceUsage().maxRSS }) + '\\n'));`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', wrapper], { cwd: ROOT, encoding: 'utf8' });
  const line = result.stderr.split('\n').find((l) => l.startsWith('BENCH '));
  const measured = line ? (JSON.parse(line.slice(6)) as { code: number; wallMs: number; maxRss: number }) : undefined;
  if (!measured || measured.code !== 0) throw new Error(`${step} failed: ${result.stderr.slice(-2000)}`);
  const { wallMs, maxRss } = measured;
  return { step, wallMs: Math.round(wallMs), peakRssMb: Math.round(maxRss / 1024) };
}

export async function benchGenerator(): Promise<{ name: string; rows: Row[] }> {
  if (!existsSync(SPEC)) return { name: 'generator (skipped: no ../shared/openapi/kibana-8.18.yaml)', rows: [] };
  const dir = mkdtempSync(join(tmpdir(), 'kibana-mcp-bench-'));
  const rows = [
    timed('extract --all (340 operations)', 'src/generator/extract-cli.ts', [SPEC, '--all', '--out', join(dir, 'all.yaml')]),
    timed('generate', 'src/generator/generate-cli.ts', ['--out', join(dir, 'generated')]),
  ];
  rows.push({ step: 'total', wallMs: rows.reduce((s, r) => s + r.wallMs, 0), peakRssMb: Math.max(...rows.map((r) => r.peakRssMb)) });
  return { name: 'generator (wall time measured in-process from first import, tsx transform excluded)', rows };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { name, rows } = await benchGenerator();
  process.stdout.write(`${name}\n`);
  console.table(rows);
}
