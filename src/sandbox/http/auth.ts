// Kibana accepts `Authorization: ApiKey <base64(id:key)>` or `Basic <base64(user:pass)>`.

import { timingSafeEqual } from 'node:crypto';
import { HttpError } from './errors.js';

export interface SandboxCredentials {
  /** The encoded API key, sent as `Authorization: ApiKey <apiKey>`. */
  apiKey: string;
  username: string;
  password: string;
}

export const DEMO_CREDENTIALS: SandboxCredentials = {
  apiKey: Buffer.from('sandbox-key:sandbox-secret').toString('base64'),
  username: 'elastic',
  password: 'changeme',
};

/** The user an API key authenticates as, shown in created_by fields. */
const API_KEY_USER = 'sandbox_api_key';

/** Returns the authenticated username or throws Kibana's 401. */
export function authenticate(header: string | undefined, credentials: SandboxCredentials): string {
  const [scheme, value = ''] = (header ?? '').split(/\s+/, 2);
  switch (scheme?.toLowerCase()) {
    case 'apikey':
      if (sameSecret(value, credentials.apiKey)) return API_KEY_USER;
      throw new HttpError(
        401,
        '[security_exception]: unable to authenticate with provided credentials and anonymous access is not allowed for this request',
      );
    case 'basic': {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const separator = decoded.indexOf(':');
      const username = separator < 0 ? decoded : decoded.slice(0, separator);
      const password = separator < 0 ? '' : decoded.slice(separator + 1);
      if (sameSecret(username, credentials.username) && sameSecret(password, credentials.password)) return username;
      throw new HttpError(
        401,
        `[security_exception]: unable to authenticate user [${username}] for REST request [/_security/_authenticate]`,
      );
    }
    default:
      throw new HttpError(401, 'Unauthorized');
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
