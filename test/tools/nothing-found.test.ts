// No silent nothing on reads: a read in a space that does not exist says so and names the nearest
// spaces (checked only when the read found nothing, and then remembered); a 404's hint fits the call.
import { describe, expect, it } from 'vitest';
import { kibanaError, type RecordedRequest, type RecordingKibana } from '../../harness/recording-kibana.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { textOf } from '../support/runtime.js';
import { useRecordingRuntimes } from './recording-runtime.js';

const SPACES = [
  { id: 'default', name: 'Default' },
  { id: 'marketing', name: 'Marketing' },
];

const recording = useRecordingRuntimes();
let runtime: ToolRuntime;

/** Each test gets its own runtime: the space guard's memory must not carry over. */
function freshRuntime(): ToolRuntime {
  runtime = recording.runtime();
  return runtime;
}

/** Spaces as Kibana knows them; every other request answered by `other`. */
function kibanaWith(other: (request: RecordedRequest) => ReturnType<Parameters<RecordingKibana['handle']>[0]>) {
  recording.kibana.handle((request) => {
    if (request.path === '/api/spaces/space') return { body: SPACES };
    const space = /^\/api\/spaces\/space\/(.+)$/.exec(request.path)?.[1];
    if (space !== undefined) {
      const found = SPACES.find((each) => each.id === space);
      return found ? { body: found } : kibanaError(404, 'Not Found', `Saved object [space/${space}] not found`);
    }
    return other(request);
  });
}

const { seen } = recording;

describe('a read in a space that does not exist', () => {
  it('answers that the space does not exist, with the nearest spaces, instead of an empty page', async () => {
    kibanaWith(() => ({ body: { data_view: [] } }));
    const result = await freshRuntime().call('list_data_views', { space_id: 'marketng' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'Space "marketng" does not exist, so there is nothing to read in it. Nearest existing spaces: "marketing" (Marketing). Pass an existing space_id (list_spaces shows them all).',
    );
    expect(seen()).toEqual(['GET /s/marketng/api/data_views', 'GET /api/spaces/space/marketng', 'GET /api/spaces/space']);
  });

  it('asks nothing more when the read found something, or ran in the default space', async () => {
    kibanaWith(() => ({ body: { page: 1, per_page: 20, total: 0, saved_objects: [] } }));
    await freshRuntime().call('find_saved_objects', { type: 'dashboard' });
    kibanaWith(() => ({ body: { data_view: [{ id: 'v1' }] } }));
    await runtime.call('list_data_views', { space_id: 'marketing' });
    expect(seen()).toEqual(['GET /api/saved_objects/_find', 'GET /s/marketing/api/data_views']);
  });

  it('an empty page in a space that exists is an empty page; the space is then remembered, so the next costs nothing', async () => {
    kibanaWith(() => ({ body: { page: 1, per_page: 20, total: 0, saved_objects: [] } }));
    const first = await freshRuntime().call('find_saved_objects', { type: 'dashboard', space_id: 'marketing' });
    expect(JSON.parse(textOf(first))).toEqual({ page: 1, per_page: 20, total: 0, saved_objects: [] });
    await runtime.call('find_saved_objects', { type: 'lens', space_id: 'marketing' });
    expect(seen()).toEqual([
      'GET /s/marketing/api/saved_objects/_find',
      'GET /api/spaces/space/marketing',
      'GET /s/marketing/api/saved_objects/_find',
    ]);
  });

  it('a space check that fails otherwise leaves the empty page as it is', async () => {
    recording.kibana.handle((request) =>
      request.path.startsWith('/api/spaces/') ? kibanaError(403, 'Forbidden', 'no access to spaces') : { body: [] },
    );
    const result = await freshRuntime().call('list_connectors', { space_id: 'marketing' });
    expect(result).toEqual({ content: [{ type: 'text', text: '[]' }] });
  });
});

describe('a 404 hint that fits the call', () => {
  const notFound = () => kibanaError(404, 'Not Found', 'Not Found');

  it('a get by id in a space: check the id and the space', async () => {
    kibanaWith(notFound);
    const text = textOf(await freshRuntime().call('get_data_view', { view_id: 'gone', space_id: 'marketing' }));
    expect(text).toMatch(/\nHint: Check the id and the space: objects live in one space/);
  });

  it('a get by id in a space that does not exist: the space is what is missing', async () => {
    kibanaWith(notFound);
    const text = textOf(await freshRuntime().call('get_data_view', { view_id: 'v1', space_id: 'marketting' }));
    expect(text).toMatch(/^Space "marketting" does not exist, so there is nothing to read in it\. Nearest existing spaces: "marketing"/);
  });

  it('ids in the body name the object too (an update of cases)', async () => {
    kibanaWith(notFound);
    const text = textOf(await freshRuntime().call('update_cases', { cases: [{ id: 'gone', version: 'v1', status: 'closed' }] }));
    expect(text).toMatch(/Hint: Check the id and the space/);
  });

  it('an API whose objects live outside spaces: check the id, no word of spaces', async () => {
    kibanaWith(notFound);
    for (const [tool, args] of [
      ['get_short_url', { id: 'gone' }],
      ['get_role', { name: 'gone' }],
    ] as const) {
      const text = textOf(await freshRuntime().call(tool, args));
      expect(text, tool).toMatch(/\nHint: Check the id: this API keeps its objects outside spaces/);
    }
  });

  it('a listing names no object: its route is what is missing', async () => {
    kibanaWith(notFound);
    const text = textOf(await freshRuntime().call('list_synthetics_monitors', {}));
    expect(text).toMatch(
      /\nHint: Kibana does not serve this API here: the feature may be turned off or not licensed, or this Kibana version lacks it/,
    );
    expect(text).not.toMatch(/Check the id/);
  });
});
