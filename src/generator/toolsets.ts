// Reads and checks `openapi/toolsets.yaml`, the team-written selection (format in its header).
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { operationKey, type HttpMethod } from '../kibana/http.js';
import type { Tier } from '../tools/spec.js';
import { isObject, type JsonObject } from './json.js';

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

const TOOL_NAME = /^[a-z0-9_]{1,48}$/;
const TIERS: readonly Tier[] = ['read', 'write', 'destructive'];
const VERSION = /^\d+\.\d+\.\d+$/;

export async function loadToolsets(file: string): Promise<Toolset[]> {
  return parseToolsets(await readFile(file, 'utf8'), file);
}

export function parseToolsets(text: string, source = 'toolsets.yaml'): Toolset[] {
  const doc: unknown = parse(text);
  if (!isObject(doc) || !isObject(doc.toolsets)) throw new Error(`${source}: missing "toolsets" map`);
  const names = new Set<string>();
  const ops = new Set<string>();
  return Object.entries(doc.toolsets).map(([id, raw]) => {
    const where = `${source}: toolset ${id}`;
    if (!isObject(raw)) throw new Error(`${where}: not a map`);
    const tools = Array.isArray(raw.tools) ? raw.tools : [];
    const toolset: Toolset = {
      id,
      description: requireString(raw, 'description', where),
      default: raw.default === true,
      tools: tools.map((entry, index) => parseTool(entry, id, `${where} tool #${index + 1}`)),
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

function parseTool(raw: unknown, toolset: string, where: string): ToolEntry {
  if (!isObject(raw)) throw new Error(`${where}: not a map`);
  const op = requireString(raw, 'op', where);
  const match = /^(GET|POST|PUT|PATCH|DELETE)\s+(\/\S*)$/.exec(op.trim());
  if (!match) throw new Error(`${where}: op "${op}" is not "METHOD /path"`);
  const name = requireString(raw, 'name', where);
  if (!TOOL_NAME.test(name)) throw new Error(`${where}: name "${name}" must match ${TOOL_NAME}`);
  const tier = raw.tier;
  if (tier !== undefined && !TIERS.includes(tier as Tier))
    throw new Error(`${where}: tier "${String(tier)}" is not one of ${TIERS.join(', ')}`);
  const args = isObject(raw.args) ? raw.args : {};
  const destructiveHint = raw.destructive_hint === true;
  const replacedIn = raw.replaced_in === undefined ? undefined : String(raw.replaced_in);
  if (replacedIn !== undefined && !VERSION.test(replacedIn))
    throw new Error(`${where}: replaced_in "${replacedIn}" is not a version like 9.4.0`);
  if (destructiveHint && (tier === 'read' || raw.read_only === true || match[1] === 'GET'))
    throw new Error(`${where}: destructive_hint on a read-only tool`);
  return {
    toolset,
    method: match[1] as HttpMethod,
    path: match[2] as string,
    name,
    title: requireString(raw, 'title', where),
    description: requireString(raw, 'description', where).trim(),
    readOnly: raw.read_only === true,
    tier: tier as Tier | undefined,
    idempotent: typeof raw.idempotent === 'boolean' ? raw.idempotent : undefined,
    destructiveHint,
    openWorld: raw.open_world === true,
    args: Object.fromEntries(Object.entries(args).map(([arg, text]) => [arg, String(text).trim()])),
    omit: stringList(raw.omit),
    optional: stringList(raw.optional),
    ...(replacedIn === undefined ? {} : { replacedIn }),
  };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function requireString(raw: JsonObject, key: string, where: string): string {
  const value = raw[key];
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${where}: "${key}" is required`);
  return value;
}
