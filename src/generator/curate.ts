// The team's selection entry applied to an operation's facts: our title, description and argument
// descriptions put where the facts are, the parameters the spec over-requires relaxed, and the body
// properties whose spec schema lists only some of the shapes Kibana accepts taken as any object.
import { operationKey } from '../kibana/http.js';
import type { Operation, Parameter } from '../openapi/model.js';
import type { ComponentStore } from '../schema/components.js';
import { refName } from '../schema/refs.js';
import type { Schema } from '../schema/schema.js';
import { flatObjectShape, wholeQueryShape } from './tool-model.js';
import type { ToolEntry } from './toolsets.js';

export interface Curated {
  operation: Operation;
  /** Entry keys that refer to arguments the operation does not have. */
  warnings: string[];
}

export function curate(facts: Operation, entry: ToolEntry, components: ComponentStore): Curated {
  const operation: Operation = { ...facts, summary: entry.title, description: entry.description };
  const pending = new Map(Object.entries(entry.args));
  operation.parameters = facts.parameters.map((param) => describeParameter(param, pending, components));
  const bodyProperties = new Set<string>();
  const loose = new Set(entry.loose);
  if (facts.requestBody) {
    const requestBody = { ...facts.requestBody };
    for (const name of Object.keys(flatObjectShape(requestBody.schema, components)?.properties ?? {})) bodyProperties.add(name);
    if (loose.size > 0) requestBody.schema = loosened(requestBody.schema, loose, components);
    if (pending.size > 0) requestBody.schema = describeProperties(requestBody.schema, pending, components);
    // Arguments of a body that stays one argument (unions, arrays) are described on the body.
    if (pending.size > 0) {
      requestBody.description = [...pending].map(([name, text]) => `${name}: ${text}`).join(' ');
      pending.clear();
    }
    operation.requestBody = requestBody;
  }
  const problems = [...pending.keys(), ...loose];
  for (const name of entry.omit)
    if (!facts.parameters.some((p) => p.name === name && p.in === 'query') && !bodyProperties.has(name)) problems.push(name);
  const key = operationKey(entry.method, entry.path);
  const warnings = problems.map((name) => `${key}: "${name}" (args, omit or loose) matches no parameter or body property`);
  for (const name of entry.optional) {
    const index = operation.parameters.findIndex((p) => p.name === name && p.in !== 'path' && p.required);
    const param = operation.parameters[index];
    if (!param) warnings.push(`${key}: "${name}" (optional) is no required query or header parameter`);
    else operation.parameters[index] = { ...param, required: false };
  }
  return { operation, warnings };
}

function describeParameter(param: Parameter, pending: Map<string, string>, components: ComponentStore): Parameter {
  const text = pending.get(param.name);
  if (text !== undefined) {
    pending.delete(param.name);
    return { ...param, description: text };
  }
  return wholeQueryShape(param, components) ? { ...param, schema: describeProperties(param.schema, pending, components) } : param;
}

/** A copy of an object schema whose properties named in `pending` carry our text; those names leave `pending`. */
function describeProperties(schema: Schema, pending: Map<string, string>, components: ComponentStore): Schema {
  const own = topLevelObject(schema, components);
  const properties = own.properties ?? {};
  for (const [name, text] of pending) {
    const property = properties[name];
    if (!property) continue;
    properties[name] = { ...property, description: text };
    pending.delete(name);
  }
  return own;
}

/** A copy of an object schema whose properties named in `names` are any object (keeping their descriptions); those names leave `names`. */
function loosened(schema: Schema, names: Set<string>, components: ComponentStore): Schema {
  const own = topLevelObject(schema, components);
  for (const name of names) {
    const property = own.properties?.[name];
    if (!property || !own.properties) continue;
    own.properties[name] = property.description === undefined ? { type: 'object' } : { type: 'object', description: property.description };
    names.delete(name);
  }
  return own;
}

/** The schema with a top-level component reference replaced by a copy, so its properties can carry our descriptions. */
function topLevelObject(schema: Schema, components: ComponentStore): Schema {
  const name = refName(schema);
  const target = name === undefined ? schema : components.get(name);
  if (!target?.properties) return schema;
  return { ...target, properties: { ...target.properties } };
}
