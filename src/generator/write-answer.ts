// What a write tool says about its answer, for the runtime (src/tools/write-answers.ts, no-change.ts):
// compact, advertising the `full` argument that asks for the whole answer, unless toolsets.yaml says
// `answer: whole`; and, for a write Kibana may acknowledge without acting, the read that tells
// (`keeps_existing`), checked against the tool's arguments and the read operation.
import { canonicalPath, isSpaceAwarePath } from '../kibana/spaces.js';
import type { Operation } from '../openapi/model.js';
import type { ComponentStore } from '../schema/components.js';
import { typesOf, type Schema } from '../schema/schema.js';
import type { JsonSchemaObject, KeepsExisting, Tier, WriteAnswer } from '../tools/spec.js';
import { FULL_ARGUMENT, FULL_ARGUMENT_SCHEMA } from '../tools/write-answers.js';
import type { ToolModel } from './tool-model.js';
import type { ToolEntry } from './toolsets.js';

/** How a tool of `tier` answers: writes compactly unless the entry says whole; a read has no say, nor a read-back rule. */
export function writeAnswerOf(entry: ToolEntry, tier: Tier, operation: string): WriteAnswer | undefined {
  if (tier !== 'read') return entry.answer ?? 'compact';
  if (entry.answer || entry.keepsExisting)
    throw new Error(`${operation} is read-only: ${entry.answer ? 'answer' : 'keeps_existing'} is for write tools`);
  return undefined;
}

/** A compact write's own argument may not take the name of `full`, which the runtime keeps for itself. */
export function assertFullIsFree(input: Schema, writeAnswer: WriteAnswer | undefined, operation: string): void {
  if (writeAnswer === 'compact' && input.properties && Object.hasOwn(input.properties, FULL_ARGUMENT))
    throw new Error(
      `${operation} has its own argument "${FULL_ARGUMENT}", the name compact writes give the argument that asks for the whole answer`,
    );
}

/** The advertised schema of a compact write: its own arguments, then `full` (never required). */
export function withFullArgument(schema: JsonSchemaObject, writeAnswer: WriteAnswer | undefined): JsonSchemaObject {
  if (writeAnswer !== 'compact') return schema;
  return { ...schema, properties: { ...schema.properties, [FULL_ARGUMENT]: FULL_ARGUMENT_SCHEMA } };
}

/**
 * The entry's keeps_existing rule for this variant, checked: `unless` is a boolean argument of the
 * tool, `argument` is one of its arguments, and the read (`read`, the GET of the same facts document)
 * lives where the write does (in a space or not) and needs no path parameter the write lacks, since
 * the runtime sends it with the write's space and path parameters.
 */
export function keepsExistingOf(
  entry: ToolEntry,
  model: ToolModel,
  components: ComponentStore,
  read: Operation | undefined,
): KeepsExisting | undefined {
  const rule = entry.keepsExisting;
  if (!rule) return undefined;
  const problem = (text: string) => new Error(`keeps_existing of ${entry.name}: ${text}`);
  const properties = model.input.properties ?? {};
  const argumentsList = Object.keys(properties).join(', ');
  const unless = properties[rule.unless];
  const types = unless && typesOf(components.resolve(unless));
  if (!types?.includes('boolean') || types.some((type) => type !== 'boolean' && type !== 'null'))
    throw problem(`unless "${rule.unless}" is not a boolean argument of the tool (its arguments: ${argumentsList})`);
  if (!Object.hasOwn(properties, rule.argument))
    throw problem(`argument "${rule.argument}" is not an argument of the tool (its arguments: ${argumentsList})`);
  const label = `read GET ${rule.read.path}`;
  if (!read) throw problem(`${label} is not an operation of the facts document; select it in toolsets.yaml`);
  const where = (inSpace: boolean) => (inSpace ? 'lives in a space' : 'is global');
  if (isSpaceAwarePath(read.path) !== model.spaceAware)
    throw problem(`${label} ${where(!model.spaceAware)}, the write ${where(model.spaceAware)}`);
  const writeParams = new Set(model.request.params.filter((param) => param.in === 'path').map((param) => param.name));
  const missing = pathParameters(canonicalPath(read.path)).filter((name) => !writeParams.has(name));
  if (missing.length > 0) throw problem(`${label} needs path parameters the write does not have: ${missing.join(', ')}`);
  return { ...rule, read: { method: 'GET', path: canonicalPath(read.path) } };
}

function pathParameters(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
}
