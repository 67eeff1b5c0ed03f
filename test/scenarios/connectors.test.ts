// An administrator wires a Slack connector in the Security space, tests it, and uses it in a rule.
// The sandbox records connector runs instead of sending anything.
import { beforeAll, describe, expect, it } from 'vitest';
import { NOT_FOUND_HINT, textOf, unique, useScenario, type Agent } from './support/scenario.js';

const scenario = useScenario();
let agent: Agent;

beforeAll(async () => {
  agent = await scenario.connect(['--toolsets', 'connectors,alerting', '--space', 'security']);
});

const SECRET_WEBHOOK = 'https://hooks.slack.example/services/T000/B000/very-secret-token';

describe('connector lifecycle', () => {
  it('create → test-run (recorded, nothing sent) → use in a rule → listed as referenced; secrets never echoed', async () => {
    const id = unique('soc-slack');

    const caseTypes = await agent.ok<{ id: string }[]>('list_connector_types', { feature_id: 'cases' });
    expect(caseTypes.map((type) => type.id)).toEqual(expect.arrayContaining(['.jira', '.servicenow']));
    expect(caseTypes.map((type) => type.id)).not.toContain('.slack');

    const createdResult = await agent.call('create_connector', {
      id,
      connector_type_id: '.slack',
      name: 'SOC channel',
      secrets: { webhookUrl: SECRET_WEBHOOK },
    });
    expect(createdResult.isError).toBeFalsy();
    expect(textOf(createdResult)).not.toContain('very-secret-token');
    expect(JSON.parse(textOf(createdResult))).toMatchObject({
      id,
      connector_type_id: '.slack',
      name: 'SOC channel',
      is_missing_secrets: false,
    });

    // --space security is the default for every call: the connector lives there, not in default.
    expect(scenario.sandbox.state.savedObjects.get('security', 'action', id)).toBeDefined();
    const inDefault = await agent.fails('get_connector', { id, space_id: 'default' });
    expect(inDefault).toMatch(/404/);
    expect(inDefault).toMatch(NOT_FOUND_HINT);

    // A test run: recorded with its parameters, and the sandbox contacted nobody.
    const runsBefore = scenario.sandbox.state.connectorExecutions.length;
    const run = await agent.ok('execute_connector', { id, params: { message: 'Connector test from the MCP agent' } });
    expect(run).toMatchObject({ status: 'ok', connector_id: id });
    expect(scenario.sandbox.state.connectorExecutions.slice(runsBefore)).toEqual([
      expect.objectContaining({
        connectorId: id,
        connectorTypeId: '.slack',
        space: 'security',
        params: { message: 'Connector test from the MCP agent' },
      }),
    ]);

    // Running a connector that does not exist records nothing.
    const missing = await agent.fails('execute_connector', { id: 'no-such-connector', params: { message: 'x' } });
    expect(missing).toMatch(/404/);
    expect(scenario.sandbox.state.connectorExecutions).toHaveLength(runsBefore + 1);

    // Use it in a rule, in the same space.
    const ruleId = unique('failed-logins');
    const rule = await agent.ok('create_alerting_rule', {
      id: ruleId,
      name: 'Failed logins spike',
      rule_type_id: '.es-query',
      consumer: 'stackAlerts',
      schedule: { interval: '1m' },
      params: {
        searchType: 'esQuery',
        index: ['logs-*'],
        timeField: '@timestamp',
        esQuery: '{"query":{"match":{"event.outcome":"failure"}}}',
        size: 100,
        threshold: [100],
        thresholdComparator: '>',
        timeWindowSize: 5,
        timeWindowUnit: 'm',
      },
      actions: [{ id, group: 'query matched', params: { message: '{{context.hits.length}} failed logins' } }],
    });
    expect(rule.actions).toEqual([expect.objectContaining({ id, connector_type_id: '.slack' })]);

    const listed = await agent.call('list_connectors');
    expect(textOf(listed)).not.toContain('very-secret-token');
    const connectors = JSON.parse(textOf(listed)) as { id: string; referenced_by_count: number }[];
    expect(connectors.find((connector) => connector.id === id)).toMatchObject({ referenced_by_count: 1 });
    expect((await agent.ok<unknown[]>('list_connectors', { space_id: 'default' })).length).toBe(2);

    // A rule in another space cannot use it.
    const crossSpace = await agent.fails('create_alerting_rule', {
      space_id: 'default',
      id: unique('cross-space'),
      name: 'Cross-space action',
      rule_type_id: '.es-query',
      consumer: 'stackAlerts',
      schedule: { interval: '1m' },
      params: rule.params,
      actions: [{ id, group: 'query matched', params: { message: 'x' } }],
    });
    expect(crossSpace).toMatch(/400/);
    expect(crossSpace).toMatch(new RegExp(`Invalid connector id: \\[${id}\\]`));

    // Rename: the config is replaced and the name changes; the get agrees.
    await agent.ok('update_connector', { id, name: 'SOC channel (primary)' });
    expect(await agent.ok('get_connector', { id })).toMatchObject({ name: 'SOC channel (primary)', connector_type_id: '.slack' });

    // Everything went to the sandbox (in the security space), never to Slack.
    expect(scenario.sandbox.requests.every((request) => !request.path.includes('hooks.slack'))).toBe(true);
    expect(scenario.sandbox.requests.filter((request) => request.path.endsWith('/_execute')).map((request) => request.path)).toEqual([
      `/s/security/api/actions/connector/${id}/_execute`,
      '/s/security/api/actions/connector/no-such-connector/_execute',
    ]);
  });
});
