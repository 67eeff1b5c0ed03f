// The configured credentials as an `Authorization` value, and the strings that must never leak.

import type { KibanaAuth } from './types.js';

export function authorizationFor(auth: KibanaAuth): string | undefined {
  switch (auth.kind) {
    case 'apiKey':
      return `ApiKey ${auth.apiKey}`;
    case 'basic':
      return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    case 'bearer':
      return `Bearer ${auth.token}`;
    case 'none':
      return undefined;
  }
}

/** Secret parts of the configured credentials, for redaction (the user name is not a secret). */
export function secretsOf(auth: KibanaAuth): string[] {
  const authorization = authorizationFor(auth);
  return authorization === undefined ? [] : secretsOfHeader(authorization);
}

/**
 * An `Authorization` value, its credential (after the scheme) and the secrets the credential
 * encodes: Basic's password (so that `user:password` shows the user alone), both parts of an API
 * key's `id:key`. redact.ts adds the encodings of each.
 */
export function secretsOfHeader(value: string): string[] {
  const space = value.indexOf(' ');
  if (space === -1) return [value];
  const scheme = value.slice(0, space).toLowerCase();
  const credential = value.slice(space + 1).trim();
  const secrets = [value, credential];
  const decoded = scheme === 'basic' || scheme === 'apikey' ? decodeBase64(credential) : undefined;
  const colon = decoded?.indexOf(':') ?? -1;
  if (decoded !== undefined && colon !== -1) {
    secrets.push(decoded.slice(colon + 1));
    if (scheme === 'apikey') secrets.push(decoded.slice(0, colon));
  }
  return secrets;
}

/** The text a base64 value encodes, or undefined when it is not base64 of UTF-8 text. */
function decodeBase64(value: string): string | undefined {
  const bytes = Buffer.from(value, 'base64');
  const canonical = (text: string) => text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (canonical(bytes.toString('base64')) !== canonical(value)) return undefined;
  const text = bytes.toString('utf8');
  return text.includes('\uFFFD') ? undefined : text;
}
