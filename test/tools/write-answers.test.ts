// Writes answer with what the agent needs next, one rule for every write tool; `full: true` asks for all.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { compactWriteAnswer, FULL_ARGUMENT } from '../../src/tools/write-answers.js';
import { GENERATED_TOOLS, textOf } from '../support/runtime.js';
import { ALL_TOOLS } from '../support/tools.js';
import { useRecordingRuntimes } from './recording-runtime.js';

/** A detection rule as Kibana answers it: about 800 characters. */
function rule(index: number) {
  return {
    id: `0000000${index}-aaaa-4bbb-8ccc-dddddddddddd`,
    rule_id: `rule-${index}`,
    name: `Rule number ${index}`,
    enabled: false,
    version: 3,
    revision: 7,
    type: 'query',
    description: 'A long description of what this rule detects and why it matters to the team. '.repeat(2),
    query: 'process.name:(powershell.exe or pwsh.exe) and process.args:(-enc or -EncodedCommand)',
    index: ['logs-endpoint.events.process-*', 'winlogbeat-*'],
    severity: 'high',
    risk_score: 73,
    tags: ['Windows', 'Execution'],
    interval: '5m',
    from: 'now-6m',
    created_at: '2026-11-01T10:00:00.000Z',
    updated_at: '2026-11-02T10:00:00.000Z',
    created_by: 'elastic',
    exceptions_list: [{ id: 'endpoint_list', list_id: 'endpoint_list', type: 'endpoint', namespace_type: 'agnostic' }],
    execution_summary: {
      last_execution: { status: 'succeeded', date: '2026-11-02T10:05:00.000Z', metrics: { total_search_duration_ms: 12 } },
    },
    threat: [
      { framework: 'MITRE ATT&CK', tactic: { id: 'TA0002', name: 'Execution', reference: 'https://attack.mitre.org/tactics/TA0002/' } },
    ],
  };
}

const bulkDelete = (count: number) => ({
  success: true,
  rules_count: count,
  attributes: {
    results: { updated: [], created: [], deleted: Array.from({ length: count }, (_, index) => rule(index)), skipped: [] },
    summary: { failed: 0, skipped: 0, succeeded: count, total: count },
  },
});

describe('compactWriteAnswer', () => {
  it('answers a bulk delete of 100 rules with its counts and the first ten ids, not 80 k characters', () => {
    const answer = bulkDelete(100);
    expect(JSON.stringify(answer).length).toBeGreaterThan(80_000);
    const compact = compactWriteAnswer(answer, new Set(['action', 'ids']));
    expect(JSON.stringify(compact.value).length).toBeLessThan(2_500);
    expect(compact.value).toMatchObject({
      success: true,
      rules_count: 100,
      attributes: { summary: { failed: 0, skipped: 0, succeeded: 100, total: 100 } },
    });
    const deleted = (compact.value as ReturnType<typeof bulkDelete>).attributes.results.deleted;
    expect(deleted).toHaveLength(10);
    expect(deleted[0]).toEqual({
      id: rule(0).id,
      rule_id: 'rule-0',
      name: 'Rule number 0',
      enabled: false,
      version: 3,
      revision: 7,
      type: 'query',
    });
    expect(compact.lists).toEqual([{ path: 'attributes.results.deleted', shown: 10, total: 100 }]);
  });

  it('keeps the errors of bulk items whole', () => {
    const errors = [{ message: 'Rule not found', status_code: 404, rules: [{ id: 'gone', name: 'Gone' }] }];
    const compact = compactWriteAnswer({ ...bulkDelete(2), attributes: { ...bulkDelete(2).attributes, errors } }, new Set());
    expect((compact.value as { attributes: { errors: unknown } }).attributes.errors).toEqual(errors);
  });

  it('keeps what a create sent when short, never a field map nor a long string it sent back', () => {
    const fields = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`field.${i}`, { name: `field.${i}`, type: 'keyword', count: 0 }]),
    );
    const answer = {
      data_view: {
        id: 'dv-1',
        version: 'WzEsMV0=',
        title: 'logs-*',
        name: 'Logs',
        timeFieldName: '@timestamp',
        sourceFilters: [],
        fields,
        runtimeFieldMap: {},
        fieldFormats: {},
        allowNoIndex: false,
        namespaces: ['ops'],
        description: 'd'.repeat(500),
      },
    };
    const compact = compactWriteAnswer(answer, new Set(['data_view', 'title', 'name', 'timeFieldName', 'description']));
    expect(compact.value).toEqual({
      data_view: { id: 'dv-1', version: 'WzEsMV0=', title: 'logs-*', name: 'Logs', timeFieldName: '@timestamp', namespaces: ['ops'] },
    });
  });

  it("answers an update of several objects (a top-level list) with each one's id, new version, status and the fields set", () => {
    const answer = [
      { id: 'c1', version: 'v2', title: 'One', status: 'closed', severity: 'high', description: 'x', comments: [], totalComment: 2 },
      { id: 'c2', version: 'v5', title: 'Two', status: 'closed', severity: 'low', description: 'y', comments: [], totalComment: 0 },
    ];
    expect(compactWriteAnswer(answer, new Set(['cases', 'id', 'version', 'status'])).value).toEqual([
      { id: 'c1', version: 'v2', title: 'One', status: 'closed', totalComment: 2 },
      { id: 'c2', version: 'v5', title: 'Two', status: 'closed', totalComment: 0 },
    ]);
  });

  it('says when a list had nothing to show', () => {
    const compact = compactWriteAnswer({ id: 'd', panels: [{ gridData: { x: 0 } }, { gridData: { x: 1 } }] }, new Set());
    expect(compact).toEqual({ value: { id: 'd' }, lists: [{ path: 'panels', shown: 0, total: 2 }] });
  });
});

const recording = useRecordingRuntimes();
let runtime: ToolRuntime;

beforeAll(() => {
  runtime = recording.runtime({ confirmation: 'never' });
});

describe('write tools through the runtime', () => {
  it('every compact write advertises full, as an optional boolean; a whole write or a read does not, unless its operation has a parameter of that name', () => {
    const ownFull = new Set(
      ALL_TOOLS.filter((spec) => spec.request.params.some((param) => param.arg === FULL_ARGUMENT)).map((spec) => spec.name),
    );
    const whole = ALL_TOOLS.filter((spec) => spec.writeAnswer === 'whole').map((spec) => spec.name);
    expect(whole).toEqual(expect.arrayContaining(['execute_connector', 'create_apm_agent_key']));
    for (const tool of GENERATED_TOOLS) {
      const full = tool.inputSchema.properties?.[FULL_ARGUMENT] as { type?: string } | undefined;
      if (tool.answers?.compact || ownFull.has(tool.name)) expect(full?.type, tool.name).toBe('boolean');
      else expect(full, tool.name).toBeUndefined();
      expect(tool.answers?.compact ?? false, tool.name).toBe(!tool.annotations.readOnlyHint && !whole.includes(tool.name));
      expect(tool.inputSchema.required ?? []).not.toContain(FULL_ARGUMENT);
    }
  });

  it("a whole write (execute_connector) answers as Kibana did however long, and takes no full: its data is the connector's output", async () => {
    const output = {
      status: 'ok',
      connector_id: 'c1',
      data: { hits: Array.from({ length: 40 }, (_, i) => ({ message: `line ${i}`.repeat(20) })) },
    };
    recording.kibana.handle(() => ({ body: output }));
    const result = await runtime.call('execute_connector', { id: 'c1', params: { message: 'hi' } });
    expect(result.content).toHaveLength(1);
    expect(JSON.parse(textOf(result))).toEqual(output);
    expect(textOf(await runtime.call('execute_connector', { id: 'c1', params: {}, full: true }))).toMatch(
      /^Invalid arguments for execute_connector: unknown argument "full"/,
    );
  });

  it('a bulk action answers compactly, with a notice that says what was kept and how to get all', async () => {
    recording.kibana.handle(() => ({ body: bulkDelete(100) }));
    const result = await runtime.call('perform_detection_rules_bulk_action', {
      body: { action: 'delete', query: 'alert.attributes.tags:"Linux"' },
    });
    expect(result.isError).toBeUndefined();
    expect(textOf(result).length).toBeLessThan(3_000);
    expect(JSON.parse(result.content[0]!.text)).toMatchObject({ rules_count: 100, attributes: { summary: { succeeded: 100 } } });
    expect(result.content[1]!.text).toMatch(
      /^Compact answer \(ids, names, versions, status, counts, the fields sent\): \d+ of \d{6} characters\. "attributes\.results\.deleted": 10 of 100 items shown\. Pass full: true for all of it\.$/,
    );
  });

  it('full: true returns the whole answer (under the cap), and full never reaches Kibana', async () => {
    const created = { id: 'dv-1', title: 'logs-*', fields: { a: { name: 'a', type: 'keyword', searchable: true, aggregatable: true } } };
    recording.kibana.handle(() => ({ body: { data_view: { ...created, padding: 'p'.repeat(400) } } }));
    const whole = await runtime.call('create_data_view', { data_view: { title: 'logs-*' }, full: true });
    expect(JSON.parse(textOf(whole))).toEqual({ data_view: { ...created, padding: 'p'.repeat(400) } });
    expect(JSON.parse(recording.kibana.requests[0]!.body)).toEqual({ data_view: { title: 'logs-*' } });
    const compact = await runtime.call('create_data_view', { data_view: { title: 'logs-*' } });
    expect(JSON.parse(compact.content[0]!.text)).toEqual({ data_view: { id: 'dv-1', title: 'logs-*' } });
    const explicit = await runtime.call('create_data_view', { data_view: { title: 'logs-*' }, full: false });
    expect(explicit).toEqual(compact);
  });

  it('a short answer stays whole: compacting it would not make the result shorter', async () => {
    recording.kibana.handle(() => ({ body: { id: 'ops', name: 'Ops', disabledFeatures: [] } }));
    const result = await runtime.call('create_space', { id: 'ops', name: 'Ops' });
    expect(result).toEqual({ content: [{ type: 'text', text: '{"id":"ops","name":"Ops","disabledFeatures":[]}' }] });
  });

  it('full must be a boolean, and only write tools take it', async () => {
    expect(textOf(await runtime.call('create_space', { id: 'ops', name: 'Ops', full: 'yes' }))).toBe(
      'Invalid arguments for create_space:\nfull: expected boolean, got string',
    );
    expect(textOf(await runtime.call('get_status', { full: true }))).toMatch(/^Invalid arguments for get_status: unknown argument "full"/);
    expect(recording.kibana.requests).toHaveLength(0);
  });
});
