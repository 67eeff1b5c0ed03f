// Spaces keep objects apart; writes into a space that does not exist are refused before Kibana sees
// them; saved objects move between spaces by export/import and by copy, references intact.
import { beforeAll, describe, expect, it } from 'vitest';
import { NOT_FOUND_HINT, unique, useScenario, writesIn, type Agent } from './support/scenario.js';

const scenario = useScenario();
let agent: Agent;

beforeAll(async () => {
  agent = await scenario.connect(['--toolsets', 'spaces,saved_objects,data_views,dashboards_api']);
});

interface DataViewListing {
  data_view: { id: string; title: string; name: string; namespaces: string[] }[];
}

const dataViewIds = async (space: string) =>
  (await agent.ok<DataViewListing>('list_data_views', { space_id: space })).data_view.map((view) => view.id);

describe('space isolation', () => {
  it('a data view created in space A is visible neither in space B nor in the default space', async () => {
    const a = unique('team-a');
    const b = unique('team-b');
    expect(await agent.ok('create_space', { id: a, name: 'Team A', color: '#aa0000' })).toMatchObject({ id: a, name: 'Team A' });
    expect(await agent.ok('create_space', { id: b, name: 'Team B' })).toMatchObject({ id: b });
    const spaces = await agent.ok<{ id: string }[]>('list_spaces');
    expect(spaces.map((space) => space.id)).toEqual(expect.arrayContaining(['default', a, b]));

    const created = await agent.ok<{ data_view: { id: string; namespaces: string[] } }>('create_data_view', {
      space_id: a,
      data_view: { title: 'team-a-logs-*', name: 'Team A logs', timeFieldName: '@timestamp' },
    });
    const viewId = created.data_view.id;
    expect(created.data_view.namespaces).toEqual([a]);

    expect(await dataViewIds(a)).toEqual([viewId]);
    expect(await dataViewIds(b)).toEqual([]);
    expect(await dataViewIds('default')).not.toContain(viewId);
    // Without space_id the server uses its default space.
    expect((await agent.ok<DataViewListing>('list_data_views')).data_view.map((view) => view.id)).not.toContain(viewId);

    const fromB = await agent.fails('get_data_view', { view_id: viewId, space_id: b });
    expect(fromB).toMatch(/404/);
    expect(fromB).toMatch(NOT_FOUND_HINT);
    expect(await agent.ok('get_data_view', { view_id: viewId, space_id: a })).toMatchObject({
      data_view: { id: viewId, title: 'team-a-logs-*' },
    });

    // The same name may exist in B: spaces do not share names either.
    await agent.ok('create_data_view', { space_id: b, data_view: { title: 'team-a-logs-*', name: 'Team A logs' } });
    expect(await dataViewIds(b)).toHaveLength(1);
    expect(await dataViewIds(a)).toEqual([viewId]);

    expect(scenario.sandbox.state.savedObjects.list(a, ['index-pattern']).map((object) => object.id)).toEqual([viewId]);
    expect(scenario.sandbox.state.savedObjects.get('default', 'index-pattern', viewId)).toBeUndefined();
  });
});

describe('writes into a space that does not exist', () => {
  it('are refused before any write reaches Kibana, and go through once the space exists', async () => {
    const missing = unique('no-such-space');
    const mark = scenario.sandbox.requests.length;

    const refused = await agent.fails('create_data_view', { space_id: missing, data_view: { title: 'orphan-*' } });
    expect(refused).toMatch(new RegExp(`Space "${missing}" does not exist, so nothing was written`));
    expect(refused).toMatch(/create_space/);
    const dashboard = await agent.fails('create_dashboard', {
      space_id: missing,
      id: 'orphan-dashboard',
      attributes: { title: 'Orphan', options: {} },
    });
    expect(dashboard).toMatch(/does not exist/);
    const imported = await agent.fails('import_saved_objects', {
      space_id: missing,
      objects: [{ type: 'index-pattern', id: 'orphan-view', attributes: { title: 'orphan-*' }, references: [] }],
    });
    expect(imported).toMatch(/does not exist/);

    // Only reads reached Kibana: the existence checks (the version was read once at start); no
    // POST/PUT/DELETE at all, nothing stored.
    const seen = scenario.requestsSince(mark);
    expect(writesIn(seen)).toEqual([]);
    const spaceChecks = seen.filter((request) => request.path === `/api/spaces/space/${missing}`);
    expect(spaceChecks.length).toBeGreaterThan(0);
    expect(spaceChecks.every((request) => request.method === 'GET' && request.status === 404)).toBe(true);
    // Besides the checks: the listing that names the nearest spaces.
    expect(new Set(seen.filter((request) => !spaceChecks.includes(request)).map((request) => `${request.method} ${request.path}`))).toEqual(
      new Set(['GET /api/spaces/space']),
    );
    expect(scenario.sandbox.state.savedObjects.list(missing)).toEqual([]);

    // A read there finds nothing, and says the space is what is missing.
    expect(await agent.fails('list_data_views', { space_id: missing })).toMatch(new RegExp(`Space "${missing}" does not exist`));

    // Once the space exists, the same write goes through.
    await agent.ok('create_space', { id: missing, name: 'Created late' });
    const created = await agent.ok<{ data_view: { id: string } }>('create_data_view', {
      space_id: missing,
      data_view: { title: 'orphan-*' },
    });
    expect(await dataViewIds(missing)).toEqual([created.data_view.id]);
  });
});

interface ExportResult {
  count: number;
  /** Kibana's closing summary line, kept apart from the objects. */
  details?: { exportedCount: number; missingRefCount: number };
  items: ({
    type: string;
    id: string;
    attributes: Record<string, unknown>;
    references: { name: string; type: string; id: string }[];
  } & Record<string, unknown>)[];
}

describe('moving saved objects between spaces', () => {
  it('export → import into another space: the dashboard and its data view exist there with their references', async () => {
    const target = unique('ops');
    await agent.ok('create_space', { id: target, name: 'Ops' });

    const exported = await agent.ok<ExportResult>('export_saved_objects', {
      objects: [{ type: 'dashboard', id: 'host-metrics-dashboard' }],
      include_references_deep: true,
    });
    const objects = exported.items;
    expect(exported.count).toBe(2);
    expect(objects.map((item) => `${item.type}:${item.id}`).sort()).toEqual([
      'dashboard:host-metrics-dashboard',
      'index-pattern:metrics-data-view',
    ]);
    expect(exported.details).toMatchObject({ exportedCount: 2, missingRefCount: 0 });

    // The agent hands the exported objects back as they came.
    const imported = await agent.ok('import_saved_objects', { space_id: target, objects });
    expect(imported).toMatchObject({ success: true, successCount: 2, errors: [] });

    const dashboard = await agent.ok('get_saved_object', { space_id: target, type: 'dashboard', id: 'host-metrics-dashboard' });
    expect(dashboard).toMatchObject({ namespaces: [target], attributes: { title: 'Host metrics' } });
    expect(dashboard.references).toEqual([
      { name: 'p1:indexpattern-datasource-layer-cpu', type: 'index-pattern', id: 'metrics-data-view' },
    ]);
    expect(await agent.ok('get_data_view', { space_id: target, view_id: 'metrics-data-view' })).toMatchObject({
      data_view: { title: 'metrics-*', timeFieldName: '@timestamp' },
    });
    const referencing = await agent.ok('find_saved_objects', {
      space_id: target,
      type: 'dashboard',
      has_reference: { type: 'index-pattern', id: 'metrics-data-view' },
    });
    expect(referencing.saved_objects.map((object: { id: string }) => object.id)).toEqual(['host-metrics-dashboard']);
    const viaDashboardsApi = await agent.ok('get_dashboard', { space_id: target, id: 'host-metrics-dashboard' });
    expect(viaDashboardsApi.item.attributes.panels).toHaveLength(1);

    // Importing again conflicts per object (not as an HTTP error); overwrite resolves it.
    const again = await agent.ok('import_saved_objects', { space_id: target, objects });
    expect(again).toMatchObject({ success: false, successCount: 0 });
    expect(again.errors.map((error: { error: { type: string } }) => error.error.type)).toEqual(['conflict', 'conflict']);
    const overwritten = await agent.ok('import_saved_objects', { space_id: target, objects, overwrite: true });
    expect(overwritten).toMatchObject({ success: true, successCount: 2 });

    // The source space is untouched.
    expect(
      scenario.sandbox.state.savedObjects
        .list(target)
        .map((object) => object.id)
        .sort(),
    ).toEqual(['host-metrics-dashboard', 'metrics-data-view']);
    expect(scenario.sandbox.state.savedObjects.get('default', 'dashboard', 'host-metrics-dashboard')).toBeDefined();
  });

  it('import with a missing reference fails for that object, and resolve_saved_object_import_errors fixes it', async () => {
    const target = unique('lab');
    await agent.ok('create_space', { id: target, name: 'Lab' });
    const exported = await agent.ok<ExportResult>('export_saved_objects', {
      objects: [{ type: 'lens', id: 'web-errors-lens' }],
      exclude_export_details: true,
    });
    expect(exported.count).toBe(1);

    const failed = await agent.ok('import_saved_objects', { space_id: target, objects: exported.items });
    expect(failed).toMatchObject({ success: false, successCount: 0 });
    expect(failed.errors[0]).toMatchObject({
      id: 'web-errors-lens',
      error: { type: 'missing_references', references: [{ type: 'index-pattern', id: 'logs-data-view' }] },
    });

    const view = await agent.ok<{ data_view: { id: string } }>('create_data_view', {
      space_id: target,
      data_view: { title: 'logs-*', name: 'Lab logs' },
    });
    const resolved = await agent.ok('resolve_saved_object_import_errors', {
      space_id: target,
      objects: exported.items,
      retries: [
        {
          type: 'lens',
          id: 'web-errors-lens',
          replaceReferences: [{ type: 'index-pattern', from: 'logs-data-view', to: view.data_view.id }],
        },
      ],
    });
    expect(resolved).toMatchObject({ success: true, successCount: 1 });
    const lens = await agent.ok('get_saved_object', { space_id: target, type: 'lens', id: 'web-errors-lens' });
    expect(lens.references).toEqual([{ name: 'indexpattern-datasource-layer-errors', type: 'index-pattern', id: view.data_view.id }]);
  });

  it('copy_saved_objects_to_space copies a dashboard with everything it references, remapping new ids', async () => {
    const keep = unique('keep-ids');
    const fresh = unique('new-ids');
    await agent.ok('create_space', { id: keep, name: 'Keeps ids' });
    await agent.ok('create_space', { id: fresh, name: 'New ids' });
    const objects = [{ type: 'dashboard', id: 'web-traffic-dashboard' }];

    const kept = await agent.ok('copy_saved_objects_to_space', {
      objects,
      spaces: [keep],
      include_references: true,
      create_new_copies: false,
    });
    expect(kept[keep]).toMatchObject({ success: true, successCount: 3 });
    const dashboard = await agent.ok('get_saved_object', { space_id: keep, type: 'dashboard', id: 'web-traffic-dashboard' });
    expect(dashboard.references).toEqual([{ name: 'p1:panel_p1', type: 'lens', id: 'web-errors-lens' }]);
    const lens = await agent.ok('get_saved_object', { space_id: keep, type: 'lens', id: 'web-errors-lens' });
    expect(lens.references[0]).toMatchObject({ type: 'index-pattern', id: 'logs-data-view' });
    expect(await dataViewIds(keep)).toEqual(['logs-data-view']);

    // create_new_copies (the default): new ids, and the copies reference each other, not the originals.
    const copied = await agent.ok('copy_saved_objects_to_space', { objects, spaces: [fresh], include_references: true });
    expect(copied[fresh]).toMatchObject({ success: true, successCount: 3 });
    const destination = (type: string) =>
      copied[fresh].successResults.find((result: { type: string }) => result.type === type).destinationId as string;
    const [newDashboard, newLens, newView] = [destination('dashboard'), destination('lens'), destination('index-pattern')];
    expect(newDashboard).not.toBe('web-traffic-dashboard');
    const copiedDashboard = await agent.ok('get_saved_object', { space_id: fresh, type: 'dashboard', id: newDashboard });
    expect(copiedDashboard.references).toEqual([{ name: 'p1:panel_p1', type: 'lens', id: newLens }]);
    const copiedLens = await agent.ok('get_saved_object', { space_id: fresh, type: 'lens', id: newLens });
    expect(copiedLens.references[0]).toMatchObject({ type: 'index-pattern', id: newView });
    expect(await dataViewIds(fresh)).toEqual([newView]);

    // Nothing appeared in the default space, and the originals kept their ids.
    expect(scenario.sandbox.state.savedObjects.list('default', ['dashboard'])).toHaveLength(2);
  });

  it('a missing object id in an export is a 404 with the hint', async () => {
    const text = await agent.fails('export_saved_objects', { objects: [{ type: 'dashboard', id: 'no-such-dashboard' }] });
    expect(text).toMatch(/404/);
    expect(text).toMatch(/dashboard\/no-such-dashboard/);
    expect(text).toMatch(NOT_FOUND_HINT);
  });
});

describe('copying into a space that does not exist', () => {
  it('is refused before the copy reaches Kibana', async () => {
    const typo = unique('typo-space');
    const mark = scenario.sandbox.requests.length;
    const text = await agent.fails('copy_saved_objects_to_space', {
      objects: [{ type: 'index-pattern', id: 'logs-data-view' }],
      spaces: [typo],
      create_new_copies: false,
    });
    expect(text).toMatch(/does not exist/);
    expect(writesIn(scenario.requestsSince(mark))).toEqual([]);
    expect(scenario.sandbox.state.savedObjects.list(typo)).toEqual([]);
  });
});
