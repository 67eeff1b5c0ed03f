// Whether a request Kibana received carries everything a caller sent: each argument where its
// tool's mapping puts it (path, query, header, body), with every nested key and item it had.
import { SPACE_ARG, type ToolSpec } from '../../src/tools/spec.js';
import type { RecordedRequest } from '../../harness/recording-kibana.js';

/** The arguments of `sent` that did not arrive whole in `request`, with why. */
export function droppedArguments(spec: ToolSpec, sent: Record<string, unknown>, request: RecordedRequest): string[] {
  const dropped: string[] = [];
  for (const name of Object.keys(sent)) {
    const value = sent[name];
    if (value === undefined) continue;
    const why = missingFrom(spec, name, value, request);
    if (why !== undefined) dropped.push(`${name}: ${why}`);
  }
  return dropped;
}

function missingFrom(spec: ToolSpec, name: string, value: unknown, request: RecordedRequest): string | undefined {
  const { request: mapping } = spec;
  if (name === SPACE_ARG && spec.spaceAware) {
    const inSpace = value === 'default' || request.path.startsWith(`/s/${String(value)}/`);
    return inSpace ? undefined : `not in the space prefix of ${request.path}`;
  }
  const param = mapping.params.find((binding) => binding.arg === name);
  if (param?.in === 'path') {
    const segments = request.path.split('/').map((segment) => decodeURIComponent(segment));
    return segments.includes(String(value)) ? undefined : `not a segment of ${request.path.slice(0, 200)}`;
  }
  if (param?.in === 'query') {
    const received = request.query.getAll(param.name);
    return containsQuery(received, value) ? undefined : `query "${param.name}" is ${JSON.stringify(received).slice(0, 200)}`;
  }
  if (param?.in === 'header') return request.headers[param.name.toLowerCase()] === undefined ? `no header ${param.name}` : undefined;
  const body = mapping.body;
  if (body?.kind === 'fields' && Object.hasOwn(body.fields, name)) {
    const parsed = parseBody(request);
    const field = body.fields[name] as string;
    return isObject(parsed) && Object.hasOwn(parsed, field) && contains(own(parsed, field), value)
      ? undefined
      : `body field "${field}" differs`;
  }
  if (body?.kind === 'arg' && body.arg === name) {
    const parsed =
      body.encoding === 'ndjson'
        ? request.body
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line))
        : parseBody(request);
    return contains(parsed, value) ? undefined : 'the body differs';
  }
  if (body?.kind === 'multipart') {
    const part = body.parts.find((candidate) => candidate.arg === name);
    if (part) {
      const items = Array.isArray(value) && part.as === 'ndjson-file' ? value : [value];
      const texts = items.map((item) => (typeof item === 'string' && part.as === 'text' ? item : JSON.stringify(item)));
      return texts.every((text) => request.body.includes(text)) ? undefined : `multipart part "${part.field}" lacks it`;
    }
  }
  return 'no part of the request carries it';
}

/**
 * Query values as the client writes them: arrays repeat the key, objects travel as JSON, numbers
 * as decimals (never `1e+308`), and null is no value, since a query string cannot say null.
 */
function containsQuery(received: string[], value: unknown): boolean {
  const expected = (Array.isArray(value) ? value : [value]).filter((item) => item !== null && item !== undefined);
  return expected.every((item) => received.some((text) => sameQueryValue(text, item)));
}

function sameQueryValue(text: string, item: unknown): boolean {
  if (typeof item === 'number') return Number(text) === item;
  if (typeof item === 'object') return contains(JSON.parse(text), item);
  return text === String(item);
}

function parseBody(request: RecordedRequest): unknown {
  try {
    return JSON.parse(request.body);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** An own property, `__proto__` included, without reading through the prototype. */
const own = (object: Record<string, unknown>, key: string): unknown => Object.getOwnPropertyDescriptor(object, key)?.value;

/**
 * Whether `actual` holds all of `expected`: every key of every object (more are allowed: defaults),
 * every item of every array, equal scalars (a number may arrive as its text). Without recursion:
 * the values may be nested thousands deep.
 */
export function contains(actual: unknown, expected: unknown): boolean {
  const pending: Array<[unknown, unknown]> = [[actual, expected]];
  for (let pair = pending.pop(); pair; pair = pending.pop()) {
    const [a, e] = pair;
    if (Array.isArray(e)) {
      if (!Array.isArray(a) || a.length !== e.length) return false;
      e.forEach((item, index) => pending.push([a[index], item]));
    } else if (isObject(e)) {
      if (!isObject(a)) return false;
      for (const key of Object.keys(e)) {
        if (!Object.hasOwn(a, key)) return false;
        pending.push([own(a, key), own(e, key)]);
      }
    } else if (a !== e && !(typeof a !== typeof e && String(a) === String(e))) {
      return false;
    }
  }
  return true;
}
