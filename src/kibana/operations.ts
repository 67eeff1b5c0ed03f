// What an operation does, as far as its method and path tell: the basis of tiers for operations
// no curated tool describes (curated tools may say more in openapi/toolsets.yaml).
import type { HttpMethod } from './http.js';

export type OperationEffect = 'read' | 'write' | 'destructive';

/** Last path segments of POSTs that only read: finds, bulk reads, exports, searches, queries, previews. */
const READ_ONLY_POST_SEGMENTS = new Set([
  '_find',
  '_bulk_get',
  '_bulk_resolve',
  '_export',
  'export',
  'search',
  '_search',
  '_query',
  '_preview',
  'preview',
  'dryrun',
  'health_check',
  '_get_shareable_references',
]);

/** POSTs that read although their last segment does not say so (lookups by a list of ids in the body). */
const READ_ONLY_POST_PATHS = new Set(['/api/fleet/agents', '/api/fleet/agent_policies/outputs', '/api/fleet/epm/bulk_assets']);

/** Last path segments of POSTs that delete or cannot be undone (bulk deletes, resets, purges, key rotation, unenrolment). */
const DESTRUCTIVE_POST_SEGMENTS = new Set([
  '_bulk_delete',
  '_delete_instances',
  '_bulk_purge_rollup',
  '_reset',
  '_invalidate',
  '_rotate_key',
  'uninstall',
  'unenroll',
  'bulk_unenroll',
  'delete',
  '_bulk_uninstall',
  'rotate_key_pair',
]);

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A POST that changes nothing in Kibana (it may still cost: a search runs in Elasticsearch). */
export function isReadOnlyPost(path: string): boolean {
  return READ_ONLY_POST_SEGMENTS.has(lastSegment(path)) || READ_ONLY_POST_PATHS.has(path);
}

export function operationEffect(method: HttpMethod, path: string): OperationEffect {
  if (method === 'GET') return 'read';
  if (method === 'DELETE') return 'destructive';
  if (method !== 'POST') return 'write';
  if (isReadOnlyPost(path)) return 'read';
  return DESTRUCTIVE_POST_SEGMENTS.has(lastSegment(path)) ? 'destructive' : 'write';
}
