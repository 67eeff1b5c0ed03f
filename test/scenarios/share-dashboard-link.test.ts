// An agent builds an incident dashboard and shares it with a short link, then cleans up.
import { describe, expect, it } from 'vitest';
import { unique, useScenario } from './support/scenario.js';

const scenario = useScenario();

describe('sharing a dashboard by short URL', () => {
  it('create dashboard → short URL with a slug → resolve by slug → slug taken (409) → delete link and dashboard', async () => {
    const agent = await scenario.connect(['--toolsets', 'dashboards_api,short_urls,saved_objects', '--tier', 'destructive']);
    const dashboardId = unique('incident-4711');
    const slug = unique('incident-4711-errors');

    const dashboard = await agent.ok('create_dashboard', {
      id: dashboardId,
      attributes: {
        title: 'Incident 4711: checkout errors',
        description: 'Built by the on-call agent.',
        timeRestore: true,
        timeFrom: 'now-4h',
        timeTo: 'now',
        options: { useMargins: true, hidePanelTitles: false },
        panels: [
          { type: 'lens', gridData: { x: 0, y: 0, w: 48, h: 15, i: 'p1' }, panelIndex: 'p1', panelRefName: 'panel_p1', panelConfig: {} },
        ],
      },
      references: [{ name: 'p1:panel_p1', type: 'lens', id: 'web-errors-lens' }],
    });
    expect(dashboard.item).toMatchObject({
      id: dashboardId,
      attributes: { title: 'Incident 4711: checkout errors', panels: [expect.objectContaining({ panelIndex: 'p1' })] },
    });
    const listed = await agent.ok('list_dashboards', { per_page: 100 });
    expect(listed.items.map((item: { id: string }) => item.id)).toContain(dashboardId);
    // Stored as Kibana stores it: panels as JSON text.
    const stored = await agent.ok('get_saved_object', { type: 'dashboard', id: dashboardId });
    expect(JSON.parse(stored.attributes.panelsJSON)).toEqual([expect.objectContaining({ panelIndex: 'p1' })]);

    const locatorParams = { dashboardId, timeRange: { from: 'now-4h', to: 'now' }, preserveSavedFilters: true };
    const shortUrl = await agent.ok('create_short_url', { locator_id: 'DASHBOARD_APP_LOCATOR', params: locatorParams, slug });
    expect(shortUrl).toMatchObject({ slug, locator: { id: 'DASHBOARD_APP_LOCATOR', state: locatorParams }, accessCount: 0 });

    // Someone opening the link resolves the slug to the dashboard, which exists.
    const resolved = await agent.ok('get_short_url_by_slug', { slug });
    expect(resolved).toMatchObject({ id: shortUrl.id, locator: { state: { dashboardId } } });
    expect((await agent.ok('get_dashboard', { id: resolved.locator.state.dashboardId })).item.attributes.title).toBe(
      'Incident 4711: checkout errors',
    );
    expect(await agent.ok('get_short_url', { id: shortUrl.id })).toMatchObject({ slug });

    // The slug is taken; a generated human-readable one is not.
    const taken = await agent.fails('create_short_url', { locator_id: 'DASHBOARD_APP_LOCATOR', params: locatorParams, slug });
    expect(taken).toMatch(/409/);
    expect(taken).toMatch(/already exists/);
    const generated = await agent.ok('create_short_url', {
      locator_id: 'DASHBOARD_APP_LOCATOR',
      params: locatorParams,
      human_readable_slug: true,
    });
    expect(generated.slug).toMatch(/^[a-z]+-[a-z]+-[a-z]+$/);
    expect(scenario.sandbox.state.shortUrls.size).toBe(2);

    // Clean up: the links, then the dashboard.
    expect(await agent.ok('delete_short_url', { id: shortUrl.id })).toMatchObject({ ok: true });
    const goneBySlug = await agent.fails('get_short_url_by_slug', { slug });
    expect(goneBySlug).toMatch(/404/);
    // Short URLs live outside spaces: the hint is about the id alone.
    expect(goneBySlug).toMatch(/Hint: Check the id: this API keeps its objects outside spaces/);
    expect(await agent.fails('get_short_url', { id: shortUrl.id })).toMatch(/404/);
    await agent.ok('delete_short_url', { id: generated.id });
    expect(scenario.sandbox.state.shortUrls.size).toBe(0);

    await agent.ok('delete_dashboard', { id: dashboardId });
    expect(await agent.fails('get_dashboard', { id: dashboardId })).toMatch(/404/);
    // The lens chart it referenced is not deleted with it.
    expect(scenario.sandbox.state.savedObjects.get('default', 'lens', 'web-errors-lens')).toBeDefined();
  });
});
