// The toolsets.yaml parser refuses, naming the key and the entry, whatever the file's header does not define.
import { describe, expect, it } from 'vitest';
import { parseToolsets } from '../../src/generator/toolsets.js';

const ENTRY = '      - op: GET /api/things/{id}\n        name: get_thing\n        title: Get thing\n        description: Reads a thing.\n';
const file = (entryExtra = '', toolsetExtra = '', entry = ENTRY) =>
  `toolsets:\n  things:\n    description: Things.\n${toolsetExtra}    tools:\n${entry}${entryExtra}`;
const entryOf = (op: string, extra = '') =>
  `      - op: ${op}\n        name: change_thing\n        title: Change thing\n        description: Changes a thing.\n${extra}`;

describe('parseToolsets', () => {
  it('reads an entry into its typed form, with defaults for what is left out', () => {
    const [toolset] = parseToolsets(file('        args:\n          id: " The thing id. "\n'));
    expect(toolset).toEqual({
      id: 'things',
      description: 'Things.',
      default: false,
      tools: [
        {
          toolset: 'things',
          method: 'GET',
          path: '/api/things/{id}',
          name: 'get_thing',
          title: 'Get thing',
          description: 'Reads a thing.',
          readOnly: false,
          destructiveHint: false,
          openWorld: false,
          args: { id: 'The thing id.' },
          omit: [],
          optional: [],
          rename: {},
          loose: [],
          versions: {},
        },
      ],
    });
  });

  it('refuses an unknown key on a tool entry, naming the key and the entry', () => {
    expect(() => parseToolsets(file('        colour: red\n'), 'toolsets.yaml')).toThrow(
      'toolsets.yaml: toolset "things", tool #1 (get_thing): unknown key "colour" (allowed: op, ops, from, until, name,',
    );
  });

  it('refuses an unknown key on a toolset and at the top', () => {
    expect(() => parseToolsets(file('', '    hidden: true\n'))).toThrow('toolset "things": unknown key "hidden"');
    expect(() => parseToolsets(`${file()}version: 2\n`)).toThrow('unknown top-level key "version"');
  });

  it('refuses wrong types and values that say nothing', () => {
    const cases: Array<[string, string]> = [
      ['', '    default: "yes"\n'],
      ['        idempotent: 1\n', ''],
      ['        open_world: false\n', ''],
      ['        tier: admin\n', ''],
      ['        args:\n          id: 3\n', ''],
      ['        omit: []\n', ''],
      ['        optional: [""]\n', ''],
      ['        until: "9.4"\n', ''],
      ['        from: 9.4.0\n        until: 9.1.0\n', ''],
    ];
    const messages = cases.map(([entry, toolset]) => {
      try {
        parseToolsets(file(entry, toolset));
        return 'accepted';
      } catch (error) {
        return (error as Error).message.replace(/^.*?: /, '');
      }
    });
    expect(messages).toEqual([
      'toolset "things": "default" must be true or false',
      'toolset "things", tool #1 (get_thing): "idempotent" must be true or false',
      'toolset "things", tool #1 (get_thing): "open_world" can only be true (leave it out for false)',
      'toolset "things", tool #1 (get_thing): tier "admin" is not one of read, write, destructive',
      'toolset "things", tool #1 (get_thing): args.id must be a non-empty string',
      'toolset "things", tool #1 (get_thing): "omit" must be a non-empty list',
      'toolset "things", tool #1 (get_thing): "optional" must list non-empty strings',
      'toolset "things", tool #1 (get_thing): until "9.4" is not a version like 9.4.0',
      'toolset "things", tool #1 (get_thing): from 9.4.0 is not before until 9.1.0',
    ]);
  });

  it('refuses missing fields, a bad op and a bad name', () => {
    expect(() => parseToolsets(file('', '', '      - op: GET /api/x\n        name: get_x\n        title: X\n'))).toThrow(
      '"description" is required',
    );
    expect(() => parseToolsets(file('', '', entryOf('FETCH /api/x')))).toThrow('op "FETCH /api/x" is not "METHOD /path"');
    expect(() => parseToolsets(file('', '', ENTRY.replace('get_thing', 'Get-Thing')))).toThrow('name "Get-Thing" must match');
    expect(() => parseToolsets(file('', '', ''))).toThrow('"tools" must be a non-empty list');
  });

  it('refuses combinations that contradict each other', () => {
    expect(() => parseToolsets(file('', '', entryOf('GET /api/x', '        read_only: true\n')))).toThrow('read_only is for POSTs');
    expect(() => parseToolsets(file('', '', entryOf('POST /api/x/_find', '        read_only: true\n        tier: write\n')))).toThrow(
      'read_only contradicts tier write',
    );
    expect(() =>
      parseToolsets(file('', '', entryOf('POST /api/x/_find', '        read_only: true\n        destructive_hint: true\n'))),
    ).toThrow('destructive_hint on a read-only tool');
    expect(() => parseToolsets(file('', '', entryOf('DELETE /api/x', '        destructive_hint: true\n')))).toThrow(
      'destructive_hint on a destructive tool',
    );
    expect(() => parseToolsets(file('', '', entryOf('PUT /api/x', '        omit: [a]\n        args:\n          a: An a.\n')))).toThrow(
      '"a" is both omitted and described in args',
    );
  });

  it('reads a tool with several operations as one entry per operation, sharing the tool-level keys', () => {
    const ops =
      '      - name: get_thing\n        title: Get thing\n        description: Reads a thing.\n        args:\n          id: The id.\n' +
      '        ops:\n          - op: GET /api/things/{id}\n            until: 9.4.0\n' +
      '          - op: GET /api/v2/things/{thing}\n            description: Reads a thing, 9.4 and later.\n            args:\n              thing: The thing.\n';
    const [toolset] = parseToolsets(file('', '', ops));
    expect(
      toolset?.tools.map(({ name, method, path, versions, description, args }) => ({ name, method, path, versions, description, args })),
    ).toEqual([
      {
        name: 'get_thing',
        method: 'GET',
        path: '/api/things/{id}',
        versions: { until: '9.4.0' },
        description: 'Reads a thing.',
        args: { id: 'The id.' },
      },
      {
        name: 'get_thing',
        method: 'GET',
        path: '/api/v2/things/{thing}',
        versions: {},
        description: 'Reads a thing, 9.4 and later.',
        args: { id: 'The id.', thing: 'The thing.' },
      },
    ]);
  });

  it('refuses op and ops together, a single ops item, and bounds beside ops', () => {
    const head = '      - name: get_thing\n        title: Get thing\n        description: Reads a thing.\n';
    const one = '          - op: GET /api/a\n';
    expect(() => parseToolsets(file('', '', `${head}        op: GET /api/a\n        ops:\n${one}${one}`))).toThrow('give either "op"');
    expect(() => parseToolsets(file('', '', `${head}        ops:\n${one}`))).toThrow('"ops" lists at least two operations');
    expect(() => parseToolsets(file('', '', `${head}        until: 9.4.0\n        ops:\n${one}          - op: GET /api/b\n`))).toThrow(
      'with "ops", "from" and "until" go on each operation',
    );
    expect(() => parseToolsets(file('', '', `${head}        ops:\n${one}          - op: GET /api/b\n            tier: read\n`))).toThrow(
      'ops #2: unknown key "tier"',
    );
  });

  it('reads how a write answers: answer: whole, and the read-back of keeps_existing', () => {
    const keeps = '        keeps_existing: { unless: force, read: GET /api/things/default, field: thing_id, argument: thing_id }\n';
    const [toolset] = parseToolsets(file('', '', entryOf('POST /api/things/default', `        answer: whole\n${keeps}`)));
    expect(toolset?.tools[0]).toMatchObject({
      answer: 'whole',
      keepsExisting: { unless: 'force', read: { method: 'GET', path: '/api/things/default' }, field: 'thing_id', argument: 'thing_id' },
    });
    const [plain] = parseToolsets(file('', '', entryOf('POST /api/things')));
    expect(plain?.tools[0]).not.toHaveProperty('answer');
    expect(plain?.tools[0]).not.toHaveProperty('keepsExisting');
  });

  it('refuses answer other than whole, on a read, and a keeps_existing that is not a full rule with a GET', () => {
    const refusal = (op: string, extra: string) => {
      try {
        parseToolsets(file('', '', entryOf(op, extra)));
        return 'accepted';
      } catch (error) {
        return (error as Error).message.replace(/^.*?tool #1 \(change_thing\)(, )?/, '');
      }
    };
    const rule = (fields: string) => `        keeps_existing: { ${fields} }\n`;
    const complete = 'unless: force, field: a, argument: a';
    expect([
      refusal('POST /api/x', '        answer: compact\n'),
      refusal('POST /api/x', '        answer: true\n'),
      refusal('GET /api/x', '        answer: whole\n'),
      refusal('POST /api/x/_find', '        read_only: true\n        answer: whole\n'),
      refusal('GET /api/x', rule(`${complete}, read: GET /api/y`)),
      refusal('POST /api/x', rule(`${complete}, read: POST /api/y`)),
      refusal('POST /api/x', rule(`${complete}, read: /api/y`)),
      refusal('POST /api/x', rule('unless: force, read: GET /api/y, field: a')),
      refusal('POST /api/x', rule(`${complete}, read: GET /api/y, when: always`)),
      refusal('POST /api/x', '        keeps_existing: force\n'),
    ]).toEqual([
      ': answer can only be whole (leave it out for a compact answer)',
      ': "answer" must be a non-empty string',
      ': answer is for write tools; a read answers whole already',
      ': answer is for write tools; a read answers whole already',
      ': keeps_existing is for write tools',
      ': keeps_existing: read "POST /api/y" must be a GET',
      ': keeps_existing: read "/api/y" is not "METHOD /path"',
      ': keeps_existing: "argument" is required',
      ': keeps_existing: unknown key "when" (allowed: unless, read, field, argument)',
      ': keeps_existing: not a map',
    ]);
  });

  it('refuses a tool name or an operation used twice', () => {
    expect(() => parseToolsets(file('', '', ENTRY + ENTRY.replace('{id}', '{thing}')))).toThrow('duplicate tool name get_thing');
    expect(() => parseToolsets(file('', '', ENTRY + ENTRY.replace('get_thing', 'read_thing')))).toThrow(
      'operation GET /api/things/{id} selected twice',
    );
  });
});
