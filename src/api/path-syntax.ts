// What a path given to the full-API tools may look like: one segment per template part, nothing that a
// server or proxy could read as another path. Checked before any lookup; each failure says what to do instead.
import { MAX_PATH_LENGTH } from './limits.js';
import { ApiRefusal } from './refusal.js';

/** A segment of a given path: a value (percent-decoded) or a template placeholder written as in the spec (`{agentId}`). */
export type GivenSegment = { kind: 'value'; value: string } | { kind: 'placeholder'; raw: string };

const PLACEHOLDER_SEGMENT = /^[^{}]*(\{[A-Za-z0-9_.-]+\}[^{}]*)+$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Percent-escapes still present after one decoding: a value encoded twice to slip a separator past a check. */
const ENCODED_SEPARATOR = /%(2f|5c|2e|3f|23)/i;

/** Why a value cannot be one path segment, or undefined when it can. The same rule for path values and `path_params`. */
export function segmentValueProblem(value: string): string | undefined {
  if (value === '') return 'is empty';
  if (value === '.' || value === '..') return `is "${value}", which would move to another path`;
  if (value.includes('/') || value.includes('\\')) return 'contains a slash (a value must stay one path segment)';
  if (value.includes('?') || value.includes('#')) return 'contains "?" or "#" (query parameters go in query, never in the path)';
  if (CONTROL.test(value)) return 'contains a control character';
  if (ENCODED_SEPARATOR.test(value)) return 'contains a percent-encoded separator (%2F, %5C, %2E, %3F or %23); pass values unencoded';
  return undefined;
}

function refuse(path: string, why: string): never {
  throw new ApiRefusal('bad_path', `path "${path}" ${why}`);
}

/** The segments of a path as an agent gave it (template, filled in, or a mix), after the checks above. */
export function parseGivenPath(path: unknown): GivenSegment[] {
  if (typeof path !== 'string' || path === '')
    throw new ApiRefusal('bad_input', 'path: expected a path such as /api/fleet/agents/{agentId}');
  if (path.length > MAX_PATH_LENGTH) throw new ApiRefusal('bad_input', `path: longer than ${MAX_PATH_LENGTH} characters`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) refuse(path, 'is a URL: give only the path, starting at /api (the server knows where Kibana is)');
  if (!path.startsWith('/')) refuse(path, 'must start with "/" (for example /api/status)');
  if (path.includes('?') || path.includes('#')) refuse(path, 'contains "?" or "#": put query parameters in query, not in the path');
  if (path.includes('\\')) refuse(path, 'contains a backslash');
  if (/\s/.test(path) || CONTROL.test(path)) refuse(path, 'contains spaces or control characters: put such values in path_params');
  const parts = path.slice(1).split('/');
  // A trailing "/" is kept as an empty last segment: it matches only a template that has one (Kibana has a few).
  if (parts.slice(0, -1).some((part) => part === '')) refuse(path, 'has an empty segment ("//")');
  return parts.map((part, i): GivenSegment => {
    if (part === '' && i === parts.length - 1) return { kind: 'value', value: '' };
    if (part.includes('{') || part.includes('}')) {
      if (!PLACEHOLDER_SEGMENT.test(part)) refuse(path, `has a malformed placeholder "${part}"`);
      return { kind: 'placeholder', raw: part };
    }
    let value: string;
    try {
      value = decodeURIComponent(part);
    } catch {
      refuse(path, `has a malformed percent-escape in "${part}"`);
    }
    const problem = segmentValueProblem(value);
    if (problem) refuse(path, `has a segment "${part}" that ${problem}`);
    return { kind: 'value', value };
  });
}
