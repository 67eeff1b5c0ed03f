import { describe, expect, it } from 'vitest';

import { namedPanels, panelProblems, writeDashboard } from '../../src/dashboards/dashboards.js';
import { dataViewInfo } from '../../src/dashboards/data-view.js';
import { unknownDataViewProblems } from '../../src/dashboards/field-checks.js';
import type { FlatDashboard, FlatPanel } from '../../src/dashboards/flat.js';
import { similarNames } from '../../src/similar.js';
import { type FormatSupport, formatFor, unsupportedProblems } from '../../src/dashboards/support.js';
import { VIEWS } from './fixtures.js';

const inputs = { version: '8.18.0', views: VIEWS };
const problemsOf = (...panels: FlatPanel[]) => panelProblems(namedPanels({ title: 't', panels }), [], inputs);
const chart = (extra: Partial<FlatPanel>): FlatPanel => ({
  chart: 'table',
  title: 't',
  data_view: 'logs-*',
  metrics: [{ op: 'count' }],
  ...extra,
});

describe('field checks', () => {
  it('names the panel, the field and the likely one', () => {
    expect(problemsOf(chart({}), chart({ metrics: [{ op: 'sum', field: 'bytes' }] }))).toEqual([
      'panel 2, metric 1: `bytes` is not a field of `logs-*`; did you mean `http.response.bytes`?',
    ]);
  });

  it('refuses an average of a keyword and a date histogram on a string, listing the fields that fit', () => {
    expect(problemsOf(chart({ metrics: [{ op: 'average', field: 'host.name' }] }))).toEqual([
      'panel 1, metric 1: average needs a number field; `host.name` is a string field. Fields that fit: `http.response.bytes` or `http.response.status_code`',
    ]);
    expect(problemsOf(chart({ chart: 'line', breakdown: { by: 'date_histogram', field: 'host.name' } }))).toEqual([
      'panel 1, breakdown: date_histogram needs a date field; `host.name` is a string field. Fields that fit: `@timestamp`',
    ]);
  });

  it('takes a unique count of any aggregatable field but not of a non-aggregatable one', () => {
    expect(
      problemsOf(
        chart({
          metrics: [
            { op: 'unique_count', field: 'client.ip' },
            { op: 'unique_count', field: 'host.name' },
          ],
        }),
      ),
    ).toEqual([]);
    expect(problemsOf(chart({ metrics: [{ op: 'unique_count', field: 'message' }] }))[0]).toContain(
      '`message` is a non-aggregatable string field',
    );
  });

  it('needs a time field for a date histogram without a field, and a date field for last_value', () => {
    const noTime = dataViewInfo({ id: 'v', title: 'plain', fields: [{ name: 'n', type: 'number', aggregatable: true }] });
    const views = new Map([['plain', noTime]]);
    const panels = namedPanels({
      title: 't',
      panels: [
        chart({ chart: 'line', data_view: 'plain', metrics: [{ op: 'last_value', field: 'n' }], breakdown: { by: 'date_histogram' } }),
      ],
    });
    expect(panelProblems(panels, [], { version: '8.18.0', views })).toEqual([
      'panel 1, metric 1: last_value needs a date field to sort by; `plain` has none',
      'panel 1, breakdown: `plain` has no time field; name a date field: none in `plain`',
    ]);
  });

  it('checks the shape of each chart before any field', () => {
    expect(problemsOf({ chart: 'pie', title: 'p', data_view: 'logs-*', metrics: [{ op: 'count' }, { op: 'count' }] })).toEqual([
      'panel 1: a pie sizes its slices by 1 metric, not 2',
      'panel 1: a pie needs a breakdown to cut its slices',
    ]);
    expect(problemsOf({ chart: 'markdown', title: 'm', metrics: [{ op: 'count' }] })).toEqual([
      'panel 1: a markdown panel needs its text',
      'panel 1: a markdown panel takes text only; remove metrics',
    ]);
    expect(
      problemsOf(chart({ chart: 'metric', split: { by: 'top_values', field: 'host.name' }, breakdown: { by: 'ranges', field: 'x' } })),
    ).toEqual([
      'panel 1: split is for line, area and bar charts; a metric takes one breakdown',
      'panel 1, breakdown: ranges needs its ranges, such as [{"to":100},{"from":100}]',
    ]);
    expect(problemsOf(chart({ grid: { x: 40, w: 24 } }))).toEqual(["panel 1: x 40 plus width 24 passes the grid's 48 columns"]);
  });

  it('checks dashboard filters against the data views in use', () => {
    const dashboard: FlatDashboard = { title: 't', panels: [chart({})], filters: [{ field: 'hostname', operator: 'exists' }] };
    expect(() => writeDashboard(dashboard, inputs)).toThrow('filter 1: `hostname` is not a field of `logs-*`; did you mean `host.name`?');
    expect(panelProblems([], [{ field: 'host.name', operator: 'is_one_of', value: [] }], inputs)).toEqual([
      'filter 1: "is_one_of" takes a non-empty list of values',
    ]);
  });

  it('suggests data views by title or name', () => {
    const problems = unknownDataViewProblems(
      [{ panel: chart({ data_view: 'logs' }), where: 'panel 1' }],
      [{ id: 'logs-view', title: 'logs-*', name: 'Logs' }],
    );
    expect(problems).toEqual(['panel 1: there is no data view `logs`; did you mean `Logs` or `logs-*`?']);
  });

  it('ranks dropped prefixes first and says nothing when nothing is close', () => {
    expect(similarNames('bytes', ['bytes_total', 'http.response.bytes', 'host.name'])).toEqual(['http.response.bytes', 'bytes_total']);
    expect(similarNames('zzz', ['host.name'])).toEqual([]);
  });
});

describe('version support', () => {
  it('picks the stored form by version', () => {
    expect(formatFor('8.6.0').format).toBe('saved-object');
    expect(formatFor('9.3.2').format).toBe('saved-object');
    expect(formatFor('9.4.0').format).toBe('api-9.4');
  });

  it('refuses a chart type or operation a form cannot carry', () => {
    const narrow: FormatSupport = {
      format: 'saved-object',
      from: '8.0.0',
      charts: ['line'],
      metrics: ['count'],
      breakdowns: ['date_histogram'],
    };
    const panel = chart({ metrics: [{ op: 'sum', field: 'x' }], breakdown: { by: 'top_values', field: 'x' } });
    expect(unsupportedProblems([{ panel, where: 'panel 1' }], narrow, '8.1.0')).toEqual([
      'panel 1: table panels cannot be built on Kibana 8.1.0',
      'panel 1: the sum metric is not available on Kibana 8.1.0',
      'panel 1: the top_values breakdown is not available on Kibana 8.1.0',
    ]);
  });
});
