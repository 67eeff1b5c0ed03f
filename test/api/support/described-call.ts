// Arguments for call_kibana_api made only from what describe_kibana_api answers, as an agent makes
// them: the required skeleton filled in (test/support/synthesize.ts), what tells a union member from
// the others sent so that the value is that member's alone, and a part shown in part
// described again with its schema_path wherever the call must send it.
import { describeKibanaApi } from '../../../src/api/describe.js';
import type { ApiOperations } from '../../../src/api/operations.js';
import { SCHEMA_PATH } from '../../../src/api/shown-schema.js';
import type { CatalogueOperation } from '../../../src/catalogue/model.js';
import { synthesize } from '../../support/synthesize.js';

type Shown = Record<string, unknown>;

/** Parts described again within one call's arguments, at most. */
const MAX_EXPANSIONS = 200;

export function describedArguments(api: ApiOperations, operation: CatalogueOperation, space: string): Record<string, unknown> {
  const options = { allowInternal: true };
  const described = describeKibanaApi(api, { method: operation.method, path: operation.path }, options);
  let expansions = 0;
  const expand = (at: string): Shown => {
    expansions += 1;
    if (expansions > MAX_EXPANSIONS)
      throw new Error(`${operation.method} ${operation.path}: more than ${MAX_EXPANSIONS} parts to describe`);
    return describeKibanaApi(api, { method: operation.method, path: operation.path, schema_path: at }, options).schema as Shown;
  };
  const schema = needed(described.arguments as Shown, expand, true);
  const args = synthesize(schema, { optional: true });
  return { method: operation.method, path: operation.path, ...args, ...(operation.spaceAware ? { space_id: space } : {}) };
}

/** The shown schema with every part the call must send described whole: required properties, items, union members. */
function needed(schema: Shown, expand: (at: string) => Shown, root = false): Shown {
  let node = schema;
  for (let depth = 0; typeof node[SCHEMA_PATH] === 'string' && depth < 12; depth += 1) node = { ...expand(node[SCHEMA_PATH] as string) };
  const out: Shown = { ...node };
  const required = new Set((node.required as string[] | undefined) ?? []);
  if (node.properties || required.size > 0) {
    // A required name the spec gives no schema for is sent all the same, with any value.
    const properties = { ...Object.fromEntries([...required].map((key) => [key, {}])), ...(node.properties as Record<string, Shown>) };
    out.properties = Object.fromEntries(
      Object.entries(properties).map(([key, sub]) => [key, root || required.has(key) ? needed(sub, expand) : sub]),
    );
  }
  if (node.items) out.items = needed(node.items as Shown, expand);
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    if (!Array.isArray(node[key])) continue;
    const members = (node[key] as Shown[]).map((member) => needed(member, expand));
    out[key] = key === 'allOf' ? members : members.map((member) => needed(singledOut(member, members), expand));
  }
  return Array.isArray(out.allOf) ? merged(out) : out;
}

/** An intersection of objects as one object: what a value must have to satisfy every part (synthesize merges only the top level). */
function merged(schema: Shown): Shown {
  const { allOf, ...own } = schema;
  const parts = [own, ...(allOf as Shown[]).map((part) => (Array.isArray(part.allOf) ? merged(part) : part))];
  if (!parts.every((part) => part.properties || part.type === 'object' || Object.keys(part).length === 0)) return schema;
  const properties: Record<string, Shown[]> = {};
  for (const part of parts) {
    for (const [key, sub] of Object.entries((part.properties ?? {}) as Record<string, Shown>)) (properties[key] ??= []).push(sub);
  }
  return {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(properties).map(([key, subs]) => [key, subs.length === 1 ? subs[0]! : merged({ allOf: subs })]),
    ),
    required: [...new Set(parts.flatMap((part) => (part.required as string[] | undefined) ?? []))],
  };
}

/**
 * A union member with what tells it from the others sent: its pinned properties (one allowed value), or
 * else a property of its own that every other member refuses (they allow no other properties).
 */
function singledOut(member: Shown, members: Shown[]): Shown {
  const properties = (member.properties ?? {}) as Record<string, Shown>;
  let marks = Object.keys(properties).filter(
    (key) => 'const' in properties[key]! || (properties[key]!.enum as unknown[] | undefined)?.length === 1,
  );
  if (marks.length === 0) {
    const others = members.filter((other) => other !== member);
    const refused = (key: string) =>
      others.every((other) => other.additionalProperties === false && !Object.hasOwn((other.properties ?? {}) as object, key));
    marks = Object.keys(properties).filter(refused).slice(0, 1);
  }
  if (marks.length === 0) return member;
  return { ...member, required: [...new Set([...((member.required as string[] | undefined) ?? []), ...marks])] };
}
