// Issue 13 §4 and 14 §3: messages that used to mislead, and values that used to pass and then fail every request.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveHttpConfig } from '../../src/config/http-config.js';
import { resolveKibanaConfig } from '../../src/config/kibana-config.js';
import { OPTIONS } from '../../src/config/options.js';
import { readOptions } from '../../src/config/read-options.js';
import { SANDBOX_VERSIONS } from '../../src/sandbox/versions.js';
import { configErrorOf } from './config-error.js';

const URL_ENV = { KIBANA_URL: 'https://kibana.example:5601' };
const API_KEY_ENV = { ...URL_ENV, KIBANA_API_KEY: 'ZW5jb2RlZA==' };

const kibanaConfig = (argv: string[], env: NodeJS.ProcessEnv) => resolveKibanaConfig(readOptions(argv, env));

describe('a boolean flag given a value', () => {
  it('--tls-insecure=true and =false are taken as the value, never as "expects a value"', () => {
    expect(kibanaConfig(['--tls-insecure=true'], API_KEY_ENV).tlsInsecure).toBe(true);
    expect(kibanaConfig(['--tls-insecure=false'], { ...API_KEY_ENV, KIBANA_TLS_INSECURE: 'true' }).tlsInsecure).toBe(false);
    expect(readOptions(['--http=yes'], {}).settings.http).toBe(true);
  });

  it('a value that is not a boolean names the flag and what it expects', () => {
    expect(configErrorOf(() => readOptions(['--tls-insecure=maybe'], {}))).toBe('--tls-insecure: expected true or false, got "maybe"');
  });

  it('--help=x says that --help takes no value', () => {
    expect(configErrorOf(() => readOptions(['--help=x'], {}))).toBe('--help takes no value');
  });

  it('a flag after -- is a positional, not an assignment', () => {
    expect(readOptions(['--', '--tls-insecure=true'], {}).positionals).toEqual(['--tls-insecure=true']);
  });
});

describe('a negative number', () => {
  it('--retries -3 is checked as a number, and says its range', () => {
    const message = configErrorOf(() => readOptions(['--retries', '-3'], {}));
    expect(message).toBe('--retries: expected a whole number from 0 to 10, got "-3"');
    expect(message).not.toContain('expects a value');
  });

  it('a flag with no value still says that it expects one', () => {
    expect(configErrorOf(() => readOptions(['--timeout'], {}))).toMatch(/^--timeout expects a value/);
    expect(configErrorOf(() => readOptions(['--kibana-url', '--timeout', '100'], {}))).toMatch(/^--kibana-url expects a value/);
  });
});

describe('a Kibana URL without its scheme', () => {
  it('KIBANA_URL=localhost:5601 says it needs http:// or https://, and never reports "localhost:"', () => {
    const message = configErrorOf(() => kibanaConfig([], { KIBANA_API_KEY: 'k', KIBANA_URL: 'localhost:5601' }));
    expect(message).toBe(
      'KIBANA_URL: expected a URL that starts with http:// or https://, got "localhost:5601" (add the scheme: http://localhost:5601 or https://localhost:5601)',
    );
  });

  it('masks credentials written before the host', () => {
    const message = configErrorOf(() => kibanaConfig([], { KIBANA_API_KEY: 'k', KIBANA_URL: 'elastic:s3cret@kibana:5601' }));
    expect(message).not.toContain('s3cret');
    expect(message).toContain('"***@kibana:5601"');
  });
});

describe('a CA file', () => {
  let dir: string;
  let certificate: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kibana-mcp-ca-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        'ca.key',
        '-out',
        'ca.pem',
        '-subj',
        '/CN=Test CA',
      ],
      { cwd: dir, stdio: 'pipe' },
    );
    certificate = readFileSync(join(dir, 'ca.pem'), 'utf8');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('that holds real certificates is read', () => {
    const path = write('two.pem', `${certificate}\n${certificate}`);
    const config = kibanaConfig(['--ca-cert', path], API_KEY_ENV);
    expect([config.caCertPath, config.caCert]).toEqual([path, `${certificate}\n${certificate}`]);
  });

  it('whose certificate block does not parse fails validation, naming the variable and the file', () => {
    const path = write('fake.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(configErrorOf(() => kibanaConfig([], { ...API_KEY_ENV, KIBANA_CA_CERT: path }))).toBe(
      `KIBANA_CA_CERT: "${path}" is not a valid PEM file: its certificate does not parse as an X.509 certificate`,
    );
  });

  it('names which certificate of several is broken', () => {
    const broken = certificate.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!!!!!!!!!!!!!!!!!');
    const path = write('mixed.pem', `${certificate}${broken}`);
    expect(configErrorOf(() => kibanaConfig(['--ca-cert', path], API_KEY_ENV))).toMatch(/certificate 2 of 2 does not parse/);
  });

  it('that holds only a private key has no certificate block', () => {
    const path = join(dir, 'ca.key');
    expect(configErrorOf(() => kibanaConfig(['--ca-cert', path], API_KEY_ENV))).toMatch(
      /^--ca-cert: expected a PEM file with at least one/,
    );
  });
});

describe('tokens with surrounding whitespace', () => {
  it('MCP_HTTP_TOKEN=$"tok\\n" is refused at start, without echoing the token', () => {
    const message = configErrorOf(() => resolveHttpConfig(readOptions(['--http'], { MCP_HTTP_TOKEN: 'tok-secret\n' })));
    expect(message).toMatch(/^MCP_HTTP_TOKEN: expected a value without leading or trailing whitespace \(a trailing newline\?\)/);
    expect(message).not.toContain('tok-secret');
  });

  it('the same for the Kibana credentials that travel in a header; a password may hold spaces', () => {
    expect(configErrorOf(() => kibanaConfig([], { ...URL_ENV, KIBANA_API_KEY: ' key' }))).toMatch(
      /^KIBANA_API_KEY: expected a value without/,
    );
    expect(configErrorOf(() => kibanaConfig(['--bearer-token', 'tok\n'], URL_ENV))).toMatch(/^--bearer-token: expected a value without/);
    expect(kibanaConfig([], { ...URL_ENV, KIBANA_USERNAME: 'u', KIBANA_PASSWORD: ' pass phrase ' }).auth).toEqual({
      kind: 'basic',
      username: 'u',
      password: ' pass phrase ',
    });
  });
});

describe('version options', () => {
  it('--kibana-version takes X.Y.Z, from the flag or KIBANA_MCP_KIBANA_VERSION', () => {
    expect(readOptions(['--kibana-version', '9.3.0'], {}).settings.kibanaVersion).toBe('9.3.0');
    expect(readOptions([], { KIBANA_MCP_KIBANA_VERSION: '8.18.2' }).settings.kibanaVersion).toBe('8.18.2');
    expect(readOptions([], {}).settings.kibanaVersion).toBeUndefined();
    expect(configErrorOf(() => readOptions(['--kibana-version', '9.3'], {}))).toBe(
      '--kibana-version: expected a Kibana version X.Y.Z, such as 9.3.0, got "9.3"',
    );
  });

  it('--demo-version offers exactly the versions the sandbox is tested as, its default first', () => {
    const option = OPTIONS.find((candidate) => candidate.flag === 'demo-version');
    expect(option?.values).toEqual([...SANDBOX_VERSIONS]);
    expect(readOptions([], {}).settings.demoVersion).toBe(SANDBOX_VERSIONS[0]);
    expect(configErrorOf(() => readOptions([], { KIBANA_MCP_DEMO_VERSION: '7.17.0' }))).toBe(
      'KIBANA_MCP_DEMO_VERSION: expected one of 8.18.2, 9.3.0, 9.4.0, got "7.17.0"',
    );
  });

  it('the sandbox has its own port, not 5601 and not the MCP server’s', () => {
    const { settings } = readOptions([], { MCP_HTTP_PORT: '4000' });
    expect(settings.sandboxPort).not.toBe(5601);
    expect(settings.sandboxPort).not.toBe(settings.port);
    expect(readOptions([], { KIBANA_MCP_SANDBOX_PORT: '6001' }).settings.sandboxPort).toBe(6001);
    expect(readOptions(['--demo-port', '6002'], {}).settings.demoPort).toBe(6002);
  });
});
