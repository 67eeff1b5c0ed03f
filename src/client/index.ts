export { KibanaClient, type KibanaClientConfig } from './client.js';
export { KibanaError } from './errors.js';
export type { Sleep } from './retry.js';

export type * from './types.js';
