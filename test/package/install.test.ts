// Installing the package gives a working `kibana-mcp`. npm installs a git dependency by cloning it,
// running its `prepare` script (the build), packing it and installing the tarball. The first two
// steps are what every fresh clone does on `npm ci` (CI runs on one), and `npm test` builds before
// it tests; this test takes the last two on the built checkout: the packed files, and an offline
// install of the tarball that runs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'kibana-mcp-install-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_loglevel: 'error' },
  });

describe('install from the packed tarball', () => {
  it('packs the built command and nothing of the sources, and installs a kibana-mcp that runs', { timeout: 120_000 }, () => {
    expect(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js: run npm run build first').toBe(true);
    const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT)) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const files = packed[0]!.files.map((file) => file.path);
    expect(files).toEqual(expect.arrayContaining(['dist/cli.js', 'LICENSE', 'server.json', 'package.json']));
    expect(files.some((file) => file.startsWith('src/') || file.startsWith('test/'))).toBe(false);

    const app = join(work, 'app');
    run('mkdir', ['-p', app], work);
    writeFileSync(join(app, 'package.json'), '{"name":"app","version":"1.0.0","private":true}\n');
    // Offline: the runtime dependencies are in npm's cache since this checkout was installed.
    run('npm', ['install', '--offline', '--omit=dev', '--no-audit', '--no-fund', join(work, packed[0]!.filename)], app);
    const bin = join(app, 'node_modules', '.bin', 'kibana-mcp');
    expect(run(bin, ['--version'], app).trim()).toBe(
      (JSON.parse(run('cat', [join(ROOT, 'package.json')], app)) as { version: string }).version,
    );
    expect(run(bin, ['list-tools', '--toolsets', 'platform'], app)).toContain('get_status');
  });
});
