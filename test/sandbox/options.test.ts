// startSandbox's own options: where it may listen, and which Kibana version it simulates.

import { describe, expect, it } from 'vitest';
import { checkBindHost, isLoopbackHost } from '../../src/sandbox/http/bind.js';
import { startSandbox } from '../../src/sandbox/index.js';

describe('binding', () => {
  it.each(['127.0.0.1', '127.8.9.10', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
    expect(checkBindHost(host, false)).toBeUndefined();
  });

  it.each(['0.0.0.0', '::', '192.168.1.20', 'kibana.example.com', '128.0.0.1'])('%s is refused unless allowed, then warned', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
    expect(() => checkBindHost(host, false)).toThrow(`refusing to bind the sandbox to ${host}`);
    expect(checkBindHost(host, true)).toMatch(new RegExp(`^the sandbox listens on ${host.replace(/\./g, '\\.')}, beyond loopback`));
  });

  it('startSandbox refuses an address beyond loopback before it listens', async () => {
    await expect(startSandbox({ host: '0.0.0.0', seed: false })).rejects.toThrow(/not a loopback address.*allowRemote/);
  });

  it('startSandbox on loopback with allowRemote gives no warning', async () => {
    const warnings: string[] = [];
    const sandbox = await startSandbox({
      host: '127.0.0.1',
      allowRemote: true,
      seed: false,
      onWarning: (message) => warnings.push(message),
    });
    await sandbox.stop();
    expect(warnings).toEqual([]);
  });
});

describe('version', () => {
  it('refuses a version that is not X.Y.Z', async () => {
    await expect(startSandbox({ version: '9.x', seed: false })).rejects.toThrow('sandbox version "9.x": expected X.Y.Z');
  });

  it.each(['8.18.2', '9.3.0', '9.4.0'])('reports %s in /api/status', async (version) => {
    const sandbox = await startSandbox({ version, seed: false });
    try {
      const response = await fetch(`${sandbox.url}/api/status`, { headers: { authorization: `ApiKey ${sandbox.credentials.apiKey}` } });
      expect(((await response.json()) as { version: { number: string } }).version.number).toBe(version);
    } finally {
      await sandbox.stop();
    }
  });

  it('defaults to 8.18.2', async () => {
    const sandbox = await startSandbox({ seed: false });
    await sandbox.stop();
    expect(sandbox.state.version).toBe('8.18.2');
  });
});
