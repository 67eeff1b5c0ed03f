// Arguments that would break a validator or a request, refused in one place before any tool's
// validator runs: lone surrogates (not valid Unicode) and nesting past the depth limit.
import { beforeAll, describe, expect, it } from 'vitest';
import { argumentShapeProblems, MAX_ARGUMENT_DEPTH } from '../../src/tools/argument-shape.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { toolsOnVersion } from '../../src/tools/spec.js';
import { TEST_KIBANA_VERSION, TEST_VERSION_TOOLS, textOf } from '../support/runtime.js';
import { ALL_TOOLS } from '../support/tools.js';
import { useRecordingRuntimes } from './recording-runtime.js';

const recording = useRecordingRuntimes();
let runtime: ToolRuntime;

beforeAll(() => {
  recording.kibana.handle(() => ({ body: {} }));
  runtime = recording.runtime();
});

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? { a: value } : [value];
  return value;
}

describe('argumentShapeProblems', () => {
  it('names the field of a lone surrogate, in a value or a property name, at any depth', () => {
    expect(argumentShapeProblems({ id: 'ab\uD800' })).toEqual(['id: not valid Unicode (a lone surrogate at character 2)']);
    expect(argumentShapeProblems({ objects: [{ id: 'ok' }, { id: '\uDC00x' }] })).toEqual([
      'objects[1].id: not valid Unicode (a lone surrogate at character 0)',
    ]);
    expect(argumentShapeProblems({ body: { meta: { '\uD800': 1 } } })).toEqual([
      'body.meta: a property name is not valid Unicode (a lone surrogate)',
    ]);
    expect(argumentShapeProblems({ '\uD800': 1 })).toEqual(['"\\ud800": argument name is not valid Unicode (a lone surrogate)']);
  });

  it('accepts every valid string, surrogate pairs included', () => {
    expect(argumentShapeProblems({ title: 'ok 😀 ü 中', tags: ['😀'], body: { '😀': '\uD83D\uDE00' } })).toEqual([]);
  });

  it(`accepts nesting down to ${MAX_ARGUMENT_DEPTH} levels and names the argument beyond`, () => {
    expect(argumentShapeProblems({ body: nested(MAX_ARGUMENT_DEPTH) })).toEqual([]);
    expect(argumentShapeProblems({ body: nested(MAX_ARGUMENT_DEPTH + 1) })).toEqual([
      `body: nested deeper than ${MAX_ARGUMENT_DEPTH} levels, the limit for any argument`,
    ]);
  });

  it('refuses a nested property named __proto__, which a validator would drop, naming where it is', () => {
    expect(argumentShapeProblems(JSON.parse('{"body":{"meta":{"__proto__":{"x":1}}}}'))).toEqual([
      'body.meta: a property cannot be named "__proto__"',
    ]);
    expect(argumentShapeProblems({ body: { proto: 1, constructor: 2 } })).toEqual([]);
  });

  it('walks 10,000 levels without exhausting the stack', () => {
    expect(argumentShapeProblems({ query: nested(10_000), size: 1 })).toHaveLength(1);
  });
});

describe('through the runtime, on every tool', () => {
  it('a lone surrogate in any path or query argument is a validation error naming it, and nothing is sent', async () => {
    const bound = toolsOnVersion(ALL_TOOLS, TEST_KIBANA_VERSION).flatMap((spec) => {
      const properties = spec.inputSchema.properties ?? {};
      const param = spec.request.params.find(
        (each) => each.in !== 'header' && (properties[each.arg] as { type?: unknown } | undefined)?.type === 'string',
      );
      return param ? [{ tool: spec.name, name: param.arg }] : [];
    });
    expect(bound.length).toBeGreaterThan(60);
    for (const { tool, name } of bound) {
      const result = await runtime.call(tool, { [name]: 'x\uDFFF' });
      expect(result.isError, tool).toBe(true);
      expect(textOf(result), tool).toBe(`Invalid arguments for ${tool}:\n${name}: not valid Unicode (a lone surrogate at character 1)`);
    }
    expect(recording.kibana.requests).toHaveLength(0);
  });

  it('10,000-deep nesting in any argument is a validation error naming it and the limit, and nothing is sent', async () => {
    const deep = nested(10_000);
    for (const tool of TEST_VERSION_TOOLS) {
      const [name] = Object.keys(tool.inputSchema.properties ?? {});
      if (name === undefined) continue;
      const result = await runtime.call(tool.name, { [name]: deep });
      expect(textOf(result), tool.name).toBe(
        `Invalid arguments for ${tool.name}:\n${name}: nested deeper than ${MAX_ARGUMENT_DEPTH} levels, the limit for any argument`,
      );
    }
    expect(recording.kibana.requests).toHaveLength(0);
  });

  it('a sound call still reaches Kibana', async () => {
    const result = await runtime.call('get_data_view', { view_id: 'logs 😀' });
    expect(result.isError).toBeUndefined();
    expect(recording.kibana.requests.map((request) => request.url)).toEqual([`/api/data_views/data_view/${encodeURIComponent('logs 😀')}`]);
  });
});
