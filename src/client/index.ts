export { KibanaClient, type KibanaClientConfig } from './client.js';
export { KibanaError } from './errors.js';
export type { Sleep } from './retry.js';
export { DEFAULT_SPACE, SPACE_ID_PATTERN, isSpaceAwarePath } from './spaces.js';
export type * from './types.js';
