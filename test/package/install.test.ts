// Installing from a git URL or a tarball gives a working `kibana-mcp`. npm installs a git
// dependency by cloning it, running its `prepare` script, packing it and installing the tarball;
// this test takes the same steps one by one (a full `npm install git+file://…` also installs every
// dev dependency, minutes of work, to run the same `prepare`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

describe('install from a git clone', () => {
  it('builds on prepare, packs the command, and installs a kibana-mcp that runs', { timeout: 300_000 }, () => {
    const clone = join(work, 'clone');
    run('git', ['clone', '--quiet', '--depth', '1', `file://${ROOT}`, clone], work);
    // The clone's dev dependencies are this checkout's: same lock file, no second install.
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
    run('npm', ['run', 'prepare'], clone);
    const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], clone)) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const files = packed[0]!.files.map((file) => file.path);
    expect(files).toEqual(expect.arrayContaining(['dist/cli.js', 'LICENSE', 'server.json', 'package.json']));
    expect(files.some((file) => file.startsWith('src/') || file.startsWith('test/'))).toBe(false);

    const app = join(work, 'app');
    run('mkdir', ['-p', app], work);
    writeFileSync(join(app, 'package.json'), '{"name":"app","version":"1.0.0","private":true}\n');
    // The runtime dependencies' tarballs are in npm's cache since this checkout was installed; what
    // the lock file spared `npm ci` (the packages' metadata) may still have to come from the registry.
    run('npm', ['install', '--prefer-offline', '--omit=dev', '--no-audit', '--no-fund', join(work, packed[0]!.filename)], app);
    const bin = join(app, 'node_modules', '.bin', 'kibana-mcp');
    expect(run(bin, ['--version'], app).trim()).toBe(
      (JSON.parse(run('cat', [join(ROOT, 'package.json')], app)) as { version: string }).version,
    );
    expect(run(bin, ['list-tools', '--toolsets', 'platform'], app)).toContain('get_status');
  });
});
