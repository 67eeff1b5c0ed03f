import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveKibanaConfig, type KibanaConfigRequirements } from '../../src/config/kibana-config.js';
import { OPTIONS, type OptionFlag, type OptionSpec } from '../../src/config/options.js';
import { readOptions } from '../../src/config/read-options.js';
import { describeKibanaConfig } from '../../src/config/client-options.js';
import { resolveHttpConfig } from '../../src/config/http-config.js';
import { settingName } from '../../src/config/settings.js';
import { configErrorOf } from './config-error.js';

const URL_ENV = { KIBANA_URL: 'https://kibana.example:5601' };
const API_KEY_ENV = { ...URL_ENV, KIBANA_API_KEY: 'ZW5jb2RlZA==' };

function resolve(argv: string[], env: NodeJS.ProcessEnv, requirements?: KibanaConfigRequirements) {
  return resolveKibanaConfig(readOptions(argv, env), requirements);
}

describe('defaults', () => {
  it('fills every default documented in the options table', () => {
    const config = resolve([], API_KEY_ENV);
    expect(config).toEqual({
      url: 'https://kibana.example:5601',
      auth: { kind: 'apiKey', apiKey: 'ZW5jb2RlZA==' },
      space: 'default',
      tlsInsecure: false,
      timeoutMs: 30000,
      connectTimeoutMs: 10000,
      retries: 2,
    });
    expect(readOptions([], {}).settings.logLevel).toBe('info');
  });
});

describe('every option from the environment and from its flag', () => {
  const cases: Array<{ flag: string; env: string; raw: string; pick: (c: ReturnType<typeof resolve>) => unknown; expected: unknown }> = [
    { flag: 'kibana-url', env: 'KIBANA_URL', raw: 'http://h:1/kibana/', pick: (c) => c.url, expected: 'http://h:1/kibana' },
    { flag: 'space', env: 'KIBANA_SPACE', raw: 'marketing-2', pick: (c) => c.space, expected: 'marketing-2' },
    { flag: 'timeout', env: 'KIBANA_TIMEOUT_MS', raw: '1500', pick: (c) => c.timeoutMs, expected: 1500 },
    { flag: 'connect-timeout', env: 'KIBANA_CONNECT_TIMEOUT_MS', raw: '700', pick: (c) => c.connectTimeoutMs, expected: 700 },
    { flag: 'retries', env: 'KIBANA_RETRIES', raw: '0', pick: (c) => c.retries, expected: 0 },
  ];
  for (const { flag, env, raw, pick, expected } of cases) {
    it(`${env} and --${flag}`, () => {
      expect(pick(resolve([], { ...API_KEY_ENV, [env]: raw }))).toEqual(expected);
      expect(pick(resolve([`--${flag}`, raw], API_KEY_ENV))).toEqual(expected);
    });
  }

  it('KIBANA_TLS_INSECURE and --tls-insecure', () => {
    expect(resolve([], { ...API_KEY_ENV, KIBANA_TLS_INSECURE: 'true' }).tlsInsecure).toBe(true);
    expect(resolve([], { ...API_KEY_ENV, KIBANA_TLS_INSECURE: '0' }).tlsInsecure).toBe(false);
    expect(resolve(['--tls-insecure'], API_KEY_ENV).tlsInsecure).toBe(true);
  });

  it('KIBANA_MCP_LOG_LEVEL and --log-level', () => {
    expect(readOptions([], { KIBANA_MCP_LOG_LEVEL: 'debug' }).settings.logLevel).toBe('debug');
    expect(readOptions(['--log-level', 'error'], {}).settings.logLevel).toBe('error');
  });

  it('flags win over the environment', () => {
    const config = resolve(['--kibana-url', 'http://flag:1', '--space', 'flag'], { ...API_KEY_ENV, KIBANA_SPACE: 'env' });
    expect(config.url).toBe('http://flag:1');
    expect(config.space).toBe('flag');
  });

  it('an empty environment variable counts as unset', () => {
    expect(resolve([], { ...API_KEY_ENV, KIBANA_SPACE: '' }).space).toBe('default');
  });

  it('the options table names every environment variable once', () => {
    const envs = OPTIONS.map((option) => option.env);
    expect(new Set(envs).size).toBe(envs.length);
  });
});

describe('auth modes', () => {
  it('API key: the encoded value is kept, id:api_key is encoded', () => {
    expect(resolve([], { ...URL_ENV, KIBANA_API_KEY: 'abc=' }).auth).toEqual({ kind: 'apiKey', apiKey: 'abc=' });
    const encoded = resolve([], { ...URL_ENV, KIBANA_API_KEY: 'XFcbCnIBnbwqt2o79G4q:FD6P5UA4QCWlZZQhYF3YGw' }).auth;
    expect(encoded).toEqual({ kind: 'apiKey', apiKey: Buffer.from('XFcbCnIBnbwqt2o79G4q:FD6P5UA4QCWlZZQhYF3YGw').toString('base64') });
  });

  it('basic: username and password', () => {
    expect(resolve([], { ...URL_ENV, KIBANA_USERNAME: 'elastic', KIBANA_PASSWORD: 'pw' }).auth).toEqual({
      kind: 'basic',
      username: 'elastic',
      password: 'pw',
    });
    expect(resolve(['--username', 'u', '--password', 'p'], URL_ENV).auth).toEqual({ kind: 'basic', username: 'u', password: 'p' });
  });

  it('bearer token', () => {
    expect(resolve([], { ...URL_ENV, KIBANA_BEARER_TOKEN: 'tok' }).auth).toEqual({ kind: 'bearer', token: 'tok' });
    expect(resolve(['--bearer-token', 'tok'], URL_ENV).auth).toEqual({ kind: 'bearer', token: 'tok' });
  });

  it('no credentials at all is an error naming the variables', () => {
    expect(configErrorOf(() => resolve([], URL_ENV))).toMatch(/KIBANA_API_KEY.*KIBANA_USERNAME and KIBANA_PASSWORD.*KIBANA_BEARER_TOKEN/);
  });

  it('two modes at once is an error naming both sources', () => {
    const message = configErrorOf(() => resolve(['--bearer-token', 't'], { ...API_KEY_ENV }));
    expect(message).toContain('KIBANA_API_KEY');
    expect(message).toContain('--bearer-token');
    expect(message).toContain('exactly one auth mode');
    expect(configErrorOf(() => resolve([], { ...API_KEY_ENV, KIBANA_USERNAME: 'u', KIBANA_PASSWORD: 'p' }))).toContain('exactly one');
  });

  it('half of basic auth is an error naming the missing half', () => {
    expect(configErrorOf(() => resolve([], { ...URL_ENV, KIBANA_USERNAME: 'u' }))).toContain('KIBANA_PASSWORD');
    expect(configErrorOf(() => resolve([], { ...URL_ENV, KIBANA_PASSWORD: 'p' }))).toContain('KIBANA_USERNAME');
  });

  it('passthrough wants no credentials and refuses configured ones', () => {
    expect(resolve([], URL_ENV, { passthroughAuth: true }).auth).toEqual({ kind: 'none' });
    expect(configErrorOf(() => resolve([], API_KEY_ENV, { passthroughAuth: true }))).toMatch(/KIBANA_API_KEY: passthrough/);
  });
});

describe('invalid values name the variable or flag and what it expects', () => {
  const invalid: Array<[string[], NodeJS.ProcessEnv, RegExp]> = [
    [[], { KIBANA_API_KEY: 'k' }, /KIBANA_URL \(or --kibana-url\) is required/],
    [['--kibana-url', 'not a url'], { KIBANA_API_KEY: 'k' }, /^--kibana-url: expected a URL that starts with http:\/\/ or https:\/\//],
    [['--kibana-url', 'https://bad host'], { KIBANA_API_KEY: 'k' }, /^--kibana-url: expected an http\(s\) URL/],
    [[], { ...API_KEY_ENV, KIBANA_URL: 'ftp://h' }, /^KIBANA_URL: expected an http:\/\/ or https:\/\/ URL/],
    [[], { ...API_KEY_ENV, KIBANA_URL: 'https://u:p@h' }, /^KIBANA_URL: put credentials in/],
    [[], { ...API_KEY_ENV, KIBANA_URL: 'https://h/?x=1' }, /^KIBANA_URL: expected a base URL without query/],
    [[], { ...API_KEY_ENV, KIBANA_TIMEOUT_MS: 'soon' }, /^KIBANA_TIMEOUT_MS: expected a whole number from 100 to 600000, got "soon"/],
    [['--timeout', '99'], API_KEY_ENV, /^--timeout: expected a whole number from 100/],
    [['--timeout', '1.5e3'], API_KEY_ENV, /^--timeout: expected a whole number/],
    [[], { ...API_KEY_ENV, KIBANA_RETRIES: '11' }, /^KIBANA_RETRIES: expected a whole number from 0 to 10/],
    [[], { ...API_KEY_ENV, KIBANA_CONNECT_TIMEOUT_MS: '-1' }, /^KIBANA_CONNECT_TIMEOUT_MS: expected a whole number/],
    [[], { ...API_KEY_ENV, KIBANA_TLS_INSECURE: 'maybe' }, /^KIBANA_TLS_INSECURE: expected true or false, got "maybe"/],
    [['--log-level', 'loud'], API_KEY_ENV, /^--log-level: expected one of error, warn, info, debug, got "loud"/],
    [[], { ...API_KEY_ENV, KIBANA_SPACE: 'Not A Space' }, /^KIBANA_SPACE: expected a space id/],
    [['--nope'], API_KEY_ENV, /^unknown option --nope; run kibana-mcp --help/],
    [['--timeout'], API_KEY_ENV, /^--timeout expects a value/],
    [
      [],
      { ...API_KEY_ENV, KIBANA_CA_CERT: '/nonexistent/ca.pem' },
      /^KIBANA_CA_CERT: cannot read the PEM file "\/nonexistent\/ca.pem" \(ENOENT\)/,
    ],
  ];
  for (const [argv, env, expected] of invalid) {
    it(`${argv.join(' ')} ${JSON.stringify(env)}`, () => {
      expect(configErrorOf(() => resolve(argv, env))).toMatch(expected);
    });
  }

  it('never echoes credentials embedded in a URL it cannot parse', () => {
    const message = configErrorOf(() => resolve([], { KIBANA_API_KEY: 'k', KIBANA_URL: 'https://elastic:s3cret@kibana host:5601' }));
    expect(message).toMatch(/^KIBANA_URL: expected an http\(s\) URL/);
    expect(message).not.toContain('s3cret');
    expect(message).toContain('https://***@kibana host:5601');
  });

  it('never echoes a secret it rejects', () => {
    const message = configErrorOf(() => resolve(['--api-key', ' '], URL_ENV));
    expect(message).toBe('--api-key: expected a non-empty value');
  });
});

describe('custom certificate authority', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kibana-mcp-ca-'));

  it('refuses a file that holds no certificate', () => {
    const path = join(dir, 'key.pem');
    writeFileSync(path, 'not a certificate');
    expect(configErrorOf(() => resolve(['--ca-cert', path], API_KEY_ENV))).toMatch(/^--ca-cert: expected a PEM file/);
  });
});

describe('describing the effective configuration', () => {
  it('masks every secret', () => {
    const secrets = { KIBANA_PASSWORD: 'hunter2-secret', KIBANA_USERNAME: 'elastic' };
    const shown = JSON.stringify(describeKibanaConfig(resolve([], { ...URL_ENV, ...secrets })));
    expect(shown).not.toContain('hunter2-secret');
    expect(shown).toContain('elastic');
    const keyShown = JSON.stringify(describeKibanaConfig(resolve([], { ...URL_ENV, KIBANA_API_KEY: 'id:very-secret-key' })));
    expect(keyShown).not.toContain('very-secret-key');
    expect(keyShown).not.toContain(Buffer.from('id:very-secret-key').toString('base64'));
  });
});

describe('typed settings', () => {
  it('hold every default of the options table, converted to its type, under the camel-case name', () => {
    const { settings, sources, given } = readOptions([], {});
    for (const option of OPTIONS as readonly OptionSpec[]) {
      const name = settingName(option.flag as OptionFlag);
      expect(sources[name], option.flag).toBe(`--${option.flag}`);
      if (option.default === undefined) {
        expect(settings[name], option.flag).toBeUndefined();
        continue;
      }
      const expected =
        option.type === 'boolean' ? option.default === 'true' : option.type === 'integer' ? Number(option.default) : option.default;
      expect(settings[name], option.flag).toBe(expected);
    }
    expect(given.size).toBe(0);
  });

  it('say where a given value came from', () => {
    const { settings, sources, given } = readOptions(['--max-result-chars', '5000'], { KIBANA_MCP_TOOLSETS: 'cases, spaces' });
    expect(settings.maxResultChars).toBe(5000);
    expect(settings.toolsets).toEqual(['cases', 'spaces']);
    expect([sources.maxResultChars, sources.toolsets]).toEqual(['--max-result-chars', 'KIBANA_MCP_TOOLSETS']);
    expect([...given].sort()).toEqual(['maxResultChars', 'toolsets']);
  });

  it('--confirm takes auto, always or never', () => {
    expect(readOptions(['--confirm', 'always'], {}).settings.confirm).toBe('always');
    expect(readOptions([], { KIBANA_MCP_CONFIRM: 'never' }).settings.confirm).toBe('never');
    expect(configErrorOf(() => readOptions(['--confirm', 'sometimes'], {}))).toBe(
      '--confirm: expected one of auto, always, never, got "sometimes"',
    );
  });
});

describe('HTTP settings', () => {
  const http = (argv: string[], env: NodeJS.ProcessEnv = {}) => resolveHttpConfig(readOptions(['--http', ...argv], env));

  it('bind loopback without caller authentication, with the default hosts allowed', () => {
    const config = http([]);
    expect(config).toMatchObject({ host: '127.0.0.1', port: 3000, auth: { kind: 'none' } });
    expect(config.origins.allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]']);
  });

  it('take a bearer token or passthrough, and extra hosts and origins', () => {
    expect(http([], { MCP_HTTP_TOKEN: 'tok' }).auth).toEqual({ kind: 'token', token: 'tok' });
    expect(http(['--passthrough-auth']).auth).toEqual({ kind: 'passthrough' });
    const wide = http([
      '--host',
      '0.0.0.0',
      '--http-token',
      't',
      '--allowed-hosts',
      'mcp.internal',
      '--allowed-origins',
      'https://app.example',
    ]);
    expect(wide.origins).toEqual({
      allowedHosts: ['localhost', '127.0.0.1', '[::1]', 'mcp.internal'],
      allowedOrigins: ['https://app.example'],
    });
  });

  it('refuse to serve beyond loopback without caller authentication, and a token together with passthrough', () => {
    expect(configErrorOf(() => http(['--host', '0.0.0.0']))).toMatch(/^--host: refusing to serve 0.0.0.0 without caller authentication/);
    expect(configErrorOf(() => http(['--passthrough-auth', '--http-token', 't']))).toMatch(
      /^--http-token and --passthrough-auth: choose one/,
    );
  });
});
