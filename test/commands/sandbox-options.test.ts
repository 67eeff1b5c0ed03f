// The sandbox's own options (issue 13 §4, 14 §3): its version, its port, loopback unless told, and
// a port or address it cannot take as one line with exit 2 (a usage error), never a stack trace.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectKibana } from '../../src/commands/kibana-connection.js';
import { main } from '../../src/commands/main.js';
import { runSandbox, sandboxCommandOptions } from '../../src/commands/sandbox.js';
import { toolsAtStart } from '../../src/commands/tools-at-start.js';
import { ConfigError, readOptions } from '../../src/config/read-options.js';
import { silentLogger } from '../../src/logger.js';
import { UsageError } from '../../src/usage-error.js';

let busy: Server;
let busyPort: number;
beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

const failureOf = (work: Promise<unknown>) =>
  work.then(
    () => new Error('expected a usage error'),
    (error: unknown) => error as Error,
  );

describe('kibana-mcp --demo', () => {
  it('--demo-version: the sandbox simulates it, and the server serves that version’s tools without a probe', async () => {
    const options = readOptions(['--demo', '--demo-version', '9.4.0'], {});
    const connection = await connectKibana(options, silentLogger);
    try {
      const status = await fetch(`${connection.config.url}/api/status`, {
        headers: { authorization: `ApiKey ${connection.config.auth.kind === 'apiKey' ? connection.config.auth.apiKey : ''}` },
      });
      expect(((await status.json()) as { version: { number: string } }).version.number).toBe('9.4.0');
      expect((await toolsAtStart(options, connection, false, silentLogger)).kibanaVersion.known).toBe('9.4.0');
    } finally {
      await connection.stop();
    }
  });

  it('--demo-port that is taken: one line naming the flag', async () => {
    const failure = await failureOf(connectKibana(readOptions(['--demo', '--demo-port', String(busyPort)], {}), silentLogger));
    expect(failure).toBeInstanceOf(ConfigError);
    expect(failure.message).toBe(`--demo-port: cannot listen on 127.0.0.1:${busyPort} (EADDRINUSE)`);
  });

  it('--kibana-version with --demo is refused: the demo’s version is --demo-version', async () => {
    const failure = await failureOf(connectKibana(readOptions(['--demo', '--kibana-version', '9.3.0'], {}), silentLogger));
    expect(failure.message).toBe("--kibana-version and --demo: the demo's Kibana version is --demo-version (KIBANA_MCP_DEMO_VERSION)");
  });
});

describe('kibana-mcp sandbox', () => {
  it('takes its own port and version, not the MCP server’s port', () => {
    const options = sandboxCommandOptions(readOptions(['--demo-version', '9.3.0'], { MCP_HTTP_PORT: '4000' }), () => {});
    expect(options).toMatchObject({ port: 5680, host: '127.0.0.1', version: '9.3.0', allowRemote: false });
    expect(sandboxCommandOptions(readOptions([], { KIBANA_MCP_SANDBOX_PORT: '0' }), () => {}).port).toBe(0);
  });

  it('--port given to the sandbox is a usage error that names the sandbox’s flag', async () => {
    const failure = await failureOf(main(['sandbox', '--port', '5601'], {}));
    expect(failure).toBeInstanceOf(UsageError);
    expect(failure.message).toBe("--port is the MCP server's HTTP port; the sandbox listens on --sandbox-port (KIBANA_MCP_SANDBOX_PORT)");
  });

  it('--host 0.0.0.0 is refused before anything binds, unless --sandbox-allow-remote', async () => {
    const failure = await failureOf(main(['sandbox', '--host', '0.0.0.0'], {}));
    expect(failure).toBeInstanceOf(UsageError);
    expect(failure.message).toBe(
      '--host: refusing to bind the sandbox to 0.0.0.0, beyond loopback: its credentials are public; bind 127.0.0.1, or add --sandbox-allow-remote to expose it anyway',
    );
    const fromEnv = await failureOf(main(['sandbox'], { MCP_HTTP_HOST: '::' }));
    expect(fromEnv.message).toMatch(/^MCP_HTTP_HOST: refusing to bind the sandbox to ::/);
    expect(sandboxCommandOptions(readOptions(['--host', '0.0.0.0', '--sandbox-allow-remote'], {}), () => {}).allowRemote).toBe(true);
  });

  it('a port that is taken: one line naming the flag or variable', async () => {
    const byFlag = await failureOf(main(['sandbox', '--sandbox-port', String(busyPort)], {}));
    expect(byFlag).toBeInstanceOf(UsageError);
    expect(byFlag.message).toBe(`--sandbox-port: cannot listen on 127.0.0.1:${busyPort} (EADDRINUSE)`);
    const byEnv = await failureOf(
      runSandbox({ port: busyPort, host: '127.0.0.1', sources: { port: 'KIBANA_MCP_SANDBOX_PORT', host: '--host' } }),
    );
    expect(byEnv.message).toBe(`KIBANA_MCP_SANDBOX_PORT: cannot listen on 127.0.0.1:${busyPort} (EADDRINUSE)`);
  });
});
