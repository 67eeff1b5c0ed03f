// describe_kibana_api: how to call one operation. Its arguments (`path_params`, `query`, `body`) as one
// schema, shown as deep as fits the result's budget, the headers the server sends for it, and where a
// part is shown in part, the schema_path that shows it whole.
import { operationKey } from '../kibana/http.js';
import type { ComponentStore } from '../schema/components.js';
import type { Schema } from '../schema/schema.js';
import { findOperation } from './call-target.js';
import type { OperationInput } from './operation-input.js';
import type { ApiOperations } from './operations.js';
import { ApiRefusal } from './refusal.js';
import { type ShownSchema, showSchema } from './shown-schema.js';

/** Characters of schema JSON one result may show: with the rest of the result, under 2,500 tokens (tested over every operation). */
export const MAX_SHOWN_CHARS = 7_500;

export interface DescribeInput {
  method: unknown;
  path: unknown;
  schema_path?: unknown;
}

export interface DescribeOptions {
  allowInternal?: boolean;
  isToolEnabled?: (name: string) => boolean;
}

const CUT_NOTICE = 'A part with a schema_path is shown in part: describe_kibana_api with that schema_path shows it.';
const SCHEMALESS_NOTICE =
  "No schema of this operation is known (no shipped spec describes it): call_kibana_api sends path_params, query and body unchecked. Starting the server with --spec kibana (or this Kibana's spec file) describes it.";

export function describeKibanaApi(api: ApiOperations, input: DescribeInput, options: DescribeOptions = {}): Record<string, unknown> {
  const { match } = findOperation(api.index, input.method, input.path, options);
  const operation = api.operation(match.template.entry);
  const components = api.components(operation);
  const call = api.input(operation);
  const key = operationKey(operation.method, operation.path);
  if (input.schema_path !== undefined) {
    const at = schemaPath(input.schema_path);
    const part = schemaAt(call.schema, at, components);
    if (!part)
      throw new ApiRefusal(
        'bad_input',
        `schema_path: "${at}" points at no part of the arguments of ${key}; use one a describe result shows`,
      );
    const shown = remembered(call, at, () => showSchema(part, at, components, MAX_SHOWN_CHARS));
    return { operation: key, schema_path: at, schema: shown.schema, ...cutNotice(shown) };
  }
  const curated = operation.curatedTool !== undefined && (options.isToolEnabled?.(operation.curatedTool) ?? true);
  const described: Record<string, unknown> = {
    operation: key,
    title: operation.title,
    tier: operation.effect,
    space_aware: operation.spaceAware,
    ...(curated ? { use_instead: operation.curatedTool } : {}),
    ...(operation.deprecated ? { deprecated: true } : {}),
  };
  if (call.body) described.body_media_type = call.body.mediaType;
  if (Object.keys(call.headers).length > 0) described.headers_sent = call.headers;
  if (call.unsentHeaders.length > 0) described.headers_not_sent = call.unsentHeaders;
  const shown = remembered(call, '', () => showArguments(call.schema, components));
  return { ...described, arguments: shown.schema, ...(operation.schemaless ? { notice: SCHEMALESS_NOTICE } : cutNotice(shown)) };
}

/** The arguments object, each argument in the room the ones before it left: path_params and query (small) first, the body last. */
function showArguments(schema: Schema, components: ComponentStore): ShownSchema {
  const { properties = {}, ...own } = schema;
  let room = MAX_SHOWN_CHARS - JSON.stringify(own).length;
  let cut = false;
  const shown: Record<string, unknown> = {};
  for (const [name, argument] of Object.entries(properties)) {
    const part = showSchema(argument, `/properties/${name}`, components, room);
    shown[name] = part.schema;
    cut ||= part.cut;
    room -= JSON.stringify(part.schema).length + name.length + 4;
  }
  return { schema: { ...own, properties: shown }, cut };
}

/** What each operation's arguments and parts look like once shown: the same for every call, and costly to find for large bodies. */
const shownParts = new WeakMap<OperationInput, Map<string, ShownSchema>>();

function remembered(call: OperationInput, at: string, show: () => ShownSchema): ShownSchema {
  let parts = shownParts.get(call);
  if (!parts) {
    parts = new Map();
    shownParts.set(call, parts);
  }
  let shown = parts.get(at);
  if (!shown) {
    shown = show();
    parts.set(at, shown);
  }
  return shown;
}

function cutNotice(shown: ShownSchema): { notice?: string } {
  return shown.cut ? { notice: CUT_NOTICE } : {};
}

function schemaPath(value: unknown): string {
  if (typeof value !== 'string' || (value !== '' && !value.startsWith('/'))) {
    throw new ApiRefusal(
      'bad_input',
      'schema_path: expected a JSON pointer such as /properties/body/properties/params, as a describe result shows it',
    );
  }
  return value;
}

/** Keywords whose value is a subschema, and those whose value holds subschemas by name or by index. */
const SUBSCHEMA_KEYWORDS = new Set(['items', 'additionalProperties', 'not']);
const SUBSCHEMA_HOLDERS = new Set(['properties', 'anyOf', 'oneOf', 'allOf']);

/** The part of `root` a JSON pointer names, following component references on the way; undefined when it names none. */
export function schemaAt(root: Schema, pointer: string, components: ComponentStore): Schema | undefined {
  const tokens = pointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: Schema = root;
  for (let i = 0; i < tokens.length; i += 1) {
    const schema = components.resolve(node) as Record<string, unknown>;
    const keyword = tokens[i]!;
    const value = Object.hasOwn(schema, keyword) ? schema[keyword] : undefined;
    if (SUBSCHEMA_KEYWORDS.has(keyword)) node = value as Schema;
    else if (SUBSCHEMA_HOLDERS.has(keyword) && typeof value === 'object' && value !== null && i + 1 < tokens.length) {
      i += 1;
      node = (Object.hasOwn(value, tokens[i]!) ? (value as Record<string, Schema>)[tokens[i]!] : undefined) as Schema;
    } else return undefined;
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  }
  return node;
}
