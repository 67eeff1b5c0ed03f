// Benchmark: openapi:extract over the upstream specs openapi/specs.yaml names, then generate, each in
// a child process so wall time and peak memory (maxRSS) are those of a real CLI run. Both run in a
// scratch directory holding copies of the selection and the spec list, so the checkout is not written.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DASHBOARD_SCHEMAS_FILE } from '../src/generator/emit-dashboard-schemas.js';
import { PATHS } from '../src/generator/paths.js';

const ROOT = resolve(import.meta.dirname, '..');
const SPECS_DIR = resolve(ROOT, PATHS.specsDir);
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Row {
  step: string;
  wallMs: number;
  peakRssMb: number;
}

function timed(step: string, script: string, args: string[], cwd: string): Row {
  const wrapper = `import { performance } from 'node:perf_hooks';
const start = performance.now();
process.argv.splice(1, Infinity, ${JSON.stringify(script)}, ...${JSON.stringify(args)});
await import(${JSON.stringify(pathToFileURL(join(ROOT, script)).href)});
process.on('exit', (code) => process.stderr.write('BENCH ' + JSON.stringify({ code, wallMs: performance.now() - start, maxRss: process.resourceUsage().maxRSS }) + '\\n'));`;
  const result = spawnSync(process.execPath, ['--import', TSX, '--input-type=module', '-e', wrapper], { cwd, encoding: 'utf8' });
  const line = result.stderr.split('\n').find((l) => l.startsWith('BENCH '));
  const measured = line ? (JSON.parse(line.slice(6)) as { code: number; wallMs: number; maxRss: number }) : undefined;
  if (!measured || measured.code !== 0) throw new Error(`${step} failed: ${result.stderr.slice(-2000)}`);
  const { wallMs, maxRss } = measured;
  return { step, wallMs: Math.round(wallMs), peakRssMb: Math.round(maxRss / 1024) };
}

export async function benchGenerator(): Promise<{ name: string; rows: Row[] }> {
  if (!existsSync(SPECS_DIR)) return { name: `generator (skipped: no ${PATHS.specsDir})`, rows: [] };
  const dir = mkdtempSync(join(tmpdir(), 'kibana-mcp-bench-'));
  for (const file of [PATHS.specs, PATHS.toolsets]) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    copyFileSync(join(ROOT, file), join(dir, file));
  }
  mkdirSync(join(dir, DASHBOARD_SCHEMAS_FILE, '..'), { recursive: true });
  let rows: Row[];
  try {
    rows = [
      timed('openapi:extract (facts and catalogue of every spec)', 'src/generator/extract-cli.ts', ['--specs', SPECS_DIR], dir),
      timed('generate', 'src/generator/generate-cli.ts', [], dir),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  rows.push({ step: 'total', wallMs: rows.reduce((s, r) => s + r.wallMs, 0), peakRssMb: Math.max(...rows.map((r) => r.peakRssMb)) });
  return { name: 'generator (wall time measured in-process from first import, tsx transform excluded)', rows };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { name, rows } = await benchGenerator();
  process.stdout.write(`${name}\n`);
  console.table(rows);
}
