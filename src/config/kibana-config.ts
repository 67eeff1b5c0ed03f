// Typed settings → the Kibana connection, checked for consistency.
import type * as Crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { KibanaAuth } from '../client/types.js';
import { SPACE_ID_PATTERN } from '../kibana/spaces.js';
import { ConfigError, type ReadOptions } from './read-options.js';

const require = createRequire(import.meta.url);

export interface KibanaConfig {
  url: string;
  auth: KibanaAuth;
  space: string;
  caCertPath?: string;
  caCert?: string;
  tlsInsecure: boolean;
  timeoutMs: number;
  connectTimeoutMs: number;
  retries: number;
}

export const INSECURE_TLS_WARNING = 'TLS certificate verification is off (KIBANA_TLS_INSECURE): prefer KIBANA_CA_CERT where you can';

export interface KibanaConfigRequirements {
  /** Passthrough mode: credentials come with each caller, so none may be configured. */
  passthroughAuth?: boolean;
}

export function resolveKibanaConfig(options: ReadOptions, requirements: KibanaConfigRequirements = {}): KibanaConfig {
  const { settings, sources } = options;
  const { space, caCert } = settings;
  if (!SPACE_ID_PATTERN.test(space)) {
    throw new ConfigError(`${sources.space}: expected a space id of lower-case letters, digits, "_" or "-", got "${space}"`);
  }
  return {
    url: parseKibanaUrl(settings.kibanaUrl, sources.kibanaUrl),
    auth: resolveAuth(options, requirements),
    space,
    ...(caCert === undefined ? {} : { caCertPath: caCert, caCert: readCaCert(caCert, sources.caCert) }),
    tlsInsecure: settings.tlsInsecure,
    timeoutMs: settings.timeout,
    connectTimeoutMs: settings.connectTimeout,
    retries: settings.retries,
  };
}

function parseKibanaUrl(raw: string | undefined, source: string): string {
  if (raw === undefined)
    throw new ConfigError('KIBANA_URL (or --kibana-url) is required: the base URL of your Kibana, e.g. https://localhost:5601');
  const shown = raw.replace(/^((?:[a-z][a-z0-9+.-]*:)?\/\/)?[^/@]*@/i, '$1***@');
  // `localhost:5601` parses as a URL whose scheme is `localhost:`: say what is missing instead.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    throw new ConfigError(
      `${source}: expected a URL that starts with http:// or https://, got "${shown}" (add the scheme: http://${shown} or https://${shown})`,
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${source}: expected an http(s) URL such as https://localhost:5601, got "${shown}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${source}: expected an http:// or https:// URL, got "${url.protocol}"`);
  }
  if (url.username || url.password) {
    throw new ConfigError(`${source}: put credentials in KIBANA_USERNAME/KIBANA_PASSWORD or KIBANA_API_KEY, not in the URL`);
  }
  if (url.search || url.hash) throw new ConfigError(`${source}: expected a base URL without query string or fragment`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function resolveAuth({ settings, sources }: ReadOptions, requirements: KibanaConfigRequirements): KibanaAuth {
  const { apiKey, username, password, bearerToken: token } = settings;
  const given = [apiKey && sources.apiKey, username && sources.username, password && sources.password, token && sources.bearerToken].filter(
    (source): source is string => typeof source === 'string',
  );
  if (requirements.passthroughAuth) {
    if (given.length > 0)
      throw new ConfigError(`${given.join(', ')}: passthrough auth forwards each caller's credentials; configure no Kibana credentials`);
    return { kind: 'none' };
  }
  const modes = [apiKey !== undefined, username !== undefined || password !== undefined, token !== undefined].filter(Boolean).length;
  if (modes === 0) {
    throw new ConfigError('no Kibana credentials: set KIBANA_API_KEY, or KIBANA_USERNAME and KIBANA_PASSWORD, or KIBANA_BEARER_TOKEN');
  }
  if (modes > 1) throw new ConfigError(`${given.join(', ')}: choose exactly one auth mode (API key, username/password, or bearer token)`);
  if (apiKey !== undefined) return { kind: 'apiKey', apiKey: encodeApiKey(apiKey) };
  if (token !== undefined) return { kind: 'bearer', token };
  if (username === undefined) throw new ConfigError(`${sources.password}: a password needs KIBANA_USERNAME (or --username) too`);
  if (password === undefined) throw new ConfigError(`${sources.username}: a user name needs KIBANA_PASSWORD (or --password) too`);
  return { kind: 'basic', username, password };
}

/** Kibana wants base64(id:api_key); users often hold the two parts instead of the encoded value. */
function encodeApiKey(value: string): string {
  return value.includes(':') ? Buffer.from(value, 'utf8').toString('base64') : value;
}

function readCaCert(path: string, source: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`${source}: cannot read the PEM file "${path}" (${code})`);
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    throw new ConfigError(`${source}: expected a PEM file with at least one "BEGIN CERTIFICATE" block: "${path}"`);
  }
  // node:crypto loads only when a CA is configured.
  const { X509Certificate } = require('node:crypto') as typeof Crypto;
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block);
    } catch {
      const which = blocks.length === 1 ? 'its certificate' : `certificate ${index + 1} of ${blocks.length}`;
      throw new ConfigError(`${source}: "${path}" is not a valid PEM file: ${which} does not parse as an X.509 certificate`);
    }
  });
  return text;
}
