import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './client.js';

const sandbox = useSandbox();
const NO_CONNECTOR = { id: 'none', name: 'none', type: '.none', fields: null };

async function createCase(title: string, tags: string[] = ['tests']) {
  const { status, body } = await call(sandbox(), 'POST', '/api/cases', {
    body: {
      title,
      description: `${title}, opened by the tests.`,
      tags,
      owner: 'cases',
      connector: NO_CONNECTOR,
      settings: { syncAlerts: false },
    },
  });
  expect(status).toBe(200);
  return body as { id: string; version: string; status: string };
}

describe('cases', () => {
  it('creates a case that is open, versioned and attributed to the caller', async () => {
    const created = await createCase('Printer on fire');
    expect(created).toMatchObject({ status: 'open', severity: 'low', totalComment: 0, created_by: { username: 'sandbox_api_key' } });
    expect((await call(sandbox(), 'GET', `/api/cases/${created.id}`)).body.title).toBe('Printer on fire');
  });

  it('finds cases by status, tags, search and owner, with status counts and paging', async () => {
    const { body } = await call(sandbox(), 'GET', '/api/cases/_find', { query: { owner: 'securitySolution' } });
    expect(body.cases.map((found: { title: string }) => found.title)).toEqual(['Suspicious logins on web-01']);
    expect(body).toMatchObject({ total: 1, count_open_cases: 1, count_closed_cases: 0 });

    const byTag = await call(sandbox(), 'GET', '/api/cases/_find', { query: { tags: ['checkout', 'nothing'] } });
    expect(byTag.body.cases.map((found: { title: string }) => found.title)).toEqual(['Checkout latency regression']);

    const bySearch = await call(sandbox(), 'GET', '/api/cases/_find', { query: { search: 'latency' } });
    expect(bySearch.body.total).toBe(1);

    const paged = await call(sandbox(), 'GET', '/api/cases/_find', {
      query: { perPage: '1', page: '2', sortField: 'title', sortOrder: 'asc' },
    });
    expect(paged.body).toMatchObject({ page: 2, per_page: 1 });
    expect(paged.body.cases).toHaveLength(1);
  });

  it('updates with the current version, and answers 409 for a stale one', async () => {
    const created = await createCase('Stale version');
    const updated = await call(sandbox(), 'PATCH', '/api/cases', {
      body: { cases: [{ id: created.id, version: created.version, status: 'closed', tags: ['tests', 'done'] }] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body[0]).toMatchObject({ status: 'closed', tags: ['tests', 'done'], closed_by: { username: 'sandbox_api_key' } });
    expect(updated.body[0].version).not.toBe(created.version);

    const stale = await call(sandbox(), 'PATCH', '/api/cases', {
      body: { cases: [{ id: created.id, version: created.version, title: 'Too late' }] },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: `These cases ${created.id} has been updated. Please refresh before saving additional updates.`,
    });

    const unchanged = await call(sandbox(), 'PATCH', '/api/cases', {
      body: { cases: [{ id: created.id, version: updated.body[0].version, status: 'closed' }] },
    });
    expect(unchanged.status).toBe(406);

    const missing = await call(sandbox(), 'PATCH', '/api/cases', { body: { cases: [{ id: 'nope', version: 'x', title: 'y' }] } });
    expect(missing.status).toBe(404);
  });

  it('adds user comments and alert attachments, and finds them both ways', async () => {
    const created = await createCase('With attachments');
    await call(sandbox(), 'POST', `/api/cases/${created.id}/comments`, {
      body: { type: 'user', comment: 'Looking into it', owner: 'cases' },
    });
    const withAlert = await call(sandbox(), 'POST', `/api/cases/${created.id}/comments`, {
      body: {
        type: 'alert',
        alertId: 'alert-1',
        index: '.alerts-security.alerts-default',
        rule: { id: 'r1', name: 'Rule one' },
        owner: 'cases',
      },
    });
    expect(withAlert.body).toMatchObject({ totalComment: 1, totalAlerts: 1 });

    const comments = await call(sandbox(), 'GET', `/api/cases/${created.id}/comments/_find`, { query: { sortOrder: 'asc' } });
    expect(comments.body.comments.map((comment: { type: string }) => comment.type)).toEqual(['user', 'alert']);

    const alerts = await call(sandbox(), 'GET', `/api/cases/${created.id}/alerts`);
    expect(alerts.body).toEqual([{ id: 'alert-1', index: '.alerts-security.alerts-default', attached_at: expect.any(String) }]);

    const cases = await call(sandbox(), 'GET', '/api/cases/alerts/alert-1');
    expect(cases.body).toEqual([
      expect.objectContaining({ id: created.id, title: 'With attachments', totals: { alerts: 1, userComments: 1 } }),
    ]);

    const invalid = await call(sandbox(), 'POST', `/api/cases/${created.id}/comments`, { body: { type: 'user', owner: 'cases' } });
    expect(invalid.status).toBe(400);
  });

  it('refuses comments of another owner and alerts on a closed case, and skips alerts attached already', async () => {
    const created = await createCase('Attachment rules');
    const alert = (alertId: string | string[], index: string | string[] = '.alerts-security.alerts-default') => ({
      type: 'alert',
      alertId,
      index,
      rule: { id: 'r1', name: 'Rule one' },
      owner: 'cases',
    });
    const wrongOwner = await call(sandbox(), 'POST', `/api/cases/${created.id}/comments`, {
      body: { type: 'user', comment: 'x', owner: 'observability' },
    });
    expect(wrongOwner.status).toBe(400);
    expect(wrongOwner.body.message).toBe('The owner field of the comment must match the case');

    await call(sandbox(), 'POST', `/api/cases/${created.id}/comments`, { body: alert('a-1') });
    const again = await call(sandbox(), 'POST', `/api/cases/${created.id}/comments`, { body: alert(['a-1', 'a-2'], ['i-1', 'i-2']) });
    expect(again.body.totalAlerts).toBe(2);
    const attached = await call(sandbox(), 'GET', `/api/cases/${created.id}/alerts`);
    expect(attached.body.map((entry: { id: string; index: string }) => `${entry.id}@${entry.index}`)).toEqual([
      'a-1@.alerts-security.alerts-default',
      'a-2@i-2',
    ]);
    const unchanged = await call(sandbox(), 'POST', `/api/cases/${created.id}/comments`, { body: alert('a-2') });
    expect(unchanged.body.comments).toHaveLength(2);

    await call(sandbox(), 'PATCH', '/api/cases', {
      body: { cases: [{ id: created.id, version: unchanged.body.version, status: 'closed' }] },
    });
    const closed = await call(sandbox(), 'POST', `/api/cases/${created.id}/comments`, { body: alert('a-3') });
    expect(closed.status).toBe(400);
    expect(closed.body.message).toBe('Alert cannot be attached to a closed case');
  });

  it('attached detection alerts record the case and follow its status when it syncs alerts', async () => {
    const state = sandbox().state;
    const [first, second] = state.detectionAlerts
      .list('default')
      .filter((alert) => alert._source['kibana.alert.workflow_status'] === 'acknowledged');
    const attach = (caseId: string, ids: string[]) =>
      call(sandbox(), 'POST', `/api/cases/${caseId}/comments`, {
        body: { type: 'alert', alertId: ids, index: ids.map(() => first!._index), rule: { id: 'r', name: 'r' }, owner: 'cases' },
      });
    const statusOf = (id: string) => state.detectionAlerts.get('default', id)!._source['kibana.alert.workflow_status'];

    // Not syncing: the alerts keep their status, and record the case.
    const quiet = await createCase('No sync');
    await attach(quiet.id, [first!._id]);
    expect(statusOf(first!._id)).toBe('acknowledged');
    expect(state.detectionAlerts.get('default', first!._id)!._source['kibana.alert.case_ids']).toEqual([quiet.id]);

    // Syncing: attaching sets them to the case's status; status changes follow (in-progress → acknowledged).
    const synced = await call(sandbox(), 'POST', '/api/cases', {
      body: { title: 'Sync', description: 'd', tags: [], owner: 'cases', connector: NO_CONNECTOR, settings: { syncAlerts: true } },
    });
    const afterAttach = await attach(synced.body.id, [first!._id, second!._id]);
    expect([statusOf(first!._id), statusOf(second!._id)]).toEqual(['open', 'open']);
    expect(state.detectionAlerts.get('default', first!._id)!._source['kibana.alert.case_ids']).toEqual([quiet.id, synced.body.id]);
    const inProgress = await call(sandbox(), 'PATCH', '/api/cases', {
      body: { cases: [{ id: synced.body.id, version: afterAttach.body.version, status: 'in-progress' }] },
    });
    expect([statusOf(first!._id), statusOf(second!._id)]).toEqual(['acknowledged', 'acknowledged']);
    await call(sandbox(), 'PATCH', '/api/cases', {
      body: { cases: [{ id: synced.body.id, version: inProgress.body[0].version, status: 'closed' }] },
    });
    expect([statusOf(first!._id), statusOf(second!._id)]).toEqual(['closed', 'closed']);

    // Turning sync on passes the case's current status on.
    const later = await createCase('Sync later');
    const third = state.detectionAlerts
      .list('default')
      .find((alert) => alert._source['kibana.alert.workflow_status'] === 'open' && !alert._source['kibana.alert.case_ids'])!;
    const attached = await attach(later.id, [third._id]);
    const inProgressLater = await call(sandbox(), 'PATCH', '/api/cases', {
      body: { cases: [{ id: later.id, version: attached.body.version, status: 'in-progress' }] },
    });
    expect(statusOf(third._id)).toBe('open');
    await call(sandbox(), 'PATCH', '/api/cases', {
      body: { cases: [{ id: later.id, version: inProgressLater.body[0].version, settings: { syncAlerts: true } }] },
    });
    expect(statusOf(third._id)).toBe('acknowledged');
  });

  it('keeps a history of user actions, filterable by type', async () => {
    const created = await createCase('History');
    await call(sandbox(), 'PATCH', '/api/cases', { body: { cases: [{ id: created.id, version: created.version, severity: 'critical' }] } });
    const all = await call(sandbox(), 'GET', `/api/cases/${created.id}/user_actions/_find`, { query: { sortOrder: 'asc' } });
    expect(all.body.userActions.map((action: { type: string }) => action.type)).toEqual(['create_case', 'severity']);
    const severity = await call(sandbox(), 'GET', `/api/cases/${created.id}/user_actions/_find`, { query: { types: 'severity' } });
    expect(severity.body.userActions).toHaveLength(1);
    expect(severity.body.userActions[0].payload).toEqual({ severity: 'critical' });
  });

  it('lists tags and reporters', async () => {
    expect((await call(sandbox(), 'GET', '/api/cases/tags', { query: { owner: 'observability' } })).body).toEqual([
      'checkout',
      'performance',
    ]);
    const reporters = (await call(sandbox(), 'GET', '/api/cases/reporters')).body.map((user: { username: string }) => user.username);
    expect(reporters).toEqual(expect.arrayContaining(['elastic', 'ana', 'sandbox_api_key']));
  });

  it('deletes cases by ids', async () => {
    const created = await createCase('Short-lived');
    expect((await call(sandbox(), 'DELETE', '/api/cases', { query: { ids: [created.id] } })).status).toBe(204);
    expect((await call(sandbox(), 'GET', `/api/cases/${created.id}`)).status).toBe(404);
  });
});
