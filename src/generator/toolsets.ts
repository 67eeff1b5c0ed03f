// Reads `openapi/toolsets.yaml`, the team-written selection, into typed entries, and refuses
// anything its header does not define: unknown keys, wrong types, values that say nothing.
// A tool with several operations (`ops`) gives one entry per operation, all of the same name.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { operationKey, type HttpMethod } from '../kibana/http.js';
import type { VersionRange } from '../kibana/versions.js';
import { isObject } from '../openapi/json.js';
import type { KeepsExisting, Tier } from '../tools/spec.js';
import { CONCEPTS } from './argument-names.js';
import { Fields } from './yaml-fields.js';

/** One operation of a tool, with everything the tool says about it. */
export interface ToolEntry {
  toolset: string;
  method: HttpMethod;
  path: string;
  name: string;
  title: string;
  description: string;
  readOnly: boolean;
  tier?: Tier;
  idempotent?: boolean;
  /** Sets destructiveHint on a write tool that overwrites or replaces, without changing its tier. */
  destructiveHint: boolean;
  openWorld: boolean;
  /** Our descriptions of arguments, by upstream name. */
  args: Record<string, string>;
  omit: string[];
  /** Parameters the spec requires but Kibana does not. */
  optional: string[];
  /** Wire names that stand for a recurring concept on this operation only, by upstream name → concept (see argument-names.ts). */
  rename: Record<string, string>;
  /** Top-level body properties whose spec schema lists only some of the shapes Kibana accepts: taken as any object. */
  loose: string[];
  /** Versions the team knows the operation exists on where the specs cannot tell (see `from`/`until`). */
  versions: VersionRange;
  /** A write whose answer is the result asked for (a connector run): answered whole, without `full`. */
  answer?: 'whole';
  /** A write Kibana may acknowledge without acting (see KeepsExisting); checked against the tool when it is generated. */
  keepsExisting?: KeepsExisting;
}

export interface Toolset {
  id: string;
  description: string;
  default: boolean;
  /** One entry per operation: a tool with several operations has several entries, in the file's order. */
  tools: ToolEntry[];
}

const TOOLSET_ID = /^[a-z0-9_]+$/;
const TOOL_NAME = /^[a-z0-9_]{1,48}$/;
const OP = /^(GET|POST|PUT|PATCH|DELETE) (\/\S*)$/;
const TIERS: readonly Tier[] = ['read', 'write', 'destructive'];
const TOOLSET_KEYS = ['default', 'description', 'tools'] as const;
const OPERATION_KEYS = ['op', 'from', 'until', 'description', 'args', 'omit', 'optional', 'rename', 'loose'] as const;
const ENTRY_KEYS = [
  'op',
  'ops',
  'from',
  'until',
  'name',
  'title',
  'description',
  'read_only',
  'tier',
  'idempotent',
  'destructive_hint',
  'open_world',
  'args',
  'omit',
  'optional',
  'rename',
  'loose',
  'answer',
  'keeps_existing',
] as const;
const KEEPS_EXISTING_KEYS = ['unless', 'read', 'field', 'argument'] as const;

export async function loadToolsets(file: string): Promise<Toolset[]> {
  return parseToolsets(await readFile(file, 'utf8'), file);
}

export function parseToolsets(text: string, source = 'toolsets.yaml'): Toolset[] {
  const doc: unknown = parse(text);
  if (!isObject(doc) || !isObject(doc.toolsets)) throw new Error(`${source}: missing "toolsets" map`);
  const extra = Object.keys(doc).filter((key) => key !== 'toolsets');
  if (extra.length > 0) throw new Error(`${source}: unknown top-level key "${extra[0]}" (only "toolsets")`);
  const names = new Set<string>();
  const ops = new Set<string>();
  return Object.entries(doc.toolsets).map(([id, raw]) => {
    const where = `${source}: toolset "${id}"`;
    if (!TOOLSET_ID.test(id)) throw new Error(`${where}: the id must match ${TOOLSET_ID}`);
    const fields = new Fields(raw, where, TOOLSET_KEYS);
    const description = fields.string('description');
    if (description.includes('\n')) throw new Error(`${where}: "description" must be one line`);
    const tools = fields.list('tools').flatMap((raw, index) => {
      const operations = parseTool(raw, id, `${where}, tool #${index + 1}`);
      const name = operations[0]!.name;
      if (names.has(name)) throw new Error(`${where}: duplicate tool name ${name}`);
      names.add(name);
      for (const { method, path } of operations) {
        const key = operationKey(method, path);
        if (ops.has(key)) throw new Error(`${where}: operation ${key} selected twice`);
        ops.add(key);
      }
      return operations;
    });
    return { id, description, default: fields.boolean('default') ?? false, tools };
  });
}

function parseTool(raw: unknown, toolset: string, position: string): ToolEntry[] {
  const label = isObject(raw) && typeof raw.name === 'string' ? `${position} (${raw.name})` : position;
  const fields = new Fields(raw, label, ENTRY_KEYS);
  const name = fields.string('name');
  if (!TOOL_NAME.test(name)) throw new Error(`${label}: name "${name}" must match ${TOOL_NAME}`);
  const hasOps = fields.has('ops');
  if (hasOps === fields.has('op')) throw new Error(`${label}: give either "op" (one operation) or "ops" (one per range of versions)`);
  if (hasOps && (fields.has('from') || fields.has('until')))
    throw new Error(`${label}: with "ops", "from" and "until" go on each operation`);
  const shared = argumentFields(fields);
  const items = hasOps ? fields.list('ops') : [];
  if (hasOps && items.length < 2) throw new Error(`${label}: "ops" lists at least two operations (use "op" for one)`);
  const operations: OperationFields[] = hasOps
    ? items.map((item, index) => {
        const where = `${label}, ops #${index + 1}`;
        const own = new Fields(item, where, OPERATION_KEYS);
        const args = argumentFields(own);
        return {
          ...operationOf(own, where),
          description: own.optionalString('description')?.trim(),
          args: { ...shared.args, ...args.args },
          omit: [...new Set([...shared.omit, ...args.omit])],
          optional: [...new Set([...shared.optional, ...args.optional])],
          rename: { ...shared.rename, ...args.rename },
          loose: [...new Set([...shared.loose, ...args.loose])],
        };
      })
    : [{ ...operationOf(fields, label), description: undefined, ...shared }];
  const description = fields.optionalString('description')?.trim();
  const readOnly = fields.flag('read_only');
  const tier = fields.oneOf('tier', TIERS);
  const destructiveHint = fields.flag('destructive_hint');
  const idempotent = fields.boolean('idempotent');
  const title = fields.string('title');
  const openWorld = fields.flag('open_world');
  const answer = wholeAnswer(fields);
  const keepsExisting = keepsExistingOf(fields);
  return operations.map(({ method, path, versions, description: own, args, omit, optional, rename, loose, where }) => {
    if (readOnly && method !== 'POST')
      throw new Error(`${where}: read_only is for POSTs that only read; a ${method} is read-only or not by its method`);
    if (readOnly && tier !== undefined && tier !== 'read') throw new Error(`${where}: read_only contradicts tier ${tier}`);
    const isRead = tier === 'read' || readOnly || method === 'GET';
    if (destructiveHint && isRead) throw new Error(`${where}: destructive_hint on a read-only tool`);
    if (answer && isRead) throw new Error(`${where}: answer is for write tools; a read answers whole already`);
    if (keepsExisting && isRead) throw new Error(`${where}: keeps_existing is for write tools`);
    if (destructiveHint && (tier === 'destructive' || (tier === undefined && method === 'DELETE')))
      throw new Error(`${where}: destructive_hint on a destructive tool, which has the hint already`);
    const described = omit.find((arg) => Object.hasOwn(args, arg));
    if (described !== undefined) throw new Error(`${where}: "${described}" is both omitted and described in args`);
    const text = own ?? description;
    if (text === undefined) throw new Error(`${where}: "description" is required`);
    const entry: ToolEntry = {
      toolset,
      method,
      path,
      name,
      title,
      description: text,
      readOnly,
      destructiveHint,
      openWorld,
      args,
      omit,
      optional,
      rename,
      loose,
      versions,
    };
    if (tier !== undefined) entry.tier = tier;
    if (idempotent !== undefined) entry.idempotent = idempotent;
    if (answer) entry.answer = answer;
    if (keepsExisting) entry.keepsExisting = keepsExisting;
    return entry;
  });
}

interface OperationFields {
  method: HttpMethod;
  path: string;
  versions: VersionRange;
  /** The operation's own description, when it differs from the tool's. */
  description: string | undefined;
  args: Record<string, string>;
  omit: string[];
  optional: string[];
  rename: Record<string, string>;
  loose: string[];
  where: string;
}

/** `op` with its team-written version bounds. */
function operationOf(fields: Fields, where: string): Pick<OperationFields, 'method' | 'path' | 'versions' | 'where'> {
  return { ...methodAndPath(fields, 'op'), versions: fields.versionRange(), where };
}

function methodAndPath(fields: Fields, key: string): { method: HttpMethod; path: string } {
  const op = fields.string(key);
  const match = OP.exec(op.trim());
  if (!match) throw new Error(`${fields.where}: ${key} "${op}" is not "METHOD /path"`);
  return { method: match[1] as HttpMethod, path: match[2] as string };
}

/** `answer: whole`; a write without it answers compactly, so nothing else may be written. */
function wholeAnswer(fields: Fields): 'whole' | undefined {
  if (!fields.has('answer')) return undefined;
  if (fields.optionalString('answer') !== 'whole')
    throw new Error(`${fields.where}: answer can only be whole (leave it out for a compact answer)`);
  return 'whole';
}

/** `keeps_existing: { unless, read: GET /path, field, argument }`: the read is a GET. */
function keepsExistingOf(fields: Fields): KeepsExisting | undefined {
  const rule = fields.map('keeps_existing', KEEPS_EXISTING_KEYS);
  if (!rule) return undefined;
  const read = methodAndPath(rule, 'read');
  if (read.method !== 'GET') throw new Error(`${rule.where}: read "${read.method} ${read.path}" must be a GET`);
  return {
    unless: rule.string('unless'),
    read: { method: 'GET', path: read.path },
    field: rule.string('field'),
    argument: rule.string('argument'),
  };
}

/** The keys about arguments, which a tool's operations share and each may add to. */
function argumentFields(fields: Fields): Pick<OperationFields, 'args' | 'omit' | 'optional' | 'rename' | 'loose'> {
  const rename = fields.stringMap('rename');
  for (const [wire, concept] of Object.entries(rename))
    if (!(CONCEPTS as readonly string[]).includes(concept))
      throw new Error(`${fields.where}: rename.${wire} "${concept}" is not one of ${CONCEPTS.join(', ')}`);
  return {
    args: fields.stringMap('args'),
    omit: fields.stringList('omit'),
    optional: fields.stringList('optional'),
    rename,
    loose: fields.stringList('loose'),
  };
}
