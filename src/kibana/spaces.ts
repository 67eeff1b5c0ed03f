// Kibana's rules for spaces: which paths live inside one, and what a space id may be.
import { operationKey } from './http.js';

export const DEFAULT_SPACE = 'default';

/** Space ids are lower-case letters, digits, `_` and `-` (Kibana's own rule), as JSON Schema `pattern` text. */
export const SPACE_ID_SOURCE = '^[a-z0-9_-]+$';
export const SPACE_ID_PATTERN = new RegExp(SPACE_ID_SOURCE);

/** A request path that starts with a space prefix: the space id and the rest (`/s/marketing/api/…`). */
const SPACE_PREFIX = new RegExp(`^/s/(${SPACE_ID_SOURCE.slice(1, -1)})(/.*)$`);

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

/** Whether an operation's path template (as the spec writes it) lives in a space. */
export function isSpaceAwarePath(template: string): boolean {
  if (splitSpaceParameter(template)) return true;
  if (template.startsWith('/s/')) return false;
  return !SPACE_AGNOSTIC_PREFIXES.some((prefix) => template === prefix.replace(/\/$/, '') || template.startsWith(prefix));
}

/** A path template that names its space as a parameter (`/s/{spaceId}/api/...`, as the SLO APIs do): that parameter and the rest. */
export function splitSpaceParameter(template: string): { parameter: string; rest: string } | undefined {
  const match = /^\/s\/\{([^}]+)\}(\/.*)$/.exec(template);
  return match ? { parameter: match[1]!, rest: match[2]! } : undefined;
}

/** The space a request path names and the path without it; no prefix means the default space. */
export function splitSpacePrefix(pathname: string): { space: string; path: string } {
  const match = SPACE_PREFIX.exec(pathname);
  return match ? { space: match[1]!, path: match[2]! } : { space: DEFAULT_SPACE, path: pathname };
}

/** A path template as tools address it: without a `/s/{spaceId}` prefix, since the space travels as an argument. */
export function canonicalPath(template: string): string {
  return splitSpaceParameter(template)?.rest ?? template;
}

/** The key of an operation across specs and versions: method + path, without a `/s/{spaceId}` prefix. */
export function canonicalKey(method: string, template: string): string {
  return operationKey(method, canonicalPath(template));
}
