import { describe, expect, it } from 'vitest';
import { authorizationFor, secretsOf, secretsOfHeader } from '../../src/client/auth.js';
import { redactor } from '../../src/client/redact.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const lowerHex = (text: string) => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
/** JSON as servers that escape every non-ASCII character write it (`\u00e4`). */
const asciiJson = (text: string) =>
  JSON.stringify(text)
    .slice(1, -1)
    .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * Every form a server or proxy might echo a secret in. Inside a longer base64 value, the characters
 * the secret shares with its neighbours stay (with theirs: at most 10 here).
 */
function formsOf(secret: string): Record<string, string> {
  return {
    raw: secret,
    'URL-encoded': encodeURIComponent(secret),
    'URL-encoded twice': encodeURIComponent(encodeURIComponent(secret)),
    'URL-encoded, lower-case hex': lowerHex(secret),
    'form-encoded': new URLSearchParams({ s: secret }).toString().slice(2),
    'JSON-escaped': JSON.stringify(secret).slice(1, -1),
    'JSON-escaped, ASCII only': asciiJson(secret),
    base64: b64(secret),
    'base64, URL-encoded': encodeURIComponent(b64(secret)),
    'base64, unpadded': b64(secret).replace(/=+$/, ''),
    base64url: b64url(secret),
    'base64 inside a longer value (offset 1)': b64(`x${secret}yz`),
    'base64 inside a longer value (offset 2)': b64(`{"${secret}"}`),
    'base64url inside a longer value (offset 2)': b64url(`ab${secret}`),
  };
}

function expectRedacted(redact: (text: string) => string, planted: string, label: string): void {
  const out = redact(`before ${planted} after`);
  if (!label.includes('inside')) {
    expect(out, label).toBe('before [REDACTED] after');
    return;
  }
  expect(out, label).toMatch(/^before [\w+/=-]{0,10}\[REDACTED\][\w+/=-]{0,10} after$/);
}

const PASSWORDS = ['S3cr3t-Passw0rd!', 'pä ss/"wörd+=1~'];

describe('redactor', () => {
  it.each(PASSWORDS)('redacts %j in every form it can be echoed in', (secret) => {
    const redact = redactor([secret]);
    for (const [label, planted] of Object.entries(formsOf(secret))) expectRedacted(redact, planted, label);
  });

  it('redacts a secret whose characters are encoded in a mix of ways', () => {
    const redact = redactor(['S3cr3t-Passw0rd!']);
    expect(redact('x=S3%63r%2533t-Pass\\u0077%30rd%21;')).toBe('x=[REDACTED];');
  });

  it('leaves ordinary text, short strings and near misses alone', () => {
    const redact = redactor(['S3cr3t-Passw0rd!', 'abc', '']);
    const text = 'GET /api/x: 401 Unauthorized: abc S3cr3t-Passw0rd S3cr3t_Passw0rd! S3CR3T-PASSW0RD!';
    expect(redact(text)).toBe(text);
    expect(redactor([])(text)).toBe(text);
  });
});

describe('the secrets of each credential', () => {
  const PASSWORD = 'S3cr3t-Passw0rd!';
  const ID = 'VuaCfGcBCdbkQm-e5aOx';
  const KEY = 'ui2lp2axTNmsyakw9tvNnw';
  const API_KEY = b64(`${ID}:${KEY}`);
  const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJlbGFzdGljIn0.c2lnbmF0dXJl';

  it("redacts Basic's header, its credential, user:password and the password alone, keeping the user name", () => {
    const redact = redactor(secretsOf({ kind: 'basic', username: 'elastic', password: PASSWORD }));
    const header = authorizationFor({ kind: 'basic', username: 'elastic', password: PASSWORD }) as string;
    expect(redact(`https://sso.example.com/login?h=${encodeURIComponent(header)}`)).toBe('https://sso.example.com/login?h=[REDACTED]');
    expect(redact(`bad login elastic:${PASSWORD}`)).toBe('bad login elastic:[REDACTED]');
    expect(redact(`bad login ${encodeURIComponent(`elastic:${PASSWORD}`)}`)).toBe('bad login elastic%3A[REDACTED]');
    for (const [label, planted] of Object.entries({ ...formsOf(header), ...formsOf(b64(`elastic:${PASSWORD}`)), ...formsOf(PASSWORD) })) {
      expectRedacted(redact, planted, label);
    }
  });

  it('redacts an API key, encoded and decoded: id:key, the id and the key', () => {
    const redact = redactor(secretsOf({ kind: 'apiKey', apiKey: API_KEY }));
    expect(redact(`invalid key ${ID}:${KEY}`)).toBe('invalid key [REDACTED]:[REDACTED]');
    for (const secret of [API_KEY, ID, KEY, `ApiKey ${API_KEY}`]) {
      for (const [label, planted] of Object.entries(formsOf(secret))) expectRedacted(redact, planted, `${secret} ${label}`);
    }
  });

  it('redacts a bearer token in every form', () => {
    const redact = redactor(secretsOf({ kind: 'bearer', token: TOKEN }));
    for (const [label, planted] of Object.entries(formsOf(TOKEN))) expectRedacted(redact, planted, label);
  });

  it("derives the same parts from a caller's own header (passthrough), whatever the scheme's case", () => {
    expect(secretsOfHeader(`basic ${b64(`elastic:${PASSWORD}`)}`)).toContain(PASSWORD);
    expect(secretsOfHeader(`APIKEY ${API_KEY}`)).toEqual(expect.arrayContaining([ID, KEY]));
    expect(secretsOfHeader('Bearer opaque-token-value')).toEqual(['Bearer opaque-token-value', 'opaque-token-value']);
    expect(secretsOfHeader('just-a-token')).toEqual(['just-a-token']);
  });

  it('decodes nothing from a credential that is not base64 of text', () => {
    expect(secretsOfHeader('ApiKey not*base64:at-all')).toEqual(['ApiKey not*base64:at-all', 'not*base64:at-all']);
    expect(secretsOfHeader(`Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0x41, 0x42, 0x43, 0x44]).toString('base64')}`)).toHaveLength(2);
  });
});
