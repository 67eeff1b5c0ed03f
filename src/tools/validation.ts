// Zod validation errors as an agent can act on them: one line per bad argument, naming the
// field and what it expects (`objects[0].type: expected string, got number`).
import type { z } from 'zod';

export function formatValidationError(error: z.ZodError): string {
  return error.issues.flatMap((issue) => describeIssue(issue, [])).join('\n');
}

type Issue = z.core.$ZodIssue;

function describeIssue(issue: Issue, prefix: PropertyKey[]): string[] {
  const path = [...prefix, ...issue.path];
  switch (issue.code) {
    case 'invalid_type': {
      const got = receivedType(issue);
      if (got === 'undefined') {
        return path.length === 1 ? [`missing required argument "${String(path[0])}"`] : [`${fieldPath(path)}: missing required field`];
      }
      return [`${fieldPath(path)}: expected ${issue.expected}, got ${got}`];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => (path.length === 0 ? `unknown argument "${key}"` : `${fieldPath([...path, key])}: unknown field`));
    case 'invalid_value':
      return [`${fieldPath(path)}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`];
    case 'invalid_union': {
      // Name the member that came closest: the one with the fewest problems.
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0];
      if (closest && closest.length > 0 && closest.length <= 3) return closest.flatMap((inner) => describeIssue(inner, path));
      return [`${fieldPath(path)}: does not match any of the accepted shapes`];
    }
    default:
      return [`${fieldPath(path)}: ${issue.message}`];
  }
}

/** `objects[0].type`: how every message names a field. */
export function fieldPath(path: PropertyKey[]): string {
  if (path.length === 0) return '(arguments)';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');
}

/** Zod reports the input only when asked (`reportInput`); its message always names the received type. */
function receivedType(issue: Issue): string {
  if (issue.input !== undefined) return typeName(issue.input);
  return /received (\w+)/.exec(issue.message)?.[1] ?? 'undefined';
}

/** A value's JSON type as messages name it: `null`, `array`, `object`, `string`… */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
