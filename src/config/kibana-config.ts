// Typed option values → the settings of the Kibana connection, checked for consistency.
import { readFileSync } from 'node:fs';
import type { KibanaAuth } from '../client/types.js';
import { SPACE_ID_PATTERN } from '../kibana/spaces.js';
import { ConfigError, type ReadOptions } from './read-options.js';

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
  const { values, sources } = options;
  const space = values.space as string;
  if (!SPACE_ID_PATTERN.test(space)) {
    throw new ConfigError(`${sources.space}: expected a space id of lower-case letters, digits, "_" or "-", got "${space}"`);
  }
  const caCertPath = values['ca-cert'] as string | undefined;
  return {
    url: parseKibanaUrl(values['kibana-url'] as string | undefined, sources['kibana-url']),
    auth: resolveAuth(options, requirements),
    space,
    ...(caCertPath === undefined ? {} : { caCertPath, caCert: readCaCert(caCertPath, sources['ca-cert']!) }),
    tlsInsecure: values['tls-insecure'] === true,
    timeoutMs: values.timeout as number,
    connectTimeoutMs: values['connect-timeout'] as number,
    retries: values.retries as number,
  };
}

function parseKibanaUrl(raw: string | undefined, source: string | undefined): string {
  if (raw === undefined)
    throw new ConfigError('KIBANA_URL (or --kibana-url) is required: the base URL of your Kibana, e.g. https://localhost:5601');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `${source}: expected an http(s) URL such as https://localhost:5601, got "${raw.replace(/\/\/[^/@]*@/, '//***@')}"`,
    );
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

function resolveAuth(options: ReadOptions, requirements: KibanaConfigRequirements): KibanaAuth {
  const { values, sources } = options;
  const apiKey = values['api-key'] as string | undefined;
  const username = values.username as string | undefined;
  const password = values.password as string | undefined;
  const token = values['bearer-token'] as string | undefined;

  const given = [
    apiKey && sources['api-key'],
    username && sources.username,
    password && sources.password,
    token && sources['bearer-token'],
  ].filter((source): source is string => typeof source === 'string');
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
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(`${source}: expected a PEM file with at least one "BEGIN CERTIFICATE" block: "${path}"`);
  }
  return text;
}
