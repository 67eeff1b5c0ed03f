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

/** An `Authorization` header value, its credential part (after the scheme) and, for Basic, the decoded password. */
export function secretsOfHeader(value: string): string[] {
  const space = value.indexOf(' ');
  if (space === -1) return [value];
  const credential = value.slice(space + 1).trim();
  const secrets = [value, credential];
  if (/^basic$/i.test(value.slice(0, space))) {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon !== -1) secrets.push(decoded.slice(colon + 1));
  }
  return secrets;
}
