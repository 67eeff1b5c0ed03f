// `npm run build`: src/ → dist/, each file compiled on its own with its types stripped. Type checking is
// `npm run typecheck` (tsc over src, tests, benches and scripts at once), so nothing is checked twice.
import { chmodSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;

rmSync(dist, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src/**/*.ts'],
  outdir: dist,
  outbase: 'src',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
chmodSync(`${dist}/cli.js`, 0o755);
