// What an agent sees when things go wrong: a wrong id, rejected credentials, and a Kibana that goes
// away in the middle of a session and comes back.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NOT_FOUND_HINT, useScenario, writesIn, type Agent } from './support/scenario.js';

const scenario = useScenario();
let agent: Agent;

beforeAll(async () => {
  agent = await scenario.connect(['--toolsets', 'platform,cases,data_views,alerting']);
});

afterEach(async () => {
  await scenario.sandbox.setAvailable(true);
});

describe('unknown ids', () => {
  it.each([
    ['get_case', { case_id: 'no-such-case' }, /cases\/no-such-case/],
    ['get_data_view', { view_id: 'no-such-view' }, /index-pattern\/no-such-view/],
    ['get_alerting_rule', { id: 'no-such-rule' }, /alert\/no-such-rule/],
    ['get_data_view', { view_id: 'logs-data-view', space_id: 'security' }, /index-pattern\/logs-data-view/],
  ])('%s %j → isError with Kibana 404 and the id-and-space hint', async (tool, args, message) => {
    const text = await agent.fails(tool, args);
    expect(text).toMatch(/404/);
    expect(text).toMatch(message);
    expect(text).toMatch(NOT_FOUND_HINT);
  });

  it('an update of a case that does not exist is a 404, and nothing was created', async () => {
    const before = scenario.sandbox.state.cases.list('default').length;
    const text = await agent.fails('update_cases', { cases: [{ id: 'no-such-case', version: 'WzEsMV0=', status: 'closed' }] });
    expect(text).toMatch(/404/);
    expect(text).toMatch(/no-such-case/);
    expect(text).toMatch(NOT_FOUND_HINT);
    expect(scenario.sandbox.state.cases.list('default')).toHaveLength(before);
  });
});

describe('rejected credentials', () => {
  it('a server with a wrong or expired API key gets a 401 with the credentials hint, and never leaks the key', async () => {
    const wrongKey = Buffer.from('expired-key:not-the-secret').toString('base64');
    const stale = await scenario.connect(['--toolsets', 'platform,cases'], { env: { KIBANA_API_KEY: wrongKey } });
    const mark = scenario.sandbox.requests.length;

    for (const [tool, args] of [
      ['get_status', {}],
      ['find_cases', { status: 'open' }],
      [
        'create_case',
        {
          title: 't',
          description: 'd',
          tags: [],
          owner: 'cases',
          connector: { id: 'none', name: 'none', type: '.none', fields: null },
          settings: { syncAlerts: false },
        },
      ],
    ] as const) {
      const text = await stale.fails(tool, args);
      expect(text).toMatch(/401/);
      expect(text).toMatch(/Hint: The Kibana credentials were rejected or have expired/);
      expect(text).not.toContain(wrongKey);
      expect(text).not.toContain('not-the-secret');
    }
    // A 401 is final: each call reached Kibana once (no retries) and changed nothing.
    const seen = scenario.requestsSince(mark);
    expect(seen).toHaveLength(3);
    expect(seen.every((request) => request.status === 401)).toBe(true);
    expect(scenario.sandbox.state.cases.list('default').some((stored) => stored.title === 't')).toBe(false);

    // The correctly configured server is unaffected.
    expect(await agent.ok('get_status')).toMatchObject({ version: { number: '8.18.2' } });
  });

  it('basic auth with a wrong password is a 401 too; the right password works', async () => {
    const { username, password } = scenario.sandbox.credentials;
    const wrong = await scenario.connect(['--toolsets', 'platform'], {
      env: { KIBANA_API_KEY: '', KIBANA_USERNAME: username, KIBANA_PASSWORD: 'wrong-password' },
    });
    const text = await wrong.fails('get_status');
    expect(text).toMatch(/401/);
    expect(text).toMatch(/credentials were rejected/);
    expect(text).not.toContain('wrong-password');
    const right = await scenario.connect(['--toolsets', 'platform'], {
      env: { KIBANA_API_KEY: '', KIBANA_USERNAME: username, KIBANA_PASSWORD: password },
    });
    expect(await right.ok('get_status')).toMatchObject({ status: { overall: { level: 'available' } } });
  });
});

describe('Kibana goes away mid-session', () => {
  it('refusing connections: a clear network error, then the same server serves again once Kibana is back', async () => {
    expect((await agent.ok('find_cases', { per_page: 1 })).total).toBeGreaterThan(0);

    await scenario.sandbox.setAvailable(false, 'refusing');
    const read = await agent.fails('find_cases', { per_page: 1 });
    expect(read).toMatch(/connection refused/);
    expect(read).toMatch(/Hint: Kibana cannot be reached/);
    const status = await agent.fails('get_status');
    expect(status).toMatch(/Hint: Kibana cannot be reached/);

    await scenario.sandbox.setAvailable(true);
    expect((await agent.ok('find_cases', { per_page: 1 })).total).toBeGreaterThan(0);
    expect(await agent.ok('get_status')).toMatchObject({ status: { overall: { level: 'available' } } });
  });

  it('answering 503: a clear "unavailable" error, a write is not applied, and the server recovers', async () => {
    const casesBefore = scenario.sandbox.state.cases.list('default').length;
    await scenario.sandbox.setAvailable(false, 'unavailable');
    const mark = scenario.sandbox.requests.length;

    const read = await agent.fails('list_data_views');
    expect(read).toMatch(/503/);
    expect(read).toMatch(/Kibana server is not ready yet/);
    expect(read).toMatch(/Hint: Kibana or Elasticsearch is unavailable right now/);
    // The read was retried (idempotent GET, default --retries 2) before giving up.
    expect(scenario.requestsSince(mark).filter((request) => request.path === '/api/data_views')).toHaveLength(3);

    const writeMark = scenario.sandbox.requests.length;
    const write = await agent.fails('create_case', {
      title: 'Written during an outage',
      description: 'must not exist',
      tags: [],
      owner: 'cases',
      connector: { id: 'none', name: 'none', type: '.none', fields: null },
      settings: { syncAlerts: false },
    });
    expect(write).toMatch(/503/);
    expect(write).toMatch(/unavailable right now/);
    // A POST is not retried: Kibana saw it once and refused it.
    expect(writesIn(scenario.requestsSince(writeMark))).toEqual([
      expect.objectContaining({ method: 'POST', path: '/api/cases', status: 503 }),
    ]);

    await scenario.sandbox.setAvailable(true);
    expect((await agent.ok('list_data_views')).data_view.length).toBeGreaterThanOrEqual(3);
    expect(scenario.sandbox.state.cases.list('default')).toHaveLength(casesBefore);
    expect((await agent.ok('find_cases', { search: 'outage' })).total).toBe(0);
  });
});
