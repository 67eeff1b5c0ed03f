// How a write answers, as the generator decides and checks it from toolsets.yaml (answer, keeps_existing)
// and the operation: small hand-written specs through extraction and generation.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/generator/extract.js';
import { toYaml } from '../../src/generator/facts-document.js';
import { generateFromFacts } from '../../src/generator/generate.js';
import { parseToolsets } from '../../src/generator/toolsets.js';
import type { ToolsetCalls, ToolsetData } from '../../src/tools/spec-data.js';
import { extractInput, specDocument } from './support/specs.js';

type JsonObject = Record<string, unknown>;

const path = (name: string, schema: JsonObject = { type: 'string' }) => ({ name, in: 'path', required: true, schema });
const body = (properties: JsonObject) => ({ content: { 'application/json': { schema: { type: 'object', properties } } } });
const boolean = { type: 'boolean' };

/** The default-thing API: a read of the value, a write Kibana may ignore, and their neighbours. */
const OPERATIONS: Record<string, Record<string, JsonObject>> = {
  '/api/things/default': {
    get: {},
    post: { requestBody: body({ thing_id: { type: 'string' }, force: boolean, mode: { type: 'string' } }) },
  },
  '/api/things/{id}': { get: { parameters: [path('id')] }, post: { parameters: [path('id')], requestBody: body({ force: boolean }) } },
  '/api/things/{id}/run': { post: { parameters: [path('id')], requestBody: body({ full: boolean }) } },
  '/api/things/_find': { get: { parameters: [{ name: 'full', in: 'query', schema: boolean }] } },
  '/api/things/_search': { post: { requestBody: body({ query: { type: 'string' } }) } },
  '/api/status': { get: {} },
};

const tool = (op: string, name: string, extra = '') =>
  `      - op: ${op}\n        name: ${name}\n        title: T\n        description: A tool.\n${extra}`;
const keeps = (rule: string) => `        keeps_existing: { ${rule} }\n`;
const RULE = 'unless: force, read: GET /api/things/default, field: thing_id, argument: thing_id';

const READS =
  tool('GET /api/things/default', 'get_default_thing') + tool('GET /api/things/{id}', 'get_thing') + tool('GET /api/status', 'get_status');

/**
 * Extracts facts with the entries `extracted` and generates with `tools` (the same unless a test
 * changes toolsets.yaml after extraction); the reads the rules name are selected beside them.
 */
function generate(tools: string, extracted = tools) {
  const selection = (entries: string) => parseToolsets(`toolsets:\n  t:\n    description: Test.\n    tools:\n${entries}${READS}`);
  const extraction = extractFacts(extractInput([{ id: 'test', versions: {}, document: specDocument(OPERATIONS) }], selection(extracted)));
  const facts = [{ spec: 'test', text: toYaml(extraction.documents.get('test')!) }];
  return { extraction, ...generateFromFacts(facts, selection(tools)) };
}

describe('what the generator emits for a write', () => {
  const { files, skipped } = generate(
    tool('POST /api/things/default', 'set_default_thing', keeps(RULE)) +
      tool('POST /api/things/{id}', 'run_thing', '        answer: whole\n') +
      tool('GET /api/things/_find', 'find_things'),
  );
  const { tools } = JSON.parse(files.get('t.json')!) as ToolsetData;
  const { calls } = JSON.parse(files.get('t.calls.json')!) as ToolsetCalls;
  const specOf = (name: string) => tools.find((spec) => spec.name === name)!;
  const callOf = (name: string) => calls.find((call) => call.name === name)!;
  const propertiesOf = (name: string) => specOf(name).inputSchema.properties as Record<string, Record<string, unknown>>;

  it('generates each tool', () => {
    expect(skipped).toEqual([]);
    expect(tools.map((spec) => spec.name)).toEqual(expect.arrayContaining(['set_default_thing', 'run_thing', 'find_things']));
  });

  it('a compact write: writeAnswer compact, full last among its properties and not required, its read-back rule', () => {
    const spec = specOf('set_default_thing');
    const properties = propertiesOf('set_default_thing');
    expect(Object.keys(properties).slice(-3)).toEqual(['force', 'mode', 'full']);
    expect(properties.force).toEqual({ type: 'boolean' });
    expect(properties.mode).toEqual({ type: 'string' });
    expect(properties.full).toEqual({ type: 'boolean', description: expect.any(String) });
    expect(callOf('set_default_thing').writeAnswer).toBe('compact');
    expect(callOf('set_default_thing').keepsExisting).toEqual({
      unless: 'force',
      read: { method: 'GET', path: '/api/things/default' },
      field: 'thing_id',
      argument: 'thing_id',
    });
    expect(spec.inputSchema.required ?? []).not.toContain('full');
  });

  it('a whole write: writeAnswer whole and no full; a read: neither, and its own full stays', () => {
    expect(callOf('run_thing').writeAnswer).toBe('whole');
    expect(propertiesOf('run_thing')).not.toHaveProperty('full');
    expect(callOf('find_things')).not.toHaveProperty('writeAnswer');
    expect(propertiesOf('find_things').full).toEqual({ type: 'boolean' });
  });
});

describe('what the generator refuses', () => {
  it('a compact write whose own argument is named full, naming the operation, at extraction and at generation', () => {
    const clash = 'POST /api/things/{id}/run has its own argument "full", the name compact writes give the argument';
    const whole = tool('POST /api/things/{id}/run', 'run_thing', '        answer: whole\n');
    const compact = tool('POST /api/things/{id}/run', 'run_thing');
    expect(generate(whole).skipped).toEqual([]);
    expect(generate(compact).extraction.skipped).toEqual([
      { operation: 'POST /api/things/{id}/run (test)', reason: expect.stringContaining(clash) },
    ]);
    expect(generate(compact, whole).skipped).toEqual([{ tool: 'run_thing', reason: expect.stringContaining(clash) }]);
  });

  it('answer or keeps_existing on a POST that reads by its path', () => {
    const search = tool('POST /api/things/_search', 'search_things');
    expect(generate(tool('POST /api/things/_search', 'search_things', '        answer: whole\n'), search).skipped).toEqual([
      { tool: 'search_things', reason: 'POST /api/things/_search is read-only: answer is for write tools' },
    ]);
    expect(generate(tool('POST /api/things/_search', 'search_things', keeps(RULE)), search).skipped).toEqual([
      { tool: 'search_things', reason: 'POST /api/things/_search is read-only: keeps_existing is for write tools' },
    ]);
  });

  it.each([
    [
      'unless: mode, read: GET /api/things/default, field: thing_id, argument: thing_id',
      'unless "mode" is not a boolean argument of the tool (its arguments: space_id, thing_id, force, mode)',
    ],
    ['unless: forced, read: GET /api/things/default, field: thing_id, argument: thing_id', 'unless "forced" is not a boolean argument'],
    ['unless: force, read: GET /api/things/default, field: thing_id, argument: thing', 'argument "thing" is not an argument of the tool'],
    [
      'unless: force, read: GET /api/other, field: thing_id, argument: thing_id',
      'read GET /api/other is not an operation of the facts document; select it in toolsets.yaml',
    ],
    [
      'unless: force, read: GET /api/status, field: thing_id, argument: thing_id',
      'read GET /api/status is global, the write lives in a space',
    ],
    [
      'unless: force, read: "GET /api/things/{id}", field: thing_id, argument: thing_id',
      'read GET /api/things/{id} needs path parameters the write does not have: id',
    ],
  ])('keeps_existing { %s }', (rule, message) => {
    const { skipped } = generate(tool('POST /api/things/default', 'set_default_thing', keeps(rule)));
    expect(skipped).toEqual([
      { tool: 'set_default_thing', reason: expect.stringContaining(`keeps_existing of set_default_thing: ${message}`) },
    ]);
  });
});
