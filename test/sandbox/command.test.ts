// `kibana-mcp sandbox` as a user runs it: a real process, stopped with SIGTERM.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT =
  "import('./src/commands/sandbox.ts').then(async (m) => { process.exitCode = await m.runSandbox({ port: 0, host: '127.0.0.1' }); })";

describe('sandbox command', () => {
  it('prints the URL and the environment to use it, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', SCRIPT], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        if (output.includes('KIBANA_API_KEY=')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const url = /KIBANA_URL=(\S+)/.exec(output)![1]!;
    const apiKey = /KIBANA_API_KEY=(\S+)/.exec(output)![1]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const response = await fetch(`${url}/api/status`, { headers: { authorization: `ApiKey ${apiKey}` } });
    expect(response.status).toBe(200);

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
