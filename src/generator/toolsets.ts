// Reads `openapi/toolsets.yaml`, the team-written selection, into typed entries, and refuses
// anything its header does not define: unknown keys, wrong types, values that say nothing.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { operationKey, type HttpMethod } from '../kibana/http.js';
import { isObject, type JsonObject } from '../openapi/json.js';
import type { Tier } from '../tools/spec.js';

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
  /** The Kibana version from which the operation is gone (replaced by another API). */
  replacedIn?: string;
}

export interface Toolset {
  id: string;
  description: string;
  default: boolean;
  tools: ToolEntry[];
}

const TOOLSET_ID = /^[a-z0-9_]+$/;
const TOOL_NAME = /^[a-z0-9_]{1,48}$/;
const OP = /^(GET|POST|PUT|PATCH|DELETE) (\/\S*)$/;
const TIERS: readonly Tier[] = ['read', 'write', 'destructive'];
const VERSION = /^\d+\.\d+\.\d+$/;
const TOOLSET_KEYS = ['default', 'description', 'tools'] as const;
const ENTRY_KEYS = [
  'op',
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
  'replaced_in',
] as const;

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
    const tools = fields.list('tools');
    const toolset: Toolset = {
      id,
      description,
      default: fields.boolean('default') ?? false,
      tools: tools.map((entry, index) => parseTool(entry, id, `${where}, tool #${index + 1}`)),
    };
    for (const tool of toolset.tools) {
      if (names.has(tool.name)) throw new Error(`${where}: duplicate tool name ${tool.name}`);
      const key = operationKey(tool.method, tool.path);
      if (ops.has(key)) throw new Error(`${where}: operation ${key} selected twice`);
      names.add(tool.name);
      ops.add(key);
    }
    return toolset;
  });
}

function parseTool(raw: unknown, toolset: string, position: string): ToolEntry {
  const label = isObject(raw) && typeof raw.name === 'string' ? `${position} (${raw.name})` : position;
  const fields = new Fields(raw, label, ENTRY_KEYS);
  const op = fields.string('op');
  const match = OP.exec(op.trim());
  if (!match) throw new Error(`${label}: op "${op}" is not "METHOD /path"`);
  const method = match[1] as HttpMethod;
  const name = fields.string('name');
  if (!TOOL_NAME.test(name)) throw new Error(`${label}: name "${name}" must match ${TOOL_NAME}`);
  const readOnly = fields.flag('read_only');
  const tier = fields.oneOf('tier', TIERS);
  const destructiveHint = fields.flag('destructive_hint');
  if (readOnly && method !== 'POST')
    throw new Error(`${label}: read_only is for POSTs that only read; a ${method} is read-only or not by its method`);
  if (readOnly && tier !== undefined && tier !== 'read') throw new Error(`${label}: read_only contradicts tier ${tier}`);
  const isRead = tier === 'read' || readOnly || method === 'GET';
  if (destructiveHint && isRead) throw new Error(`${label}: destructive_hint on a read-only tool`);
  if (destructiveHint && (tier === 'destructive' || (tier === undefined && method === 'DELETE')))
    throw new Error(`${label}: destructive_hint on a destructive tool, which has the hint already`);
  const args = fields.stringMap('args');
  const omit = fields.stringList('omit');
  const described = omit.find((arg) => Object.hasOwn(args, arg));
  if (described !== undefined) throw new Error(`${label}: "${described}" is both omitted and described in args`);
  const replacedIn = fields.optionalString('replaced_in');
  if (replacedIn !== undefined && !VERSION.test(replacedIn))
    throw new Error(`${label}: replaced_in "${replacedIn}" is not a version like 9.4.0`);
  const entry: ToolEntry = {
    toolset,
    method,
    path: match[2] as string,
    name,
    title: fields.string('title'),
    description: fields.string('description').trim(),
    readOnly,
    destructiveHint,
    openWorld: fields.flag('open_world'),
    args,
    omit,
    optional: fields.stringList('optional'),
  };
  const idempotent = fields.boolean('idempotent');
  if (tier !== undefined) entry.tier = tier;
  if (idempotent !== undefined) entry.idempotent = idempotent;
  if (replacedIn !== undefined) entry.replacedIn = replacedIn;
  return entry;
}

/** Typed access to one map of the file, which must hold only `allowed` keys. */
class Fields {
  private readonly raw: JsonObject;

  constructor(
    raw: unknown,
    private readonly where: string,
    allowed: readonly string[],
  ) {
    if (!isObject(raw)) throw new Error(`${where}: not a map`);
    const unknown = Object.keys(raw).find((key) => !allowed.includes(key));
    if (unknown !== undefined) throw new Error(`${where}: unknown key "${unknown}" (allowed: ${allowed.join(', ')})`);
    this.raw = raw;
  }

  /** A required non-empty string. */
  string(key: string): string {
    const value = this.optionalString(key);
    if (value === undefined) throw new Error(`${this.where}: "${key}" is required`);
    return value;
  }

  optionalString(key: string): string | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') throw new Error(`${this.where}: "${key}" must be a non-empty string`);
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.raw[key];
    if (value !== undefined && typeof value !== 'boolean') throw new Error(`${this.where}: "${key}" must be true or false`);
    return value as boolean | undefined;
  }

  /** A switch that is off unless written `true` (writing `false` says nothing: leave it out). */
  flag(key: string): boolean {
    const value = this.raw[key];
    if (value !== undefined && value !== true) throw new Error(`${this.where}: "${key}" can only be true (leave it out for false)`);
    return value === true;
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const value = this.raw[key];
    if (value !== undefined && !values.includes(value as T))
      throw new Error(`${this.where}: ${key} "${String(value)}" is not one of ${values.join(', ')}`);
    return value as T | undefined;
  }

  /** A required non-empty list. */
  list(key: string): unknown[] {
    const value = this.raw[key];
    if (!Array.isArray(value) || value.length === 0) throw new Error(`${this.where}: "${key}" must be a non-empty list`);
    return value;
  }

  /** An optional non-empty list of names. */
  stringList(key: string): string[] {
    if (this.raw[key] === undefined) return [];
    const value = this.list(key);
    if (!value.every((item) => typeof item === 'string' && item.trim() !== ''))
      throw new Error(`${this.where}: "${key}" must list non-empty strings`);
    return value as string[];
  }

  /** An optional map of names to non-empty one-line texts, trimmed. */
  stringMap(key: string): Record<string, string> {
    const value = this.raw[key];
    if (value === undefined) return {};
    if (!isObject(value)) throw new Error(`${this.where}: "${key}" must be a map`);
    return Object.fromEntries(
      Object.entries(value).map(([name, text]) => {
        if (typeof text !== 'string' || text.trim() === '') throw new Error(`${this.where}: ${key}.${name} must be a non-empty string`);
        return [name, text.trim()];
      }),
    );
  }
}
