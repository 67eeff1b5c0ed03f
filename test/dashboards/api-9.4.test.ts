import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

import { describeDashboard, patchDashboard, type StoredDashboard, writeDashboard } from '../../src/dashboards/dashboards.js';
import { isMarkedOptional } from '../../src/openapi/normalize-schema.js';
import { EVERY_CHART, LOOKUPS, sequentialIds, VIEWS } from './fixtures.js';

const SPEC = resolve(import.meta.dirname, '../../../shared/openapi/kibana-dashboards-api-2026-05-11.json');
const HAVE_SPEC = existsSync(SPEC);
const SKIP = HAVE_SPEC ? '' : ` [skipped: ${SPEC} not found (needs ../shared/openapi next to the repo)]`;
const VERSION = '9.4.1';

type Schema = Record<string, unknown>;

/** The spec's schemas with Kibana's optional members (`x-oas-optional`) taken out of `required`. */
function relaxedSchemas(schemas: Record<string, Schema>): Record<string, Schema> {
  const resolveRef = (schema: Schema): Schema =>
    typeof schema.$ref === 'string' ? resolveRef(schemas[schema.$ref.split('/').at(-1) ?? ''] ?? {}) : schema;
  const relax = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(relax);
    if (node === null || typeof node !== 'object') return node;
    const schema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, relax(value)])) as Schema;
    const properties = (node as Schema).properties as Record<string, Schema> | undefined;
    if (Array.isArray(schema.required) && properties) {
      schema.required = schema.required.filter((name) => {
        const property = properties[String(name)];
        return !(property && (isMarkedOptional(property) || isMarkedOptional(resolveRef(property))));
      });
    }
    return schema;
  };
  return relax(schemas) as Record<string, Schema>;
}

const PUT_BODY = 'put-dashboards-id-body';

/** One Ajv over the whole relaxed spec, the PUT body schema among its components. */
const specAjv = (() => {
  let ajv: Ajv | undefined;
  return () => {
    if (ajv) return ajv;
    const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as { components: { schemas: Record<string, Schema> }; paths: Record<string, any> };
    const putBody = spec.paths['/api/dashboards/{id}'].put.requestBody.content['application/json'].schema as Schema;
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ components: { schemas: relaxedSchemas({ ...spec.components.schemas, [PUT_BODY]: putBody }) } }, 'spec');
    return ajv;
  };
})();

const validator = (name: string) => specAjv().compile({ $ref: `spec#/components/schemas/${name}` });

function build(): Record<string, unknown> {
  const written = writeDashboard(EVERY_CHART, {
    version: VERSION,
    views: VIEWS,
    newId: sequentialIds(),
    tags: [{ id: 'tag-1', name: 'web' }],
  });
  if (written.format !== 'api-9.4') throw new Error(`expected an API body, got ${written.format}`);
  return written.body;
}

/** What GET answers for a dashboard created with a body: the body as data, plus what Kibana adds. */
const answer = (body: Record<string, unknown>) => ({
  id: 'dash-1',
  data: { ...body, access_control: { access_mode: 'default' } },
  meta: {},
});
const stored = (body: Record<string, unknown>): StoredDashboard => ({ format: 'api-9.4', answer: answer(body) });

describe('9.4 dashboards API', () => {
  it.skipIf(!HAVE_SPEC)(`writes a POST body that validates against the dashboards spec${SKIP}`, () => {
    const validate = validator('kbn-dashboard-data');
    const valid = validate(build());
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.skipIf(!HAVE_SPEC)(`the checked schema refuses a body with a Lens mistake${SKIP}`, () => {
    const validate = validator('kbn-dashboard-data');
    const body = build();
    const panels = body.panels as { config: Record<string, unknown> }[];
    (panels[1] as { config: Record<string, unknown> }).config.metrics = [{ operation: 'avg', field: 'x', type: 'primary' }];
    expect(validate(body)).toBe(false);
  });

  it.skipIf(!HAVE_SPEC)(`writes a PUT body after a patch that validates too${SKIP}`, () => {
    const validate = validator(PUT_BODY);
    const patched = patchDashboard(
      stored(build()),
      {
        remove_panels: ['p1'],
        add_panels: [
          {
            chart: 'table',
            title: 'IPs',
            data_view: 'logs-*',
            metrics: [{ op: 'count' }],
            breakdown: { by: 'top_values', field: 'client.ip' },
          },
        ],
      },
      { version: VERSION, views: VIEWS, newId: () => 'new1' },
      LOOKUPS,
    );
    const valid = patched.format === 'api-9.4' && validate(patched.body);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('reads back exactly the flat panels it wrote', () => {
    const described = describeDashboard(stored(build()), { ...LOOKUPS, tagName: (id) => (id === 'tag-1' ? 'web' : undefined) });
    expect(described.kept).toEqual([]);
    expect(described).toMatchObject({
      id: 'dash-1',
      title: EVERY_CHART.title,
      tags: ['web'],
      query: EVERY_CHART.query,
      filters: EVERY_CHART.filters,
    });
    const expected = EVERY_CHART.panels.map((panel) => ({ ...panel, ...(panel.data_view ? { data_view: 'logs-*' } : {}) }));
    expect(described.panels.map(({ id: _id, grid: _grid, ...panel }) => panel)).toEqual(expected);
  });

  it('a patch that changes nothing sends back the stored data, less what PUT does not take', () => {
    const body = build();
    const patched = patchDashboard(stored(body), {}, { version: VERSION, views: VIEWS }, LOOKUPS);
    expect(patched.format === 'api-9.4' && JSON.stringify(patched.body)).toBe(JSON.stringify(body));
  });

  it('keeps sections and unknown panels, and refuses to update when the API left panels out', () => {
    const body = build();
    const section = { title: 'More', collapsed: true, grid: { y: 200 }, panels: [], id: 's1' };
    const image = { type: 'image', id: 'img', grid: { x: 0, y: 210, w: 8, h: 8 }, config: { src: 'x' } };
    const withExtras = { ...body, panels: [...(body.panels as unknown[]), section, image] };
    const described = describeDashboard(stored(withExtras), LOOKUPS);
    expect(described.kept.map((item) => [item.kind, item.id, item.type])).toEqual([
      ['section', 's1', 'section'],
      ['panel', 'img', 'image'],
    ]);
    const renamed = patchDashboard(stored(withExtras), { title: 'New' }, { version: VERSION, views: VIEWS }, LOOKUPS);
    expect(renamed.format === 'api-9.4' && renamed.body.panels).toEqual(withExtras.panels);
    const dropped = { ...answer(body), warnings: [{ type: 'dropped_panel', message: 'x', panel_type: 'links', panel_config: {} }] };
    expect(() =>
      patchDashboard({ format: 'api-9.4', answer: dropped }, { title: 'New' }, { version: VERSION, views: VIEWS }, LOOKUPS),
    ).toThrow('updating would delete them');
  });
});
