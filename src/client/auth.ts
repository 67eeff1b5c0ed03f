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

/** Secret parts of the credentials, for redaction (the user name is not a secret). */
export function secretsOf(auth: KibanaAuth): string[] {
  switch (auth.kind) {
    case 'apiKey':
      return [auth.apiKey];
    case 'basic':
      return [auth.password, Buffer.from(`${auth.username}:${auth.password}`).toString('base64')];
    case 'bearer':
      return [auth.token];
    case 'none':
      return [];
  }
}

/** An `Authorization` header value and its credential part (after the scheme). */
export function secretsOfHeader(value: string): string[] {
  const space = value.indexOf(' ');
  return space === -1 ? [value] : [value, value.slice(space + 1).trim()];
}
