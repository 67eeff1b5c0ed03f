import { describe, expect, it } from 'vitest';
import { authorizeCaller, isLoopbackHost } from '../../src/server/http-auth.js';
import { checkHostAndOrigin, defaultOriginPolicy } from '../../src/server/http-origin.js';

describe('checkHostAndOrigin', () => {
  const policy = defaultOriginPolicy('127.0.0.1');

  it('accepts loopback hosts with any port and matching origins', () => {
    expect(checkHostAndOrigin({ host: '127.0.0.1:3000' }, policy)).toBeUndefined();
    expect(checkHostAndOrigin({ host: 'localhost:3000', origin: 'http://localhost:3000' }, policy)).toBeUndefined();
    expect(checkHostAndOrigin({ host: '[::1]:3000', origin: 'http://[::1]:3000' }, policy)).toBeUndefined();
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', () => {
    expect(checkHostAndOrigin({ host: 'evil.example.com' }, policy)).toMatch(/^Forbidden: Host header "evil.example.com"/);
    expect(checkHostAndOrigin({ host: 'localhost:3000', origin: 'http://evil.example.com' }, policy)).toMatch(/^Forbidden: Origin/);
    expect(checkHostAndOrigin({ host: 'localhost:3000', origin: 'null' }, policy)).toMatch(/^Forbidden: Origin "null"/);
    expect(checkHostAndOrigin({}, policy)).toMatch(/^Forbidden: Host header ""/);
  });

  it('adds the bound address and configured hosts and origins', () => {
    const wide = defaultOriginPolicy('10.1.2.3', ['mcp.internal'], ['https://app.example.com']);
    expect(checkHostAndOrigin({ host: '10.1.2.3:3000' }, wide)).toBeUndefined();
    expect(checkHostAndOrigin({ host: 'MCP.internal' }, wide)).toBeUndefined();
    expect(checkHostAndOrigin({ host: 'mcp.internal', origin: 'https://app.example.com' }, wide)).toBeUndefined();
    expect(checkHostAndOrigin({ host: 'mcp.internal', origin: 'https://other.example.com' }, wide)).toMatch(/Forbidden/);
    expect(defaultOriginPolicy('0.0.0.0').allowedHosts).not.toContain('0.0.0.0');
  });
});

describe('authorizeCaller', () => {
  it('token mode wants the exact bearer token', () => {
    const auth = { kind: 'token', token: 's3cret' } as const;
    expect(authorizeCaller({ authorization: 'Bearer s3cret' }, auth)).toEqual({ ok: true });
    expect(authorizeCaller({ authorization: 'Bearer wrong' }, auth)).toEqual({ ok: false, reason: 'Unauthorized: wrong bearer token' });
    expect(authorizeCaller({}, auth)).toMatchObject({ ok: false, reason: expect.stringContaining('Bearer <token>') });
    expect(authorizeCaller({ authorization: 'Basic czNjcmV0' }, auth).ok).toBe(false);
  });

  it('passthrough forwards the caller header and wants one', () => {
    const auth = { kind: 'passthrough' } as const;
    expect(authorizeCaller({ authorization: 'ApiKey abc' }, auth)).toEqual({ ok: true, authorization: 'ApiKey abc' });
    expect(authorizeCaller({ authorization: 'Basic dTpw' }, auth)).toEqual({ ok: true, authorization: 'Basic dTpw' });
    expect(authorizeCaller({}, auth).ok).toBe(false);
    expect(authorizeCaller({ authorization: 'Digest x' }, auth).ok).toBe(false);
  });

  it('none lets everyone in and forwards nothing', () => {
    expect(authorizeCaller({ authorization: 'ApiKey abc' }, { kind: 'none' })).toEqual({ ok: true });
  });
});

describe('isLoopbackHost', () => {
  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '10.0.0.1', '::', 'example.com']) expect(isLoopbackHost(host)).toBe(false);
  });
});
