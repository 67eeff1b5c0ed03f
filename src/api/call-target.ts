// Which operation a full-API call means, and the request path it may send: the method and path matched
// against the catalogue, the path parameters filled in one segment each, the space settled, the tier checked.
// Everything here runs before the body is validated and before anything reaches Kibana.
import { HTTP_METHODS, type HttpMethod, operationKey } from '../kibana/http.js';
import { DEFAULT_SPACE, SPACE_ID_PATTERN } from '../kibana/spaces.js';
import type { Tier } from '../tools/spec.js';
import type { ApiIndex } from './api-index.js';
import type { CatalogueEntry } from './catalogue.js';
import type { Capture, PathMatch } from './path-index.js';
import { matchPath } from './path-index.js';
import { type GivenSegment, parseGivenPath, segmentValueProblem } from './path-syntax.js';
import { ApiRefusal } from './refusal.js';
import { rankOperations } from './search-index.js';
import { assertWithinTier } from './tier.js';

export interface CallTarget {
  method: unknown;
  path: unknown;
  path_params?: unknown;
  space_id?: unknown;
}

export interface TargetOptions {
  /** The server's tier: operations above it are refused. Absent: no tier check (describe). */
  tier?: Tier;
  /** The operator allows `/internal/` paths (still only those in the catalogue). */
  allowInternal?: boolean;
}

export interface ResolvedCall {
  entry: CatalogueEntry;
  /** The matched template without a space prefix, as search shows it. */
  template: string;
  /** The request path: the template filled in, each value percent-encoded as one segment. Never carries `/s/{space}`. */
  path: string;
  pathParams: Record<string, string>;
  /** The space the call named (path prefix, `space_id`, or the template's space parameter); absent: the configured default. */
  space?: string;
}

/** The operation a method and path name, before any parameter is filled in. */
export interface FoundOperation {
  match: PathMatch;
  /** The `/s/<space>` prefix of the given path, if it had one. */
  givenSpace?: GivenSegment;
  method: HttpMethod;
  given: string;
}

const NEAR_OPERATIONS = 3;

function methodOf(method: unknown): HttpMethod {
  const upper = typeof method === 'string' ? method.toUpperCase() : undefined;
  if (upper && (HTTP_METHODS as readonly string[]).includes(upper)) return upper as HttpMethod;
  throw new ApiRefusal('bad_input', `method: expected one of ${HTTP_METHODS.join(', ')}`);
}

/** `/s/<space>/rest…` → the space segment and the rest; other paths unchanged. */
function splitGivenSpace(segments: GivenSegment[]): { space?: GivenSegment; rest: GivenSegment[] } {
  const [first, space, ...rest] = segments;
  if (first?.kind === 'value' && first.value === 's' && space && rest.length > 0) return { space, rest };
  return { rest: segments };
}

function nearOperations(index: ApiIndex, rest: readonly GivenSegment[]): string {
  const words = rest.map((segment) => (segment.kind === 'value' ? segment.value : '')).join(' ');
  const near = rankOperations(index.search, words, NEAR_OPERATIONS).map(({ entry }) => operationKey(entry.method, entry.path));
  const hint = 'search_kibana_api finds the operation for a task.';
  return near.length > 0 ? `Near ones: ${near.join(', ')}. ${hint}` : hint;
}

/** Finds the catalogue operation for a method and path (template or filled in), or refuses saying what exists. */
export function findOperation(index: ApiIndex, method: unknown, path: unknown, options: TargetOptions = {}): FoundOperation {
  const verb = methodOf(method);
  const segments = parseGivenPath(path);
  const { space, rest } = splitGivenSpace(segments);
  if (!options.allowInternal && rest[0]?.kind === 'value' && rest[0].value === 'internal') {
    throw new ApiRefusal(
      'internal',
      `${verb} ${path}: /internal/ paths are Kibana's own and change without notice; this server does not call them unless its operator allows it.`,
    );
  }
  const matches = matchPath(index.paths, rest);
  const match = matches.find((candidate) => candidate.template.entry.method === verb);
  if (match) return { match, method: verb, given: String(path), ...(space ? { givenSpace: space } : {}) };
  const methods = [...new Set(matches.map((candidate) => candidate.template.entry.method))];
  const trailing = String(path).endsWith('/') ? ' (drop the trailing "/")' : '';
  const what = `${verb} ${path} is not an operation of the connected Kibana${trailing}.`;
  if (methods.length > 0) throw new ApiRefusal('unknown_operation', `${what} This path takes: ${methods.join(', ')}.`);
  throw new ApiRefusal('unknown_operation', `${what} ${nearOperations(index, rest)}`);
}

function pathParamsOf(value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiRefusal('bad_input', 'path_params: expected an object of parameter name → value');
  }
  return value as Record<string, unknown>;
}

function paramValue(name: string, value: unknown): string {
  if (typeof value !== 'string') throw new ApiRefusal('path_params', `path_params.${name}: expected a string`);
  const problem = segmentValueProblem(value);
  if (problem) throw new ApiRefusal('path_params', `path_params.${name} ${problem}`);
  return value;
}

/** One value per parameter: from the path or from path_params, never two that disagree. */
function settleParameter(name: string, capture: Capture | undefined, params: Record<string, unknown>, used: Set<string>): string {
  const key =
    capture && 'placeholder' in capture && capture.placeholder !== name && Object.hasOwn(params, capture.placeholder)
      ? capture.placeholder
      : name;
  const given = Object.hasOwn(params, key) ? paramValue(key, params[key]) : undefined;
  if (given !== undefined) used.add(key);
  const inPath = capture && 'value' in capture ? capture.value : undefined;
  if (inPath !== undefined && given !== undefined && inPath !== given) {
    throw new ApiRefusal(
      'path_params',
      `path parameter ${name}: the path says "${inPath}" and path_params.${key} says "${given}"; give one`,
    );
  }
  const value = inPath ?? given;
  if (value === undefined)
    throw new ApiRefusal('path_params', `path parameter ${name} is missing: fill it in the path or give path_params.${name}`);
  const problem = segmentValueProblem(value);
  if (problem) throw new ApiRefusal('path_params', `path parameter ${name} ${problem}`);
  return value;
}

interface SpaceSource {
  what: string;
  value: string;
}

/** The space a call names, from wherever it names one; sources that disagree are refused. */
function settleSpace(found: FoundOperation, params: Record<string, unknown>, spaceId: unknown, used: Set<string>): string | undefined {
  const sources: SpaceSource[] = [];
  const { givenSpace } = found;
  if (givenSpace?.kind === 'value') sources.push({ what: `the path prefix /s/${givenSpace.value}`, value: givenSpace.value });
  const placeholder = givenSpace?.kind === 'placeholder' ? /^\{([^}]+)\}$/.exec(givenSpace.raw)?.[1] : undefined;
  if (givenSpace?.kind === 'placeholder' && placeholder === undefined) {
    throw new ApiRefusal('space', `path: the space segment "${givenSpace.raw}" must be a space id or one placeholder`);
  }
  for (const name of new Set([placeholder, found.match.template.spaceParameter])) {
    if (name === undefined || !Object.hasOwn(params, name)) continue;
    used.add(name);
    sources.push({ what: `path_params.${name}`, value: paramValue(name, params[name]) });
  }
  if (spaceId !== undefined) {
    if (typeof spaceId !== 'string') throw new ApiRefusal('bad_input', 'space_id: expected a string');
    sources.push({ what: 'space_id', value: spaceId });
  }
  for (const source of sources) {
    if (!SPACE_ID_PATTERN.test(source.value)) {
      throw new ApiRefusal('space', `${source.what}: "${source.value}" is not a space id (lower-case letters, digits, _ and -)`);
    }
  }
  const distinct = [...new Set(sources.map((source) => source.value))];
  if (distinct.length > 1) {
    throw new ApiRefusal(
      'space',
      `the call names two spaces: ${sources.map((source) => `${source.what} says "${source.value}"`).join(', ')}; give one`,
    );
  }
  const space = distinct[0];
  const { entry } = found.match.template;
  if (space !== undefined && space !== DEFAULT_SPACE && !entry.spaceAware) {
    throw new ApiRefusal(
      'space',
      `${entry.method} ${found.match.template.path} is global to Kibana, not in a space: drop the space ("${space}")`,
    );
  }
  return space;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name]!));
}

/** The request a full-API call may send, or a refusal that says why not and what to do. */
export function resolveCall(index: ApiIndex, target: CallTarget, options: TargetOptions = {}): ResolvedCall {
  const found = findOperation(index, target.method, target.path, options);
  const { template, captures } = found.match;
  if (options.tier) assertWithinTier(template.entry, options.tier);
  const params = pathParamsOf(target.path_params);
  const used = new Set<string>();
  const space = settleSpace(found, params, target.space_id, used);
  const pathParams: Record<string, string> = {};
  for (const segment of template.segments) {
    for (const name of segment.names) pathParams[name] = settleParameter(name, captures.get(name), params, used);
  }
  const unknown = Object.keys(params).filter((key) => !used.has(key));
  if (unknown.length > 0) {
    const expected = Object.keys(pathParams).join(', ') || '(none)';
    throw new ApiRefusal(
      'path_params',
      `path_params: unknown ${unknown.map((key) => `"${key}"`).join(', ')}; this operation's path parameters: ${expected}`,
    );
  }
  return {
    entry: template.entry,
    template: template.path,
    path: fill(template.path, pathParams),
    pathParams,
    ...(space === undefined ? {} : { space }),
  };
}
