import { createServer as createHttpsServer } from 'node:https';
import type { Server } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS } from '../../src/config/options.js';
import { createTestPki, type TestPki } from '../support/certificates.js';
import { PACKAGE_VERSION } from '../../src/version.js';
import { kibanaError, startRecordingKibana, type RecordingKibana } from './support/recording-kibana.js';
import { runCli } from './support/mcp-peers.js';

const STATUS = { name: 'kb', version: { number: '8.18.2' }, status: { overall: { level: 'available' } } };
let kibana: RecordingKibana;

beforeAll(async () => {
  kibana = await startRecordingKibana(() => ({ body: STATUS }));
});
afterAll(() => kibana.stop());

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('kibana-mcp --help and --version', () => {
  it('--help names every command, flag and environment variable', async () => {
    const { code, stdout } = await runCli(['--help'], {});
    expect(code).toBe(0);
    for (const command of ['serve', 'list-tools', 'check']) expect(stdout).toContain(`  ${command}`);
    for (const option of OPTIONS) {
      expect(stdout).toContain(`--${option.flag}`);
      expect(stdout).toContain(option.env);
    }
  });

  it('--version prints the package version', async () => {
    const { code, stdout } = await runCli(['--version'], {});
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(PACKAGE_VERSION);
  });
});

describe('invalid configuration stops before any MCP traffic', () => {
  const cases: Array<[string[], Record<string, string>, RegExp]> = [
    [[], {}, /^kibana-mcp: KIBANA_URL \(or --kibana-url\) is required/],
    [[], { KIBANA_URL: 'http://127.0.0.1:1' }, /^kibana-mcp: no Kibana credentials/],
    [['--timeout', 'x'], { KIBANA_URL: 'http://127.0.0.1:1', KIBANA_API_KEY: 'k' }, /^kibana-mcp: --timeout: expected a whole number/],
    [
      ['--tier', 'admin'],
      { KIBANA_URL: 'http://127.0.0.1:1', KIBANA_API_KEY: 'k' },
      /^kibana-mcp: --tier: expected one of read, write, destructive/,
    ],
    [['--toolsets', 'nope'], { KIBANA_URL: 'http://127.0.0.1:1', KIBANA_API_KEY: 'k' }, /^kibana-mcp: --toolsets: unknown toolset "nope"/],
    [['frobnicate'], {}, /^kibana-mcp: unknown command "frobnicate"/],
    [
      ['--http', '--host', '0.0.0.0'],
      { KIBANA_URL: 'http://127.0.0.1:1', KIBANA_API_KEY: 'k' },
      /^kibana-mcp: --host: refusing to serve 0.0.0.0 without caller authentication/,
    ],
    [
      ['--http', '--passthrough-auth'],
      { KIBANA_URL: 'http://127.0.0.1:1', KIBANA_API_KEY: 'k' },
      /^kibana-mcp: KIBANA_API_KEY: passthrough auth forwards/,
    ],
    [
      ['--http', '--passthrough-auth', '--http-token', 't'],
      { KIBANA_URL: 'http://127.0.0.1:1' },
      /^kibana-mcp: --http-token and --passthrough-auth: choose one/,
    ],
  ];
  for (const [args, env, expected] of cases) {
    it(`${args.join(' ') || '(no flags)'} ${Object.keys(env).join(',')}`, async () => {
      const { code, stdout, stderr } = await runCli(args, env);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(expected);
    });
  }
});

describe('start-up failures with --demo', () => {
  it('stop the sandbox and exit 2 instead of hanging', async () => {
    const badSpace = await runCli(['--demo', '--space', 'BAD SPACE'], {});
    expect(badSpace.code).toBe(2);
    expect(badSpace.stderr).toMatch(/^kibana-mcp: --space: expected a space id/m);
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    const taken = await runCli(['--demo', '--http', '--port', String(port)], {});
    busy.close();
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(
      new RegExp(`^kibana-mcp: --port / --host: cannot listen on 127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\)$`, 'm'),
    );
  });
});

describe('kibana-mcp check', () => {
  it('prints the version, status and masked configuration', async () => {
    kibana.handle(() => ({ body: STATUS }));
    const { code, stdout } = await runCli(['check'], {
      KIBANA_URL: `${kibana.url}/kibana`,
      KIBANA_USERNAME: 'elastic',
      KIBANA_PASSWORD: 'changeme-secret',
    });
    expect(code).toBe(0);
    expect(stdout).toContain(`Kibana 8.18.2 at ${kibana.url}/kibana: status available`);
    expect(stdout).toMatch(/auth\s+basic, user elastic, password \*\*\*\*/);
    expect(stdout).not.toContain('changeme-secret');
    const last = kibana.requests.at(-1)!;
    expect(last.path).toBe('/kibana/api/status');
    expect(last.headers.authorization).toBe(`Basic ${Buffer.from('elastic:changeme-secret').toString('base64')}`);
  });

  it('--demo checks the built-in sandbox', async () => {
    const { code, stdout } = await runCli(['check', '--demo'], {});
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Kibana 8\.18\.\d+ at http:\/\/127\.0\.0\.1:\d+: status available/);
  });

  it('says 401 in one line and exits 1', async () => {
    kibana.handle(() => kibanaError(401, 'Unauthorized', 'missing authentication credentials'));
    const { code, stdout } = await runCli(['check'], { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'secret-key-value' });
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout).toMatch(/^check failed: .*401.*Kibana rejected the credentials/);
    expect(stdout).not.toContain('secret-key-value');
  });

  it('says 403 in one line and exits 1', async () => {
    kibana.handle(() => kibanaError(403, 'Forbidden', 'no privileges'));
    const { code, stdout } = await runCli(['check'], { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^check failed: .*403.*may not read \/api\/status/);
  });

  it('says connection refused for a closed port', async () => {
    const port = await closedPort();
    const { code, stdout } = await runCli(['check'], { KIBANA_URL: `http://127.0.0.1:${port}`, KIBANA_API_KEY: 'k', KIBANA_RETRIES: '0' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^check failed: .*(refused|ECONNREFUSED).*not reachable/);
  });

  it('says it cannot resolve a host name', async () => {
    const { code, stdout } = await runCli(['check'], {
      KIBANA_URL: 'http://kibana.invalid:5601',
      KIBANA_API_KEY: 'k',
      KIBANA_RETRIES: '0',
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^check failed: .*(resolve|ENOTFOUND|EAI_AGAIN)/);
  });

  it('says timeout when Kibana does not answer in time', async () => {
    kibana.handle(() => ({ body: STATUS, delayMs: 3_000 }));
    const { code, stdout } = await runCli(['check', '--timeout', '300', '--retries', '0'], { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^check failed: .*did not answer in time/);
  });
});

describe('kibana-mcp check over TLS', () => {
  let pki: TestPki;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    pki = createTestPki();
    server = createHttpsServer(pki.issue('kibana', 'IP:127.0.0.1'), (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(STATUS));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    pki.remove();
  });

  it('says the TLS handshake failed and names KIBANA_CA_CERT when the CA is unknown', async () => {
    const { code, stdout } = await runCli(['check'], { KIBANA_URL: url, KIBANA_API_KEY: 'k' });
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout).toMatch(/^check failed: .*unknown CA.*set KIBANA_CA_CERT/);
  });

  it('succeeds with the CA from KIBANA_CA_CERT', async () => {
    const { code, stdout } = await runCli(['check'], { KIBANA_URL: url, KIBANA_API_KEY: 'k', KIBANA_CA_CERT: pki.caFile });
    expect(code, stdout).toBe(0);
    expect(stdout).toMatch(new RegExp(`ca-cert\\s+${pki.caFile}`));
  });

  it('succeeds with KIBANA_TLS_INSECURE=true, with a warning on stderr', async () => {
    const { code, stderr } = await runCli(['check'], { KIBANA_URL: url, KIBANA_API_KEY: 'k', KIBANA_TLS_INSECURE: 'true' });
    expect(code).toBe(0);
    expect(stderr).toMatch(/TLS certificate verification is off/);
  });
});

describe('kibana-mcp list-tools', () => {
  it('prints what a configuration exposes, with tier and tokens', async () => {
    const { code, stdout } = await runCli(
      ['list-tools', '--toolsets', 'platform,cases', '--tier', 'read', '--exclude', 'get_task_manager_health'],
      {},
    );
    expect(code).toBe(0);
    const rows = stdout.split('\n').filter((line) => /^[a-z_]+\s+(platform|cases)\s+/.test(line));
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((line) => /\sread\s+\d+$/.test(line))).toBe(true);
    expect(stdout).toMatch(/^get_status\s+platform\s+read\s+\d+$/m);
    expect(stdout).not.toContain('get_task_manager_health');
    expect(stdout).toMatch(
      new RegExp(`^${rows.length} tools, \\d+ tokens of tool definitions \\(o200k_base, counted when the tools were generated\\)\\.$`, 'm'),
    );
  });
});

describe('kibana-mcp demo', () => {
  it('runs the guided tour against the built-in sandbox and exits 0', async () => {
    const { code, stdout } = await runCli(['demo'], {}, 60_000);
    expect(code, stdout).toBe(0);
    expect(stdout).toMatch(/✓ Kibana 8\.18\.\d+, overall status available/);
    expect(stdout).toMatch(/✓ space "tour" \(Guided tour\) created/);
    expect(stdout).toMatch(/✓ 1 case\(s\) tagged "tour"/);
    expect(stdout).toMatch(/✓ 1 object\(s\): index-pattern "logs-tour-\*"; summary: exported 1, missing references 0/);
    expect(stdout).toMatch(/! Hint: Check the id and the space/);
    expect(stdout).toMatch(/! Space "no-such-space" does not exist/);
    expect(stdout).not.toContain('✗');
  }, 90_000);
});
