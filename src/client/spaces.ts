// Which Kibana paths live inside a space (and so take a `/s/{space}` prefix).

export const DEFAULT_SPACE = 'default';

/**
 * Path prefixes of APIs that are global to Kibana: never prefixed with `/s/{space}`. Only the
 * space CRUD is global: `/api/spaces/_copy_saved_objects` and its siblings read their source
 * space from the `/s/{space}` prefix.
 */
const SPACE_AGNOSTIC_PREFIXES = [
  '/api/spaces/space',
  '/api/security/',
  '/api/status',
  '/api/short_url',
  '/api/upgrade_assistant/',
  '/api/task_manager/',
  '/api/features',
  '/api/logstash/',
  '/api/encrypted_saved_objects/',
];

/** Matches a path that already names its space, as the SLO APIs do (`/s/{spaceId}/api/...`). */
const EXPLICIT_SPACE = /^\/s\/[^/]+\//;

export function isSpaceAwarePath(path: string): boolean {
  if (EXPLICIT_SPACE.test(path)) return false;
  return !SPACE_AGNOSTIC_PREFIXES.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix));
}

/** A path template that names its space as a parameter (`/s/{spaceId}/api/...`): that parameter and the rest. */
export function splitSpaceParameter(template: string): { parameter: string; rest: string } | undefined {
  const match = /^\/s\/\{([^}]+)\}(\/.*)$/.exec(template);
  return match ? { parameter: match[1]!, rest: match[2]! } : undefined;
}

/** Space ids are lower-case letters, digits, `_` and `-` (Kibana's own rule). */
export const SPACE_ID_PATTERN = /^[a-z0-9_-]+$/;
