import type { KibanaClientOptions } from '../client/types.js';
import { USER_AGENT } from '../version.js';
import type { KibanaConfig } from './kibana-config.js';

export function clientOptionsFrom(config: KibanaConfig): KibanaClientOptions {
  return {
    baseUrl: config.url,
    auth: config.auth,
    ...(config.caCert === undefined ? {} : { caCert: config.caCert }),
    tlsInsecure: config.tlsInsecure,
    connectTimeoutMs: config.connectTimeoutMs,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    userAgent: USER_AGENT,
  };
}

/** The effective configuration as it may be shown to a person: secrets masked. */
export function describeKibanaConfig(config: KibanaConfig): Array<[string, string]> {
  return [
    ['kibana-url', config.url],
    ['auth', describeAuth(config.auth)],
    ['space', config.space],
    ['ca-cert', config.caCertPath ?? '(system trust store)'],
    ['tls-insecure', String(config.tlsInsecure)],
    ['timeout', `${config.timeoutMs} ms`],
    ['connect-timeout', `${config.connectTimeoutMs} ms`],
    ['retries', String(config.retries)],
  ];
}

function describeAuth(auth: KibanaConfig['auth']): string {
  switch (auth.kind) {
    case 'apiKey':
      return 'API key ****';
    case 'basic':
      return `basic, user ${auth.username}, password ****`;
    case 'bearer':
      return 'bearer token ****';
    case 'none':
      return "passthrough (each caller's own Authorization header)";
  }
}
