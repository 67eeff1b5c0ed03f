// The CLI as a process: help, version, exit codes, and start-ups that must end instead of hanging.
// What each command says is tested in-process (test/commands/).
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../harness/mcp-peers.js';
import { kibanaError, startRecordingKibana, type RecordingKibana } from '../../harness/recording-kibana.js';
import { OPTIONS } from '../../src/config/options.js';
import { PACKAGE_VERSION } from '../../src/version.js';

const STATUS = { name: 'kb', version: { number: '8.18.2' }, status: { overall: { level: 'available' } } };
let kibana: RecordingKibana;

beforeAll(async () => {
  kibana = await startRecordingKibana(() => ({ body: STATUS }));
});
afterAll(() => kibana.stop());

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

describe('a usage error', () => {
  it('stops before any MCP traffic: exit code 2, one line on stderr, nothing on stdout', async () => {
    const { code, stdout, stderr } = await runCli(['--tier', 'admin'], { KIBANA_URL: 'http://127.0.0.1:1', KIBANA_API_KEY: 'k' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('kibana-mcp: --tier: expected one of read, write, destructive, got "admin"\n');
  });
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
  it('exits 0 when it reached Kibana, and 1 when it did not', async () => {
    const reached = await runCli(['check'], { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' });
    expect([reached.code, reached.stdout.split('\n')[0]]).toEqual([0, `Kibana 8.18.2 at ${kibana.url}: status available`]);
    kibana.handle(() => kibanaError(401, 'Unauthorized', 'missing authentication credentials'));
    const refused = await runCli(['check'], { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^check failed: .*401/);
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
