// What no validator should ever see: strings that are not valid Unicode (a lone surrogate cannot be
// percent-encoded into a path or query, and is silently replaced in a body) and nesting deeper than
// any Kibana body needs (validators and serialisers recurse, and would overflow the stack), and a
// property named `__proto__` (a validator builds its output by assignment, which would drop it
// without a word). Checked once, over every argument of every tool, before the tool's own validator runs.
import { fieldPath } from './validation.js';

/** Deeper than any Kibana request body (dashboards and query DSL stay well under 30). */
export const MAX_ARGUMENT_DEPTH = 64;

const LONE_SURROGATE = /\p{Cs}/u;

/** One line per argument that breaks a rule, naming the field; empty when all are sound. */
export function argumentShapeProblems(args: Record<string, unknown>): string[] {
  return Object.entries(args).flatMap(([name, value]) => {
    if (LONE_SURROGATE.test(name)) return [`${JSON.stringify(name)}: argument name is not valid Unicode (a lone surrogate)`];
    const problem = problemIn(value, [name], 1);
    return problem === undefined ? [] : [problem];
  });
}

/** The first problem found in `value`, which sits `depth` levels down its argument. */
function problemIn(value: unknown, path: PropertyKey[], depth: number): string | undefined {
  if (typeof value === 'string') {
    const at = value.search(LONE_SURROGATE);
    return at < 0 ? undefined : `${fieldPath(path)}: not valid Unicode (a lone surrogate at character ${at})`;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_ARGUMENT_DEPTH) {
    return `${fieldPath(path.slice(0, 1))}: nested deeper than ${MAX_ARGUMENT_DEPTH} levels, the limit for any argument`;
  }
  const entries: Array<[PropertyKey, unknown]> = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  for (const [key, item] of entries) {
    if (typeof key === 'string' && LONE_SURROGATE.test(key))
      return `${fieldPath(path)}: a property name is not valid Unicode (a lone surrogate)`;
    if (key === '__proto__') return `${fieldPath(path)}: a property cannot be named "__proto__"`;
    const problem = problemIn(item, [...path, key], depth + 1);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
