// Reads with `fields` keep only what was asked, whether Kibana filtered (saved objects) or not
// (detection rules come back nearly whole); a field no object has gets a notice, never silence.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectFields } from '../../src/tools/field-selection.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { GENERATED_TOOLS } from '../support/runtime.js';
import { useRecordingRuntimes } from './recording-runtime.js';

const wholeRule = (index: number) => ({
  id: `id-${index}`,
  rule_id: `rule-${index}`,
  name: `Rule ${index}`,
  enabled: index % 2 === 0,
  severity: 'high',
  risk_score: 70,
  query: 'process.name:cmd.exe',
  execution_summary: { last_execution: { status: 'succeeded' } },
});

describe('selectFields', () => {
  it('keeps the id and the asked fields of each object, and the page around them', () => {
    const page = { page: 1, perPage: 20, total: 2, data: [wholeRule(0), wholeRule(1)] };
    expect(selectFields(page, ['name', 'enabled'])).toEqual({
      value: {
        page: 1,
        perPage: 20,
        total: 2,
        data: [
          { id: 'id-0', name: 'Rule 0', enabled: true },
          { id: 'id-1', name: 'Rule 1', enabled: false },
        ],
      },
    });
  });

  it('keeps a dotted path as a path, and a dotted key as a key', () => {
    const { value } = selectFields({ data: [wholeRule(0)] }, ['execution_summary.last_execution.status']);
    expect(value).toEqual({ data: [{ id: 'id-0', execution_summary: { last_execution: { status: 'succeeded' } } }] });
    const alerts = { data: [{ id: 'a', 'kibana.alert.status': 'active', other: 1 }] };
    expect(selectFields(alerts, ['kibana.alert.status']).value).toEqual({ data: [{ id: 'a', 'kibana.alert.status': 'active' }] });
  });

  it('looks for the fields of saved objects in their attributes, beside their type and id', () => {
    const found = {
      page: 1,
      per_page: 2,
      total: 1,
      saved_objects: [{ type: 'dashboard', id: 'd1', version: 'v', references: [], attributes: { title: 'T', description: 'D' } }],
    };
    expect(selectFields(found, ['title']).value).toEqual({
      page: 1,
      per_page: 2,
      total: 1,
      saved_objects: [{ type: 'dashboard', id: 'd1', attributes: { title: 'T' } }],
    });
  });

  it('names the fields no object has, with the nearest names and the names the objects do have', () => {
    const selection = selectFields({ data: [wholeRule(0)] }, ['name', 'enabld', 'colour']);
    expect(selection.value).toEqual({ data: [{ id: 'id-0', name: 'Rule 0' }] });
    expect(selection.notice).toBe(
      'fields: no returned object (1 in this answer) has "enabld" (did you mean "enabled"?), "colour", so nothing was kept for them. Fields they have: id, rule_id, name, enabled, severity, risk_score, query, execution_summary.',
    );
  });

  it('leaves an answer without a listing, or an empty one, as it is', () => {
    expect(selectFields({ page: 1, data: [] }, ['name'])).toEqual({ value: { page: 1, data: [] } });
    expect(selectFields({ id: 'x' }, ['name'])).toEqual({ value: { id: 'x' } });
  });
});

const recording = useRecordingRuntimes();
let runtime: ToolRuntime;

beforeAll(() => {
  runtime = recording.runtime();
});

const parsed = (result: { content: Array<{ text: string }> }) => JSON.parse(result.content[0]!.text);

describe('through the runtime', () => {
  it('the list tools whose fields go to Kibana are the ones the server also filters', () => {
    const filtering = GENERATED_TOOLS.filter((tool) => tool.answers?.fields !== undefined).map((tool) => tool.name);
    expect(filtering.sort()).toEqual(['find_alerting_rules', 'find_detection_rules', 'find_saved_objects']);
  });

  it('Kibana answers whole rules to find_detection_rules with fields: the server keeps what was asked', async () => {
    recording.kibana.handle(() => ({ body: { page: 1, perPage: 20, total: 2, data: [wholeRule(0), wholeRule(1)] } }));
    const result = await runtime.call('find_detection_rules', { fields: ['name'] });
    expect(recording.kibana.requests[0]!.query.getAll('fields')).toEqual(['name']);
    expect(result.content).toHaveLength(1);
    expect(parsed(result).data).toEqual([
      { id: 'id-0', name: 'Rule 0' },
      { id: 'id-1', name: 'Rule 1' },
    ]);
  });

  it('Kibana filtered the saved objects already: the answer is unchanged; a field it dropped for being unknown gets a notice', async () => {
    const answer = { page: 1, per_page: 20, total: 1, saved_objects: [{ type: 'dashboard', id: 'd1', attributes: { title: 'Web' } }] };
    recording.kibana.handle(() => ({ body: answer }));
    expect(parsed(await runtime.call('find_saved_objects', { type: 'dashboard', fields: ['title'] }))).toEqual(answer);
    const unknown = await runtime.call('find_saved_objects', { type: 'dashboard', fields: ['title', 'titel'] });
    expect(unknown.content[1]!.text).toMatch(/^fields: no returned object \(1 in this answer\) has "titel" \(did you mean "title"\?\)/);
  });

  it('a single field name is one field', async () => {
    recording.kibana.handle(() => ({ body: { page: 1, per_page: 20, total: 1, data: [{ id: 'r1', name: 'Rule', tags: ['a'] }] } }));
    expect(parsed(await runtime.call('find_alerting_rules', { fields: ['tags'] })).data).toEqual([{ id: 'r1', tags: ['a'] }]);
  });

  it("an Elasticsearch search's fields (in the body) are Elasticsearch's, not a field selection", async () => {
    const hits = {
      hits: { total: { value: 1 }, hits: [{ _id: 'a1', _source: { 'host.name': 'web-01' }, fields: { 'host.name': ['web-01'] } }] },
    };
    recording.kibana.handle(() => ({ body: hits }));
    const result = await runtime.call('search_detection_alerts', { fields: ['host.name'], size: 1 });
    expect(parsed(result)).toEqual(hits);
    expect(result.content).toHaveLength(1);
  });
});
