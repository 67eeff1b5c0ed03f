// Starts Prism (a mock server that validates requests against a spec) on a derived copy of a
// spec whose space-aware paths are in their `/s/{space_id}` form, which Kibana accepts but its spec
// does not declare. Every judged call of a space-aware operation names a space (the suites send them
// to "marketing"), so the bare forms are left out: Prism's router weighs every path on every request,
// and they were half of them. Upstream's `kbn-xsrf` on GETs is dropped.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isSpaceAwarePath, splitSpaceParameter } from '../../src/kibana/spaces.js';
import { isMarkedOptional } from '../../src/openapi/normalize-schema.js';
import { parseToolsets } from '../../src/generator/toolsets.js';

/**
 * Tools Prism cannot judge, on every spec or on the specs named (ids of openapi/specs.yaml), and why.
 * Listed, not hidden.
 */
const PRISM_LIMITS: ReadonlyArray<{ tools: string[]; specs?: string[]; why: string }> = [
  {
    tools: ['resolve_saved_object_import_errors'],
    why: 'Prism cannot check a multipart text field against an array schema (Kibana reads `retries` as JSON text from the form; Prism sees a string and answers 400)',
  },
  {
    tools: ['kill_endpoint_process', 'suspend_endpoint_process'],
    why: "the spec's `parameters` is a oneOf of objects ({pid}, {entity_id}, {process_name}) that neither require their key nor exclude the others', so every value matches none or several branches (Kibana takes exactly one key)",
  },
  {
    tools: ['import_saved_objects'],
    specs: ['kibana-9.3'],
    why: 'the 9.3 spec types the multipart `file` part as an object; to Prism a file part is text',
  },
  {
    tools: ['execute_connector'],
    specs: ['kibana-9.3'],
    why: '`params` is loose (toolsets.yaml): the 9.3 oneOf of connector shapes overlaps ({message} fits two) and the synthesised {} fits none',
  },
];

/** Whether Prism on spec `spec` (an id of openapi/specs.yaml) can judge the requests of tool `name`. */
export function prismCanJudge(name: string, spec: string): boolean {
  return !PRISM_LIMITS.some((limit) => limit.tools.includes(name) && (limit.specs === undefined || limit.specs.includes(spec)));
}

export interface PrismServer {
  baseUrl: string;
  stop(): Promise<void>;
}

const PRISM = resolve(import.meta.dirname, '../../node_modules/.bin/prism');

/** Prism on `document` (an OpenAPI document, parsed) with the space variants added; `-v warn`: no log line per request. */
export async function startPrism(document: Doc): Promise<PrismServer> {
  const dir = await mkdtemp(join(tmpdir(), 'kibana-mcp-prism-'));
  const derived = join(dir, 'spec.json');
  await writeFile(derived, JSON.stringify(inSpaceForm(document)));
  const port = await freePort();
  const child = spawn(PRISM, ['mock', derived, '-h', '127.0.0.1', '-p', String(port), '-v', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(baseUrl, child, () => output);
  } catch (error) {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    baseUrl,
    async stop() {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type Doc = { paths: Record<string, Record<string, unknown>> } & Record<string, unknown>;

function inSpaceForm(doc: Doc): Doc {
  const paths: Doc['paths'] = {};
  const overRequired = overRequiredParameters();
  for (const [path, item] of Object.entries(doc.paths)) {
    const kept = withOptionalParameters(path, withoutXsrfOnGet(item), overRequired);
    // The SLO paths are written with their space already (`/s/{spaceId}/…`).
    if (splitSpaceParameter(path) === undefined && isSpaceAwarePath(path)) paths[`/s/{space_id}${path}`] = withSpaceParameter(kept);
    else paths[path] = kept;
  }
  return { ...doc, paths };
}

const SPACE_PARAMETER = { name: 'space_id', in: 'path', required: true, schema: { type: 'string' } };

function mapOperations(
  item: Record<string, unknown>,
  change: (parameters: unknown[], method: string) => unknown[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...item };
  for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
    const op = item[method] as Record<string, unknown> | undefined;
    if (op) out[method] = { ...op, parameters: change((op.parameters as unknown[] | undefined) ?? [], method) };
  }
  return out;
}

/** The upstream spec wrongly requires `kbn-xsrf` on two SLO GETs; clients send it only on writes. */
function withoutXsrfOnGet(item: Record<string, unknown>): Record<string, unknown> {
  const get = item.get as { parameters?: Array<{ name?: string; $ref?: string }> } | undefined;
  if (!get?.parameters) return item;
  const parameters = get.parameters.filter((p) => p.name !== 'kbn-xsrf' && !(p.$ref ?? '').endsWith('kbn_xsrf'));
  return { ...item, get: { ...get, parameters } };
}

/** `METHOD path name` of the parameters toolsets.yaml declares `optional` because upstream over-requires them. */
function overRequiredParameters(): Set<string> {
  const toolsets = parseToolsets(readFileSync(resolve(import.meta.dirname, '../../openapi/toolsets.yaml'), 'utf8'));
  return new Set(
    toolsets.flatMap((toolset) => toolset.tools.flatMap((entry) => entry.optional.map((name) => `${entry.method} ${entry.path} ${name}`))),
  );
}

/**
 * Parameters Kibana does not require although upstream says `required: true`: those whose schema
 * Kibana marks optional (`x-oas-optional`) and those toolsets.yaml corrects with `optional`.
 */
function withOptionalParameters(path: string, item: Record<string, unknown>, overRequired: Set<string>): Record<string, unknown> {
  return mapOperations(item, (parameters, method) =>
    parameters.map((p) => {
      const param = p as { name?: string; required?: boolean; schema?: unknown };
      const optional = isMarkedOptional(param.schema) || overRequired.has(`${method.toUpperCase()} ${path} ${param.name}`);
      return param.required === true && optional ? { ...param, required: false } : param;
    }),
  );
}

function withSpaceParameter(item: Record<string, unknown>): Record<string, unknown> {
  return mapOperations(item, (parameters) => [...parameters, SPACE_PARAMETER]);
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilAnswering(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prism exited (${child.exitCode}): ${output().slice(-2000)}`);
    try {
      await fetch(`${baseUrl}/__ready`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`prism did not answer within 60 s: ${output().slice(-2000)}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}
