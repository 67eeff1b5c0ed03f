// `kibana-mcp check` in-process: what it prints, and the one line it says when it cannot connect.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kibanaError, type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import { runCheck } from '../../src/commands/check.js';
import { connectKibana } from '../../src/commands/kibana-connection.js';
import { INSECURE_TLS_WARNING } from '../../src/config/kibana-config.js';
import { readOptions } from '../../src/config/read-options.js';
import { toolSelectionFrom } from '../../src/config/tool-selection.js';
import * as generated from '../../src/tools/generated/index.js';
import { loadSelectedTools } from '../../src/tools/registry.js';
import { variantsOn } from '../../src/tools/variants.js';
import { silentLogger } from '../../src/logger.js';
import { createTestPki, type TestPki } from '../support/certificates.js';

const STATUS = { name: 'kb', version: { number: '8.18.2' }, status: { overall: { level: 'available' } } };
let kibana: RecordingKibana;

beforeAll(async () => {
  kibana = await startRecordingKibana(() => ({ body: STATUS }));
});
afterAll(() => kibana.stop());

async function check(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runCheck(readOptions(argv, { KIBANA_MCP_LOG_LEVEL: 'error', ...env }), (line) => lines.push(line));
  return { code, lines };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('kibana-mcp check', () => {
  it('prints the version, status and masked configuration', async () => {
    kibana.handle(() => ({ body: STATUS }));
    const { code, lines } = await check([], {
      KIBANA_URL: `${kibana.url}/kibana`,
      KIBANA_USERNAME: 'elastic',
      KIBANA_PASSWORD: 'changeme-secret',
    });
    expect(code).toBe(0);
    expect(lines[0]).toBe(`Kibana 8.18.2 at ${kibana.url}/kibana: status available`);
    expect(lines.join('\n')).toMatch(/auth\s+basic, user elastic, password \*\*\*\*/);
    expect(lines.join('\n')).not.toContain('changeme-secret');
    const last = kibana.requests.at(-1)!;
    expect(last.path).toBe('/kibana/api/status');
    expect(last.headers.authorization).toBe(`Basic ${Buffer.from('elastic:changeme-secret').toString('base64')}`);
  });

  it('says how many tools the detected version enables, and when --kibana-version serves another', async () => {
    kibana.handle(() => ({ body: { ...STATUS, version: { number: '9.3.0' } } }));
    const env = { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' };
    const count = async (argv: string[], version: string) =>
      variantsOn(await loadSelectedTools(generated, toolSelectionFrom(readOptions(argv, {}).settings)), version).length;
    const { lines } = await check(['--toolsets', 'all', '--tier', 'read'], env);
    expect(lines[1]).toBe(
      `Tools: ${await count(['--toolsets', 'all', '--tier', 'read'], '9.3.0')} on Kibana 9.3.0 with this configuration (toolsets all, tier read)`,
    );
    const fixed = await check(['--kibana-version', '8.18.2'], env);
    expect(fixed.lines[2]).toBe(
      `Note: --kibana-version 8.18.2 makes the server serve 8.18.2's tools (${await count([], '8.18.2')}), not 9.3.0's`,
    );
  });

  it('--demo checks the built-in sandbox', async () => {
    const { code, lines } = await check(['--demo'], {});
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^Kibana 8\.18\.\d+ at http:\/\/127\.0\.0\.1:\d+: status available$/);
  });

  const failures: Array<[string, () => Promise<NodeJS.ProcessEnv>, RegExp, string[]?]> = [
    [
      '401',
      async () => {
        kibana.handle(() => kibanaError(401, 'Unauthorized', 'missing authentication credentials'));
        return { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'secret-key-value' };
      },
      /^check failed: .*401.*Kibana rejected the credentials/,
    ],
    [
      '403',
      async () => {
        kibana.handle(() => kibanaError(403, 'Forbidden', 'no privileges'));
        return { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' };
      },
      /^check failed: .*403.*may not read \/api\/status/,
    ],
    [
      'a closed port',
      async () => ({ KIBANA_URL: `http://127.0.0.1:${await closedPort()}`, KIBANA_API_KEY: 'k', KIBANA_RETRIES: '0' }),
      /^check failed: .*(refused|ECONNREFUSED).*not reachable/,
    ],
    [
      'a host name that does not resolve',
      async () => ({ KIBANA_URL: 'http://kibana.invalid:5601', KIBANA_API_KEY: 'k', KIBANA_RETRIES: '0' }),
      /^check failed: .*(resolve|ENOTFOUND|EAI_AGAIN)/,
    ],
    [
      'no answer in time',
      async () => {
        kibana.handle(() => ({ body: STATUS, delayMs: 1_000 }));
        return { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' };
      },
      /^check failed: .*did not answer in time/,
      ['--timeout', '300', '--retries', '0'],
    ],
  ];
  it.each(failures)('says what failed in one line for %s, and exits 1', async (_case, setUp, expected, argv = []) => {
    const env = await setUp();
    const { code, lines } = await check(argv, env);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    expect(lines[0]).not.toContain('secret-key-value');
  });
});

describe('kibana-mcp check over TLS', () => {
  let pki: TestPki;
  let tlsKibana: RecordingKibana;

  beforeAll(async () => {
    pki = createTestPki();
    tlsKibana = await startRecordingKibana(() => ({ body: STATUS }), { tls: pki.issue('kibana', 'IP:127.0.0.1') });
  });
  afterAll(async () => {
    await tlsKibana.stop();
    pki.remove();
  });

  it('says the TLS handshake failed and names KIBANA_CA_CERT when the CA is unknown', async () => {
    const { code, lines } = await check([], { KIBANA_URL: tlsKibana.url, KIBANA_API_KEY: 'k' });
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^check failed: .*unknown CA.*set KIBANA_CA_CERT/);
  });

  it('succeeds with the CA from KIBANA_CA_CERT', async () => {
    const { code, lines } = await check([], { KIBANA_URL: tlsKibana.url, KIBANA_API_KEY: 'k', KIBANA_CA_CERT: pki.caFile });
    expect(code, lines.join('\n')).toBe(0);
    expect(lines.join('\n')).toMatch(new RegExp(`ca-cert\\s+${pki.caFile}`));
  });

  it('succeeds with KIBANA_TLS_INSECURE=true, with a warning', async () => {
    const env = { KIBANA_URL: tlsKibana.url, KIBANA_API_KEY: 'k', KIBANA_TLS_INSECURE: 'true' };
    expect((await check([], env)).code).toBe(0);
    const warnings: string[] = [];
    const connection = await connectKibana(readOptions([], env), { ...silentLogger, warn: (message) => warnings.push(message) });
    expect(warnings).toEqual([INSECURE_TLS_WARNING]);
    await connection.stop();
  });
});
