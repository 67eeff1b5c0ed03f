// A case from opening to closing, with two people (two MCP sessions) editing it: the slower one
// hits Kibana's version check (409), re-reads the case and retries.
import { describe, expect, it } from 'vitest';
import { unique, useScenario } from './support/scenario.js';

const scenario = useScenario();

const NO_CONNECTOR = { id: 'none', name: 'none', type: '.none', fields: null };

describe('case lifecycle', () => {
  it('open → comment → concurrent edit conflicts (409 hint) → re-read and retry → close; find and activity agree', async () => {
    const alice = await scenario.connect(['--toolsets', 'cases']);
    const bob = await scenario.connect(['--toolsets', 'cases']);
    const tag = unique('incident');

    const created = await alice.ok('create_case', {
      title: 'Payment API returns 502',
      description: 'Customers report failed payments since 09:40.',
      tags: [tag],
      owner: 'observability',
      severity: 'medium',
      connector: NO_CONNECTOR,
      settings: { syncAlerts: false },
      full: true,
    });
    expect(created).toMatchObject({ status: 'open', severity: 'medium', created_by: { username: 'sandbox_api_key' } });

    // Both read the case at the same version.
    const seenByBob = await bob.ok('get_case', { case_id: created.id });
    expect(seenByBob.version).toBe(created.version);

    // Alice moves it on and comments.
    const [inProgress] = await alice.ok('update_cases', {
      cases: [{ id: created.id, version: created.version, status: 'in-progress', severity: 'high' }],
    });
    expect(inProgress).toMatchObject({ status: 'in-progress', severity: 'high' });
    expect(inProgress.version).not.toBe(created.version);
    await alice.ok('add_case_comment', {
      case_id: created.id,
      body: { type: 'user', comment: 'Rolled back payment-gateway to v41; error rate dropping.', owner: 'observability' },
    });

    // Bob's edit is based on the stale version: 409 with a hint to re-read and retry, and nothing changes.
    const conflict = await bob.fails('update_cases', {
      cases: [{ id: created.id, version: seenByBob.version, title: 'Payment API 502s (gateway v42)' }],
    });
    expect(conflict).toMatch(/409/);
    expect(conflict).toMatch(/has been updated/);
    expect(conflict).toMatch(/Hint: An object with this id already exists \(or was changed meanwhile\).*read the object again and retry/);
    expect(scenario.sandbox.state.cases.get('default', created.id)!.title).toBe('Payment API returns 502');

    // He re-reads and retries.
    const fresh = await bob.ok('get_case', { case_id: created.id });
    expect(fresh).toMatchObject({ status: 'in-progress', totalComment: 1 });
    const [renamed] = await bob.ok('update_cases', {
      cases: [{ id: created.id, version: fresh.version, title: 'Payment API 502s (gateway v42)' }],
    });
    expect(renamed.title).toBe('Payment API 502s (gateway v42)');

    // Sending only unchanged fields is Kibana's 406, surfaced as an error, not a success.
    const unchanged = await bob.fails('update_cases', { cases: [{ id: created.id, version: renamed.version, title: renamed.title }] });
    expect(unchanged).toMatch(/406/);
    expect(unchanged).toMatch(/identical/);

    // Alice closes it with the current version.
    const current = await alice.ok('get_case', { case_id: created.id });
    const [closed] = await alice.ok('update_cases', {
      cases: [{ id: created.id, version: current.version, status: 'closed' }],
      full: true,
    });
    expect(closed).toMatchObject({ status: 'closed', closed_by: { username: 'sandbox_api_key' } });
    expect(closed.closed_at).toEqual(expect.any(String));

    // Follow-up reads agree.
    const found = await alice.ok('find_cases', { tags: tag });
    expect(found).toMatchObject({ total: 1, count_closed_cases: 1, count_open_cases: 0 });
    expect(found.cases[0]).toMatchObject({ id: created.id, status: 'closed', title: 'Payment API 502s (gateway v42)', severity: 'high' });
    expect((await alice.ok('find_cases', { tags: tag, status: 'open' })).total).toBe(0);

    const activity = await alice.ok('find_case_activity', { case_id: created.id, sort_order: 'asc' });
    // One PATCH that changes two fields records two actions, in no particular order.
    const types = activity.userActions.map((action: { type: string }) => action.type);
    expect(types[0]).toBe('create_case');
    expect([...types].sort()).toEqual(['comment', 'create_case', 'severity', 'status', 'status', 'title']);
    expect(types.at(-1)).toBe('status');
    const comments = await alice.ok('find_case_comments', { case_id: created.id });
    expect(comments.comments).toEqual([expect.objectContaining({ type: 'user', comment: expect.stringMatching(/Rolled back/) })]);
    expect(await alice.ok('list_case_tags', { owner: 'observability' })).toContain(tag);
  });

  it('invalid arguments are named before anything reaches Kibana', async () => {
    const agent = await scenario.connect(['--toolsets', 'cases']);
    const mark = scenario.sandbox.requests.length;
    const text = await agent.fails('create_case', {
      title: 'Missing connector and a bad owner',
      description: 'd',
      tags: [],
      owner: 'nobody',
      settings: { syncAlerts: false },
    });
    expect(text).toMatch(/Invalid arguments for create_case/);
    expect(text).toMatch(/owner/);
    expect(text).toMatch(/connector/);
    // The camelCase name of earlier versions is an unknown argument now.
    const unknownArgument = await agent.fails('get_case', { case_id: 'x', caseId: 'x' });
    expect(unknownArgument).toMatch(/unknown argument "caseId"/);
    expect(scenario.requestsSince(mark)).toEqual([]);
  });
});
